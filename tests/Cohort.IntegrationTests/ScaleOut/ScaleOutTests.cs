using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Cohort.IntegrationTests.Infrastructure;
using Cohort.IntegrationTests.Meetings;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure.Hosting;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Cohort.IntegrationTests.ScaleOut;

/// <summary>
/// Two real app processes (both role <c>both</c>: web and job server) on one PostgreSQL database, serving API writes
/// while their four Hangfire workers compete for the same nudge dispatches and meeting syncs.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class ScaleOutTests(ITestOutputHelper output)
{
    private const int Teams = 5;
    private const int MembersPerTeam = 8;
    private const int CheckInsPerProcess = 25;
    private const int ShowcasesPerProcess = 3;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    [SkippableFact]
    public async Task Two_processes_deliver_every_nudge_once_create_every_meeting_once_and_keep_every_acknowledged_write()
    {
        await using var smtp = await SmtpServer.StartOrSkipAsync();
        var seed = new PostgresApp();
        await seed.InitializeAsync();
        try
        {
            Skip.If(seed.SkipReason is not null, seed.SkipReason);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await using var graph = await FakeGraphServer.StartAsync();
            seed.Clock.SetUtcNow(ScaleOutWorld.ThursdayMorning);
            var nudgeProgramme = await ScaleOutWorld.NudgeProgrammeAsync(seed, Teams, MembersPerTeam);
            var (writeProgramme, writeTeams) = await ScaleOutWorld.WriteProgrammeAsync(seed, 4);
            var token = await ScaleOutWorld.AdminTokenAsync(seed);
            output.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s: seeded");

            // Several dispatches and meeting sweeps wait before either process is up: each worker takes one at once.
            for (var i = 0; i < 3; i++)
            {
                ScaleOutWorld.Trigger(seed, JobSchedule.DispatchNudges);
                ScaleOutWorld.Trigger(seed, JobSchedule.SyncMeetings);
            }

            // The first create is carried out but its answer lost (503): the SDK's retry must not make a second event.
            graph.FailNext(FakeGraphFault.ServedButUnavailable());
            var options = new AppProcessOptions(seed.DatabaseConnectionString, "both", ScaleOutWorld.ThursdayMorning) { Graph = graph, Smtp = smtp };
            var starting = new[] { AppProcess.StartAsync("app-a", options), AppProcess.StartAsync("app-b", options) };
            try
            {
                await Task.WhenAll(starting);
            }
            catch
            {
                foreach (var started in starting.Where(t => t.IsCompletedSuccessfully))
                {
                    await started.Result.DisposeAsync();
                }

                throw;
            }

            await using var a = starting[0].Result;
            await using var b = starting[1].Result;
            AppProcess[] processes = [a, b];
            output.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s: both processes up");

            // Concurrent writes through both processes: check-ins and showcases (each showcase asks for a Teams meeting).
            var acknowledgedCheckIns = new ConcurrentDictionary<string, Guid>();
            var acknowledgedShowcases = new ConcurrentDictionary<string, Guid>();
            var failures = new ConcurrentBag<string>();
            var writers = processes.SelectMany(process => Enumerable.Range(0, 3).Select(writer => Task.Run(async () =>
            {
                using var api = process.ApiClient(token);
                for (var n = writer; n < CheckInsPerProcess; n += 3)
                {
                    var note = $"{process.Name} check-in {n}";
                    var team = writeTeams[n % writeTeams.Count];
                    var response = await api.PostAsJsonAsync($"/api/v1/programs/{writeProgramme}/teams/{team}/checkins", ScaleOutWorld.CheckIn(note));
                    if (response.IsSuccessStatusCode)
                    {
                        acknowledgedCheckIns[note] = (await response.Content.ReadFromJsonAsync<IdBody>())!.Id;
                    }
                    else
                    {
                        failures.Add($"{note}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    }

                    if (n < ShowcasesPerProcess)
                    {
                        var title = $"{process.Name} 成果発表会 {n}";
                        var scheduled = await api.PostAsJsonAsync($"/api/v1/programs/{writeProgramme}/showcases", new
                        {
                            title, date = "2026-12-17", startTime = "14:00:00", endTime = "16:00:00", format = "Online", guestEmails = "mayor@city.example.jp",
                        });
                        if (scheduled.StatusCode == HttpStatusCode.Created)
                        {
                            acknowledgedShowcases[title] = (await scheduled.Content.ReadFromJsonAsync<IdBody>())!.Id;
                        }
                        else
                        {
                            failures.Add($"{title}: {(int)scheduled.StatusCode} {await scheduled.Content.ReadAsStringAsync()}");
                        }
                    }
                }
            }))).ToList();

            // Meanwhile more runs of both jobs, as overlapping minutes would bring.
            for (var i = 0; i < 2; i++)
            {
                ScaleOutWorld.Trigger(seed, JobSchedule.DispatchNudges);
                ScaleOutWorld.Trigger(seed, JobSchedule.SyncMeetings);
            }

            await Task.WhenAll(writers);
            output.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s: writes done");
            Assert.Empty(failures);
            Assert.Equal(2 * CheckInsPerProcess, acknowledgedCheckIns.Count);
            Assert.Equal(2 * ShowcasesPerProcess, acknowledgedShowcases.Count);

            // Wait (bounded) until everything due is sent, every mail delivered and every meeting made.
            var deadline = DateTime.UtcNow + Bound;
            var nextTrigger = DateTime.UtcNow + TimeSpan.FromSeconds(5);
            while (true)
            {
                var state = await seed.QueryDbAsync(async db => new
                {
                    PendingDue = await db.Nudges.CountAsync(n => n.ProgramId == nudgeProgramme && n.State == NudgeState.Pending && n.DueAt <= ScaleOutWorld.ThursdayMorning.UtcDateTime),
                    Sent = await db.Nudges.CountAsync(n => n.ProgramId == nudgeProgramme && n.State == NudgeState.Sent),
                    MailsLeft = await db.MailDeliveries.CountAsync(m => m.State == MailState.Pending),
                    MailsSent = await db.MailDeliveries.CountAsync(m => m.State == MailState.Sent),
                    MeetingsLeft = await db.Showcases.CountAsync(s => s.ProgramId == writeProgramme && s.MeetingState != MeetingState.Created),
                });
                if (state.Sent > 0 && state.PendingDue == 0 && state.MailsLeft == 0 && smtp.ReceivedCount >= state.MailsSent && state.MeetingsLeft == 0)
                {
                    break;
                }

                Assert.True(DateTime.UtcNow < deadline, $"Not done within {Bound.TotalSeconds} s: {state}, {smtp.ReceivedCount} mails received.\n--- a ---\n{a.Output}\n--- b ---\n{b.Output}");
                if (DateTime.UtcNow > nextTrigger)
                {
                    nextTrigger = DateTime.UtcNow + TimeSpan.FromSeconds(5);
                    // A job run that lost every claim to another leaves the rest to the next run: ask for one.
                    ScaleOutWorld.Trigger(seed, JobSchedule.DispatchNudges);
                    ScaleOutWorld.Trigger(seed, JobSchedule.SyncMeetings);
                }

                await Task.Delay(250);
            }

            output.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s: jobs done");

            // Both processes did job work: the competition really happened.
            var ran = (await ScaleOutWorld.ProcessesThatRanAsync(seed.DatabaseConnectionString, "NudgeJobs"))
                .Concat(await ScaleOutWorld.ProcessesThatRanAsync(seed.DatabaseConnectionString, "ShowcaseMeetingJobs")).ToList();
            Assert.True(ran.Contains(a.Id) && ran.Contains(b.Id), $"Jobs ran in processes {string.Join(", ", ran)}; expected both {a} and {b}.");
            output.WriteLine($"Job runs: {string.Join(", ", ran.CountBy(pid => pid).Select(r => $"pid {r.Key}: {r.Value}"))}; Graph requests: {graph.Requests.Count}.");

            output.WriteLine(await AssertEveryNudgeDeliveredOnceAsync(seed, smtp, nudgeProgramme, expectedAtLeast: Teams * MembersPerTeam));

            // Every meeting exactly once in the organiser's calendar, and it is the one the showcase points to.
            var showcases = await seed.QueryDbAsync(db => db.Showcases.Where(s => s.ProgramId == writeProgramme).ToListAsync());
            Assert.Equal(acknowledgedShowcases.Values.Order(), showcases.Select(s => s.Id).Order());
            Assert.Equal(showcases.Count, graph.Events.Count);
            foreach (var showcase in showcases)
            {
                var created = Assert.Single(graph.Events, e => e.Subject == showcase.Title);
                Assert.Equal((MeetingState.Created, created.Id, created.JoinUrl), (showcase.MeetingState, showcase.MeetingEventId, showcase.MeetingJoinUrl));
            }

            // Every acknowledged check-in is stored, with the note it was sent with.
            var stored = await seed.QueryDbAsync(db => db.CheckIns.Where(c => c.ProgramId == writeProgramme).ToDictionaryAsync(c => c.Id, c => c.SharedNotes));
            Assert.All(acknowledgedCheckIns, ack => Assert.Equal(ack.Key, stored.GetValueOrDefault(ack.Value)));
            Assert.Equal(acknowledgedCheckIns.Count, stored.Count);
        }
        finally
        {
            await seed.DisposeAsync();
        }
    }

    /// <summary>
    /// Each sent nudge has one in-app notification and is in exactly one queued e-mail; each e-mail reached the SMTP
    /// server exactly once (<paramref name="resendsAllowed"/>: copies with the same Message-ID allowed in all, for a
    /// process killed between the server's acceptance and the record of it); no due nudge is left pending.
    /// </summary>
    internal static async Task<string> AssertEveryNudgeDeliveredOnceAsync(CohortApp seed, SmtpServer smtp, Guid programId, int expectedAtLeast, int resendsAllowed = 0)
    {
        var nudges = await seed.QueryDbAsync(db => db.Nudges.Where(n => n.ProgramId == programId).ToListAsync());
        var sent = nudges.Where(n => n.State == NudgeState.Sent).Select(n => n.Id).ToHashSet();
        Assert.True(sent.Count >= expectedAtLeast, $"{sent.Count} nudges sent, expected at least {expectedAtLeast}.");
        Assert.DoesNotContain(nudges, n => n.State == NudgeState.Pending && n.DueAt <= ScaleOutWorld.ThursdayMorning.UtcDateTime);

        var notified = await seed.QueryDbAsync(db => db.Notifications.Where(n => n.ProgramId == programId).Select(n => n.NudgeId).ToListAsync());
        Assert.Equal(sent.Order(), notified.Order());

        var deliveries = await seed.QueryDbAsync(db => db.MailDeliveries.Where(m => m.ProgramId == programId).ToListAsync());
        var mailed = deliveries.SelectMany(d => d.NudgeIds.Split(',').Select(long.Parse)).ToList();
        Assert.Equal(sent.Order(), mailed.Order());
        Assert.All(deliveries, d => Assert.Equal(MailState.Sent, d.State));

        var received = ScaleOutWorld.ReceivedCopies(await smtp.WaitForMessagesAsync(deliveries.Count, TimeSpan.FromSeconds(30)));
        Assert.Equal(deliveries.Select(d => d.MessageId).Order(), received.Keys.Order());
        var extraCopies = received.Values.Sum() - received.Count;
        Assert.True(extraCopies <= resendsAllowed, $"{extraCopies} e-mails arrived more than once (allowed: {resendsAllowed}).");
        return $"{sent.Count} nudges sent in {deliveries.Count} e-mails; {received.Values.Sum()} messages received, {extraCopies} of them resent copies.";
    }

    private sealed record IdBody(Guid Id);
}
