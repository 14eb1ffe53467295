using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Cohort.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace Cohort.IntegrationTests.ScaleOut;

/// <summary>The app on a PostgreSQL server of this test's own, which is stopped and started again under a load of writes.</summary>
[Collection(ScaleOutCollection.Name)]
public sealed class PostgresRestartTests(ITestOutputHelper output)
{
    /// <summary>No request may take longer than this, outage or not.</summary>
    private static readonly TimeSpan RequestBound = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private enum Phase
    {
        Up,
        Down,
        Recovered,
    }

    private sealed record Attempt(string Note, Phase StartedIn, HttpStatusCode? Status, string? ContentType, Guid? Id, TimeSpan Took, string? Error, string? RetryAfter = null);

    [SkippableFact]
    public async Task Requests_fail_cleanly_while_PostgreSQL_restarts_and_the_app_recovers_without_losing_an_acknowledged_write()
    {
        await using var server = await PostgresServer.StartPrivateOrSkipAsync();
        var seed = new PrivateServerApp(server);
        await seed.InitializeAsync();
        try
        {
            seed.Clock.SetUtcNow(ScaleOutWorld.ThursdayMorning);
            var (programme, teams) = await ScaleOutWorld.WriteProgrammeAsync(seed, 2);
            var token = await ScaleOutWorld.AdminTokenAsync(seed);
            await using var app = await AppProcess.StartAsync("app", new AppProcessOptions(seed.DatabaseConnectionString, "both", ScaleOutWorld.ThursdayMorning));
            using var probe = app.ApiClient(token, RequestBound);

            var phase = new CurrentPhase();
            var attempts = new ConcurrentQueue<Attempt>();
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 3).Select(writer => Task.Run(async () =>
            {
                using var api = app.ApiClient(token, RequestBound);
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    var note = $"writer {writer} write {n}";
                    var startedIn = phase.Value;
                    var watch = Stopwatch.StartNew();
                    try
                    {
                        var response = await api.PostAsJsonAsync($"/api/v1/programs/{programme}/teams/{teams[n % teams.Count]}/checkins", ScaleOutWorld.CheckIn(note));
                        Guid? id = response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<IdBody>())!.Id : null;
                        var body = response.IsSuccessStatusCode ? null : await response.Content.ReadAsStringAsync();
                        attempts.Enqueue(new Attempt(note, startedIn, response.StatusCode, response.Content.Headers.ContentType?.MediaType, id, watch.Elapsed, body, response.Headers.RetryAfter?.ToString()));
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        attempts.Enqueue(new Attempt(note, startedIn, null, null, null, watch.Elapsed, e.GetType().Name + ": " + e.Message));
                    }

                    await Task.Delay(20);
                }
            })).ToList();

            int Succeeded(Phase p) => attempts.Count(a => a.StartedIn == p && a.Id is not null);
            await WaitUntilAsync(app, () => Task.FromResult(Succeeded(Phase.Up) >= 30));

            // The outage: an administrator's fast shutdown (sessions ended, every commit kept).
            phase.Value = Phase.Down;
            await server.StopAsync();
            await WaitUntilAsync(app, async () => (await probe.GetAsync("/readyz")).StatusCode == HttpStatusCode.ServiceUnavailable);
            await WaitUntilAsync(app, () => Task.FromResult(attempts.Count(a => a.StartedIn == Phase.Down && a.Id is null) >= 10));

            await server.StartAgainAsync();
            phase.Value = Phase.Recovered;
            await WaitUntilAsync(app, async () => (await probe.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK);
            await WaitUntilAsync(app, () => Task.FromResult(Succeeded(Phase.Recovered) >= 30));
            await stop.CancelAsync();
            await Task.WhenAll(writers);

            var all = attempts.ToList();
            foreach (var group in all.GroupBy(a => (a.StartedIn, a.Status, a.ContentType)))
            {
                output.WriteLine($"{group.Key.StartedIn}: {(group.Key.Status is { } s ? (int)s : "no answer")} {group.Key.ContentType} x{group.Count()}, longest {group.Max(a => a.Took).TotalMilliseconds:0} ms; e.g. {group.First().Error}");
            }

            // Every request was answered within the bound: nothing hung, nothing was cut off.
            Assert.All(all, a => Assert.True(a.Status is not null && a.Took < RequestBound, $"{a.Note}: {a.Error} after {a.Took}"));

            // During the outage requests failed, and every failure said so cleanly: 503 with problem details and when to retry.
            var failed = all.Where(a => a.Id is null).ToList();
            Assert.NotEmpty(failed);
            Assert.All(failed, a =>
            {
                Assert.True(a.Status == HttpStatusCode.ServiceUnavailable, $"{a.Note} ({a.StartedIn}): {a.Status} {a.Error}");
                Assert.Equal(("application/problem+json", "5"), (a.ContentType, a.RetryAfter));
            });

            // The app recovered without a restart: the last writes all succeeded.
            Assert.False(app.HasExited);
            Assert.All(all.Where(a => a.StartedIn == Phase.Recovered).TakeLast(20), a => Assert.NotNull(a.Id));

            // Nothing acknowledged is lost: every 2xx write is in the database, as it was sent.
            NpgsqlConnection.ClearPool(new NpgsqlConnection(seed.DatabaseConnectionString));
            var stored = await seed.QueryDbAsync(db => db.CheckIns.Where(c => c.ProgramId == programme).ToDictionaryAsync(c => c.Id, c => c.SharedNotes));
            var acknowledged = all.Where(a => a.Id is not null).ToList();
            Assert.All(acknowledged, a => Assert.Equal(a.Note, stored.GetValueOrDefault(a.Id!.Value)));
            output.WriteLine($"{acknowledged.Count} writes acknowledged and stored, {failed.Count} refused, {stored.Count - acknowledged.Count} stored without an acknowledgement.");
        }
        finally
        {
            await seed.DisposeAsync();
        }
    }

    private static async Task WaitUntilAsync(AppProcess app, Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not reached within {Bound.TotalSeconds} s.\n--- {app} ---\n{app.Output}");
            await Task.Delay(100);
        }
    }

    private sealed record IdBody(Guid Id);

    private sealed class CurrentPhase
    {
        public volatile Phase Value;
    }

    /// <summary>The in-process app, on a new database of the given server, used to build the data and read it back.</summary>
    private sealed class PrivateServerApp(PostgresServer server) : CohortApp
    {
        protected override Database Kind => Database.PostgreSql;

        protected override Task<string> CreatePostgresDatabaseAsync() => server.CreateDatabaseAsync("restart");
    }
}
