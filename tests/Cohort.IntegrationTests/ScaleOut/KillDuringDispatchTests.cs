using Cohort.IntegrationTests.Infrastructure;
using Cohort.IntegrationTests.Meetings;
using Cohort.Web.Domain;
using Cohort.Web.Features.Nudges;
using Cohort.Web.Features.Showcases;
using Cohort.Web.Infrastructure.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Kiota.Abstractions.Authentication;
using Xunit.Abstractions;

namespace Cohort.IntegrationTests.ScaleOut;

/// <summary>
/// A worker process killed (no shutdown, as by the OOM killer) while it dispatches a large batch of due nudges, once
/// while it marks them sent and once while it sends their e-mails; a new worker then finishes the work. The first is
/// also in the middle of creating a showcase's Teams meeting: Graph made the event, the answer never came back.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class KillDuringDispatchTests(ITestOutputHelper output)
{
    private const int Teams = 8;
    private const int MembersPerTeam = 20;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    [SkippableFact]
    public async Task A_worker_killed_in_the_middle_of_dispatch_loses_and_duplicates_nothing()
    {
        await using var smtp = await SmtpServer.StartOrSkipAsync();
        await using var graph = await FakeGraphServer.StartAsync();
        var seed = new GraphSeedApp(graph);
        await seed.InitializeAsync();
        try
        {
            Skip.If(seed.SkipReason is not null, seed.SkipReason);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var start = ScaleOutWorld.ThursdayMorning;
            seed.Clock.SetUtcNow(start);
            var programme = await ScaleOutWorld.NudgeProgrammeAsync(seed, Teams, MembersPerTeam);
            var recipients = Teams * MembersPerTeam;
            output.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s: seeded");
            Assert.True(recipients <= NudgeDispatcher.RecipientsPerBatch, "One batch, so the kill lands inside it.");

            // A showcase (far enough ahead to plan no reminders yet) whose meeting waits to be created by a worker.
            graph.FailNext(FakeGraphFault.NoAnswer(TimeSpan.FromMinutes(2), serveFirst: true));
            var showcaseId = await seed.SendAsync(new ScheduleShowcase.Command(programme, "成果発表会", null, new DateOnly(2027, 1, 28), new TimeOnly(14, 0), new TimeOnly(16, 0),
                ShowcaseFormat.Online, null, "mayor@city.example.jp", null));

            // Worker 1 is killed while it marks nudges sent, one recipient's transaction after another, and while its meeting
            // create waits for an answer. The nudges are triggered only once the create hangs: on a quiet machine all 160 were
            // sent before the meeting sync had even started, and the kill came too late.
            await using (var first = await AppProcess.StartAsync("worker-1", new AppProcessOptions(seed.DatabaseConnectionString, "worker", start) { Smtp = smtp, Graph = graph }))
            {
                output.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s: worker 1 up");
                await WaitUntilAsync(first, () => Task.FromResult(graph.Events.Count == 1));
                ScaleOutWorld.Trigger(seed, JobSchedule.DispatchNudges);
                await WaitUntilAsync(first, async () => await SentAsync(seed, programme) >= 10);
                first.Kill();
            }

            var afterFirst = await StateAsync(seed, programme);
            output.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s: worker 1 killed: {afterFirst}");
            Assert.True(afterFirst.Pending > 0, $"Worker 1 was killed too late to interrupt the nudges: {afterFirst}");
            Assert.NotEqual(MeetingState.Created, (await MeetingAsync(seed, showcaseId)).MeetingState);

            // Worker 2 starts after worker 1's claims ran out (its clock is 7 minutes on) and is killed while e-mails go out.
            ScaleOutWorld.Trigger(seed, JobSchedule.DispatchNudges);
            ScaleOutWorld.Trigger(seed, JobSchedule.SyncMeetings);
            var receivedBefore = smtp.ReceivedCount;
            await using (var second = await AppProcess.StartAsync("worker-2", new AppProcessOptions(seed.DatabaseConnectionString, "worker", start.AddMinutes(7)) { Smtp = smtp, Graph = graph }))
            {
                output.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s: worker 2 up");
                await WaitUntilAsync(second, () => Task.FromResult(smtp.ReceivedCount >= receivedBefore + 10));
                second.Kill();
            }

            var afterSecond = await StateAsync(seed, programme);
            output.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s: worker 2 killed: {afterSecond}, {smtp.ReceivedCount} e-mails received");
            Assert.True(afterSecond.MailsLeft > 0, $"Worker 2 was killed too late to interrupt the e-mails: {afterSecond}");

            // Worker 3, past worker 2's claims, finishes.
            ScaleOutWorld.Trigger(seed, JobSchedule.DispatchNudges);
            await using var third = await AppProcess.StartAsync("worker-3", new AppProcessOptions(seed.DatabaseConnectionString, "worker", start.AddMinutes(14)) { Smtp = smtp, Graph = graph });
            output.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s: worker 3 up");
            var nextTrigger = DateTime.UtcNow + TimeSpan.FromSeconds(5);
            await WaitUntilAsync(third, async () =>
            {
                var state = await StateAsync(seed, programme);
                if (DateTime.UtcNow > nextTrigger)
                {
                    nextTrigger = DateTime.UtcNow + TimeSpan.FromSeconds(5);
                    ScaleOutWorld.Trigger(seed, JobSchedule.DispatchNudges);
                    ScaleOutWorld.Trigger(seed, JobSchedule.SyncMeetings);
                }

                return state.Pending == 0 && state.MailsLeft == 0 && smtp.ReceivedCount >= state.Mails
                    && (await MeetingAsync(seed, showcaseId)).MeetingState == MeetingState.Created;
            });

            output.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s: worker 3 done");

            // Only an e-mail in flight at a kill may arrive twice (with the same Message-ID): one per outbox run, and a
            // process runs at most as many at once as it has Hangfire workers (the minutely run can join ours), two kills.
            var workersPerProcess = Math.Max(2, Environment.ProcessorCount);
            output.WriteLine(await ScaleOutTests.AssertEveryNudgeDeliveredOnceAsync(seed, smtp, programme, expectedAtLeast: recipients, resendsAllowed: 2 * workersPerProcess));

            // The create was sent again after the kill, with the same transaction id: still one event, the one recorded.
            var meeting = Assert.Single(graph.Events);
            Assert.Equal(meeting.Id, (await MeetingAsync(seed, showcaseId)).MeetingEventId);
            Assert.True(graph.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/events", StringComparison.Ordinal)) >= 2, "The create was not sent again.");
        }
        finally
        {
            await seed.DisposeAsync();
        }
    }

    private static Task<Showcase> MeetingAsync(CohortApp seed, Guid showcaseId) =>
        seed.QueryDbAsync(db => db.Showcases.AsNoTracking().SingleAsync(s => s.Id == showcaseId));

    private sealed record State(int Sent, int Pending, int Claimed, int Mails, int MailsLeft);

    private static Task<int> SentAsync(CohortApp seed, Guid programme) =>
        seed.QueryDbAsync(db => db.Nudges.CountAsync(n => n.ProgramId == programme && n.State == NudgeState.Sent));

    private static Task<State> StateAsync(CohortApp seed, Guid programme) => seed.QueryDbAsync(async db => new State(
        await db.Nudges.CountAsync(n => n.ProgramId == programme && n.State == NudgeState.Sent),
        await db.Nudges.CountAsync(n => n.ProgramId == programme && n.State == NudgeState.Pending && n.DueAt <= ScaleOutWorld.ThursdayMorning.UtcDateTime),
        await db.Nudges.CountAsync(n => n.ProgramId == programme && n.State == NudgeState.Pending && n.ClaimToken != null),
        await db.MailDeliveries.CountAsync(m => m.ProgramId == programme),
        await db.MailDeliveries.CountAsync(m => m.ProgramId == programme && m.State == MailState.Pending)));

    private static async Task WaitUntilAsync(AppProcess process, Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not reached within {Bound.TotalSeconds} s.\n--- {process} ---\n{process.Output}");
            Assert.False(process.HasExited, $"{process} exited.\n{process.Output}");
            await Task.Delay(5);
        }
    }

    /// <summary>The in-process app that builds the data, configured for Graph so that a showcase waits for its meeting.</summary>
    private sealed class GraphSeedApp(FakeGraphServer graph) : CohortApp
    {
        protected override Database Kind => Database.PostgreSql;

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            builder.UseSetting("Cohort:Graph:TenantId", FakeGraphServer.TenantId);
            builder.UseSetting("Cohort:Graph:ClientId", "11111111-2222-3333-4444-555555555555");
            builder.UseSetting("Cohort:Graph:ClientSecret", "not-a-real-secret");
            builder.UseSetting("Cohort:Graph:OrganizerMailbox", graph.Organizer);
            builder.UseSetting("Cohort:Graph:BaseUrl", graph.BaseUrl);
            base.ConfigureWebHost(builder);
        }

        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IAuthenticationProvider>(FakeTokenProvider.Authentication());
    }
}
