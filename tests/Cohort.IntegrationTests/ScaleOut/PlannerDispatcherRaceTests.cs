using System.Data.Common;
using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Features.CheckIns;
using Cohort.Web.Features.Nudges;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.IntegrationTests.ScaleOut;

/// <summary>
/// Two instances: one plans (and finds a reminder no longer true) while the other has just sent that reminder. The
/// interleaving is forced: the other instance's dispatch commits right before the planner writes its cancellations.
/// </summary>
public sealed class PlannerDispatcherRaceTests(PostgresApp app) : DatabaseTests<PostgresApp>(app)
{
    [SkippableFact]
    public async Task A_nudge_sent_by_another_instance_while_the_planner_cancels_it_stays_sent()
    {
        App.Clock.SetUtcNow(ScaleOutWorld.ThursdayMorning);
        var programId = await ScaleOutWorld.NudgeProgrammeAsync(App, teams: 1, membersPerTeam: 1);
        await PlanAsync(programId, beforeNudgeUpdate: null);
        var nudge = await App.QueryDbAsync(db => db.Nudges.SingleAsync(n => n.ProgramId == programId && n.Kind == NudgeKind.ActionItemDue));
        var item = await App.QueryDbAsync(db => db.ActionItems.SingleAsync(i => i.Id == nudge.SubjectId));

        // The item is done: the reminder is no longer true, and the planner will cancel it...
        await App.SendAsync(new CompleteActionItem.Command(programId, item.TeamId, item.Id, null, null));

        // ...but another instance's dispatcher sends it first, the way it marks nudges: only while still pending.
        await PlanAsync(programId, beforeNudgeUpdate: () => App.QueryDbAsync(db => db.Nudges
            .Where(n => n.Id == nudge.Id && n.State == NudgeState.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.State, NudgeState.Sent).SetProperty(n => n.SentAt, ScaleOutWorld.ThursdayMorning.UtcDateTime))));

        var after = await App.QueryDbAsync(db => db.Nudges.AsNoTracking().SingleAsync(n => n.Id == nudge.Id));
        Assert.Equal((NudgeState.Sent, (string?)null), (after.State, after.CancelReason));
    }

    /// <summary>Runs the planner on a context that calls <paramref name="beforeNudgeUpdate"/> once, right before its first UPDATE of nudges.</summary>
    private async Task PlanAsync(Guid programId, Func<Task>? beforeNudgeUpdate)
    {
        using var scope = App.Services.CreateScope();
        var options = scope.ServiceProvider.GetRequiredService<DbContextOptions<PostgresCohortDbContext>>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var hooked = new DbContextOptionsBuilder<PostgresCohortDbContext>(options).AddInterceptors(new BeforeNudgeUpdate(beforeNudgeUpdate)).Options;
        await using var db = new PostgresCohortDbContext(hooked, clock);
        await new NudgePlanner(db, clock).PlanAsync(programId, CancellationToken.None);
    }

    private sealed class BeforeNudgeUpdate(Func<Task>? action) : DbCommandInterceptor
    {
        private Func<Task>? _action = action;

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await RunOnceAsync(command);
            return result;
        }

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            await RunOnceAsync(command);
            return result;
        }

        private async Task RunOnceAsync(DbCommand command)
        {
            if (command.CommandText.Contains("UPDATE \"Nudges\"", StringComparison.Ordinal) && Interlocked.Exchange(ref _action, null) is { } run)
            {
                await run();
            }
        }
    }
}
