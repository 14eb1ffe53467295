using System.Diagnostics;
using Hangfire;
using Hangfire.Server;

namespace Cohort.Benchmarks;

/// <summary>
/// What Hangfire itself costs: N jobs that do nothing, enqueued into the app's own job storage (in memory beside SQLite,
/// PostgreSQL's hangfire schema beside PostgreSQL, as AddCohortJobs chooses) and run by a server with the app's worker
/// count, timed from the server's start until the storage counts all of them succeeded. The nudge dispatch rate is
/// read against this: dispatch cannot be cheaper per nudge than Hangfire is per empty job, were each nudge a job.
/// </summary>
internal static class HangfireBaseline
{
    public static async Task<(TimeSpan Enqueue, TimeSpan Run)> RunAsync(JobStorage storage, int count)
    {
        var client = new BackgroundJobClient(storage);
        var before = storage.GetMonitoringApi().SucceededListCount();
        var enqueue = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            client.Enqueue(() => Nothing());
        }

        enqueue.Stop();
        var run = Stopwatch.StartNew();
        using (var server = new BackgroundJobServer(
            new BackgroundJobServerOptions { WorkerCount = Math.Max(2, Environment.ProcessorCount), ServerName = "bench-" + Guid.NewGuid().ToString("N")[..8] },
            storage,
            Array.Empty<IBackgroundProcess>()))
        {
            while (storage.GetMonitoringApi().SucceededListCount() - before < count)
            {
                await Task.Delay(20);
                if (run.Elapsed > TimeSpan.FromMinutes(10))
                {
                    throw new TimeoutException("Hangfire did not run the empty jobs within 10 minutes.");
                }
            }

            run.Stop();
            server.SendStop();
        }

        return (enqueue.Elapsed, run.Elapsed);
    }

    /// <summary>The empty job.</summary>
    public static void Nothing()
    {
    }
}
