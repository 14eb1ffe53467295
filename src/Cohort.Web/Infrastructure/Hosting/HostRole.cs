namespace Cohort.Web.Infrastructure.Hosting;

/// <summary>
/// What this instance does, from <c>Cohort:Role</c>: <c>web</c> serves pages and the API, <c>worker</c> runs the
/// background jobs (nudges, meeting sync) and answers only the health probes, <c>both</c> (the default) does everything.
/// Several instances share one PostgreSQL database; any mix of roles works because the database is the truth.
/// </summary>
public sealed record HostRole(bool ServesWeb, bool RunsJobs)
{
    public const string Key = "Cohort:Role";

    public static HostRole From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[Key];
        return (value ?? "both").Trim().ToLowerInvariant() switch
        {
            "both" or "" => new HostRole(true, true),
            "web" => new HostRole(true, false),
            "worker" => new HostRole(false, true),
            _ => throw new InvalidOperationException($"{Key} must be 'web', 'worker' or 'both', not '{value}'."),
        };
    }
}
