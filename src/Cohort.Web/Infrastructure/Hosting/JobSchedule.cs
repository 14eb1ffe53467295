using Cohort.Web.Features.Nudges;
using Hangfire;

namespace Cohort.Web.Infrastructure.Hosting;

/// <summary>
/// Every recurring job, declared in one place with a stable id and registered at each start (InMemory storage
/// forgets them on restart; PostgreSQL keeps them, and AddOrUpdate leaves one copy). Jobs carry no data: the
/// database holds what is due.
/// </summary>
public static class JobSchedule
{
    public const string DispatchNudges = "nudges:dispatch";

    public const string SyncMeetings = "showcases:meetings";

    public static void Register(IRecurringJobManager jobs)
    {
        jobs.AddOrUpdate<NudgeJobs>(DispatchNudges, j => j.DispatchAsync(CancellationToken.None), Cron.Minutely());
        jobs.AddOrUpdate<Features.Showcases.ShowcaseMeetingJobs>(SyncMeetings, j => j.RunDueAsync(CancellationToken.None), Cron.Minutely());
    }
}

public sealed class NudgeJobs(NudgeDispatcher dispatcher)
{
    /// <summary>No Hangfire retries: the next minute's run picks up whatever this one left, from the database.</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task DispatchAsync(CancellationToken cancellationToken) => dispatcher.RunOnceAsync(cancellationToken);
}
