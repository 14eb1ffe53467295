using Microsoft.Kiota.Abstractions.Authentication;

namespace Cohort.Web.Infrastructure.Meetings;

public static class MeetingsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="GraphSettings"/> and the <see cref="IOnlineMeetingService"/> they call for, both singletons:
    /// <see cref="GraphOnlineMeetingService"/> when <c>Cohort:Graph</c> is configured, otherwise
    /// <see cref="ManualMeetingService"/>. A partial configuration, a missing certificate file or a wrong certificate
    /// password throws here, at start. A registered <see cref="IAuthenticationProvider"/> replaces the
    /// client-credentials one (tests use it for a fake token).
    /// </summary>
    public static IServiceCollection AddCohortMeetings(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = GraphSettings.From(configuration);
        services.AddSingleton(settings);
        if (!settings.IsConfigured)
        {
            services.AddSingleton<IOnlineMeetingService, ManualMeetingService>();
            return services;
        }

        var clientCredentials = GraphOnlineMeetingService.CreateAuthenticationProvider(settings);
        services.AddSingleton<IOnlineMeetingService>(sp => new GraphOnlineMeetingService(
            settings,
            sp.GetService<IAuthenticationProvider>() ?? clientCredentials,
            sp.GetService<ILogger<GraphOnlineMeetingService>>()));
        return services;
    }
}
