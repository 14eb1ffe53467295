using Cohort.Web.Data;
using Cohort.Web.Infrastructure.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cohort.UnitTests.Hosting;

/// <summary>Cohort:Role decides whether an instance serves the web, runs the jobs, or both.</summary>
public sealed class HostRoleTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Theory]
    [InlineData(null, true, true)]
    [InlineData("both", true, true)]
    [InlineData("Web", true, false)]
    [InlineData(" worker ", false, true)]
    public void The_role_says_what_the_instance_does(string? role, bool web, bool jobs)
    {
        var config = role is null ? Config() : Config((HostRole.Key, role));

        Assert.Equal(new HostRole(web, jobs), HostRole.From(config));
    }

    [Fact]
    public void An_unknown_role_stops_the_app_with_the_key_named()
    {
        var e = Assert.Throws<InvalidOperationException>(() => HostRole.From(Config((HostRole.Key, "scheduler"))));

        Assert.Contains("Cohort:Role", e.Message, StringComparison.Ordinal);
        Assert.Contains("scheduler", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("web", false)]
    [InlineData("worker", true)]
    [InlineData("both", true)]
    public void Only_instances_that_run_jobs_host_the_job_server(string role, bool hosted)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var database = new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=:memory:", Path.GetTempPath());

        services.AddCohortJobs(Config((HostRole.Key, role)), database);

        var servers = services.Count(d => d.ServiceType == typeof(IHostedService) && (d.ImplementationType?.FullName?.Contains("Hangfire", StringComparison.Ordinal) == true
            || d.ImplementationFactory?.Method.ReturnType.FullName?.Contains("Hangfire", StringComparison.Ordinal) == true
            || d.ImplementationFactory?.Method.DeclaringType?.FullName?.Contains("Hangfire", StringComparison.Ordinal) == true));
        Assert.Equal(hosted, servers > 0);
    }
}
