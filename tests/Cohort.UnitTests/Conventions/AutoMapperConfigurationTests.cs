using AutoMapper;
using AutoMapper.Internal;
using AutoMapper.QueryableExtensions;
using Cohort.Web.Infrastructure.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.UnitTests.Conventions;

public sealed class AutoMapperConfigurationTests
{
    [Fact]
    public void Mapping_configuration_is_valid()
    {
        using var services = BuildServices();

        services.GetRequiredService<IConfigurationProvider>().AssertConfigurationIsValid();
    }

    [Fact]
    public void Every_profile_of_the_app_is_loaded()
    {
        var profiles = typeof(ServiceRegistration).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false } && t.IsSubclassOf(typeof(Profile)))
            .Select(t => t.FullName!)
            .ToList();
        using var services = BuildServices();
        var loaded = services.GetRequiredService<IConfigurationProvider>().Internal().GetAllTypeMaps()
            .Select(m => m.Profile.Name)
            .ToHashSet();

        Assert.NotEmpty(profiles);
        var missing = profiles.Where(p => !loaded.Contains(p)).ToList();
        Assert.True(missing.Count == 0, "Profiles with no map in the app's configuration: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_projection_builds_a_query()
    {
        using var services = BuildServices();
        var configuration = services.GetRequiredService<IConfigurationProvider>();
        var projections = configuration.Internal().GetAllTypeMaps().Where(m => m.Projection).ToList();

        Assert.NotEmpty(projections);
        var failures = new List<string>();
        foreach (var map in projections)
        {
            try
            {
                // Building the expression is what ProjectTo does before EF sees it; no database needed.
                _ = Array.CreateInstance(map.SourceType, 0).AsQueryable().ProjectTo(map.DestinationType, configuration).Expression;
            }
            catch (Exception e)
            {
                failures.Add($"{map.SourceType.Name} → {map.DestinationType.FullName}: {e.Message}");
            }
        }

        Assert.True(failures.Count == 0, "Projections that cannot build a query:\n" + string.Join("\n", failures));
    }

    /// <summary>The same registration as ServiceRegistration.AddCohortApplication.</summary>
    private static ServiceProvider BuildServices() => new ServiceCollection()
        .AddLogging()
        .AddAutoMapper(cfg => cfg.LicenseKey = Environment.GetEnvironmentVariable("AUTOMAPPER_LICENSE_KEY"), typeof(ServiceRegistration).Assembly)
        .BuildServiceProvider();
}
