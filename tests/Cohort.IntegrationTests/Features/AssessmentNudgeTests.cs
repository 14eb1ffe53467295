using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Domain.Assessments;
using Cohort.Web.Features.Assessments;
using Cohort.Web.Features.Nudges;
using Cohort.Web.Features.Participants;
using Cohort.Web.Features.People;
using Cohort.Web.Features.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.IntegrationTests.Features;

/// <summary>
/// Self-assessment nudges: each participant with an account who has not answered the phase is told when it opens
/// and reminded before it is due; answering cancels what is still pending.
/// </summary>
public abstract class AssessmentNudgeTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : CohortApp
{
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);

    // The programme starts Thursday 1 April 2027; the pre-assessment (offset 4) is due Wednesday 7 April, so it opens
    // the morning of 1 April (09:00 JST = 00:00 UTC) and is reminded of 3 working days before: Friday 2 April.
    private static readonly DateOnly Start = new(2027, 4, 1);
    private static readonly DateOnly PreDue = new(2027, 4, 7);
    private static readonly DateTime OpensAtUtc = new(2027, 4, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime ReminderAtUtc = new(2027, 4, 2, 0, 0, 0, DateTimeKind.Utc);

    private sealed record World(Guid ProgramId, Guid PreMilestone, Guid TeamId, string Answering, string Waiting);

    private async Task<World> WorldAsync()
    {
        App.Clock.SetUtcNow(new DateTimeOffset(2027, 4, 1, 7, 0, 0, Jst));
        var program = await Seed.ProgramAsync(App, Start);
        var team = await App.SendAsync(new CreateTeam.Command(program.Id, "通知チーム", null, null));
        var answering = await Seed.JoinAsync(App, program.Id, InvitedRole.TeamMember, team, "回答する人");
        var waiting = await Seed.JoinAsync(App, program.Id, InvitedRole.TeamMember, team, "まだの人");
        // Someone on the list without an account cannot be told anything.
        await App.SendAsync(new SaveParticipant.Command(program.Id, "アカウントなし", $"{Guid.NewGuid():N}@city.example.jp", null, team));
        var windows = await App.QueryDbAsync(async db => AssessmentWindow.For(await db.GetProgramWithScheduleAsync(program.Id, CancellationToken.None)));
        var pre = windows.Single(w => w.Phase == AssessmentPhase.Pre);
        Assert.Equal((Start, PreDue), (pre.Opens, pre.Due));
        return new World(program.Id, pre.MilestoneId, team, answering, waiting);
    }

    private async Task PlanAsync(Guid programId)
    {
        using var scope = App.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<NudgePlanner>().PlanAsync(programId, CancellationToken.None);
    }

    private Task<List<Nudge>> AssessmentNudgesAsync(Guid programId) => App.QueryDbAsync(db => db.Nudges.AsNoTracking()
        .Where(n => n.ProgramId == programId && (n.Kind == NudgeKind.AssessmentOpen || n.Kind == NudgeKind.AssessmentDueSoon)).ToListAsync());

    private async Task<Guid> UserIdAsync(string email) => (await App.UserAsync(email)).Id;

    [SkippableFact]
    public async Task A_participant_who_has_not_answered_is_told_the_pre_assessment_opened_and_answering_cancels_what_is_pending()
    {
        var w = await WorldAsync();
        var answering = await UserIdAsync(w.Answering);
        var waiting = await UserIdAsync(w.Waiting);

        await PlanAsync(w.ProgramId);

        var nudges = await AssessmentNudgesAsync(w.ProgramId);
        Assert.Equal(
            new[]
            {
                (NudgeKind.AssessmentOpen, answering, OpensAtUtc), (NudgeKind.AssessmentOpen, waiting, OpensAtUtc),
                (NudgeKind.AssessmentDueSoon, answering, ReminderAtUtc), (NudgeKind.AssessmentDueSoon, waiting, ReminderAtUtc),
            }.Order(),
            nudges.Select(n => (n.Kind, n.RecipientUserId, n.DueAt)).Order());
        Assert.All(nudges, n => Assert.Equal((w.PreMilestone, PreDue, NudgeState.Pending), (n.SubjectId, n.SubjectDate, n.State)));
        // The self-assessment milestone is not also reminded of as a team deliverable.
        Assert.False(await App.QueryDbAsync(db => db.Nudges.AnyAsync(n => n.ProgramId == w.ProgramId && n.SubjectId == w.PreMilestone
            && (n.Kind == NudgeKind.MilestoneDueSoon || n.Kind == NudgeKind.MilestoneOverdue))));

        // Planning again changes nothing.
        await PlanAsync(w.ProgramId);
        Assert.Equal(4, (await AssessmentNudgesAsync(w.ProgramId)).Count);

        // One of them answers before 09:00: their pending nudges are cancelled on the next plan, the other's stay.
        await App.SendAsAsync(w.Answering, new SubmitSelfAssessment.Command(w.ProgramId, AssessmentPhase.Pre, All(3), null));
        await PlanAsync(w.ProgramId);
        nudges = await AssessmentNudgesAsync(w.ProgramId);
        Assert.All(nudges.Where(n => n.RecipientUserId == answering), n => Assert.Equal((NudgeState.Cancelled, "no longer true"), (n.State, n.CancelReason)));
        Assert.All(nudges.Where(n => n.RecipientUserId == waiting), n => Assert.Equal(NudgeState.Pending, n.State));
        Assert.Equal(4, nudges.Count);

        // At 09:00 only the one who has not answered hears, with a link to the self-assessment.
        App.Clock.SetUtcNow(new DateTimeOffset(2027, 4, 1, 9, 5, 0, Jst));
        using (var scope = App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<NudgeDispatcher>().RunOnceAsync();
        }

        var sent = await App.QueryDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.ProgramId == w.ProgramId).ToListAsync());
        var notification = Assert.Single(sent);
        Assert.Equal((waiting, NudgeKind.AssessmentOpen, "事前自己評価", $"/Programs/{w.ProgramId}/SelfAssessment"),
            (notification.UserId, notification.Kind, notification.SubjectTitle, notification.Link));
    }

    [SkippableFact]
    public async Task A_participant_taken_out_of_their_team_is_not_nudged_since_they_cannot_open_the_programme()
    {
        var w = await WorldAsync();
        // Joined with a team, then taken out of it while the teams are reorganised: still on the list, with an account.
        var loner = await Seed.JoinAsync(App, w.ProgramId, InvitedRole.TeamMember, w.TeamId, "チーム未定");
        await App.SendAsync(new SaveParticipant.Command(w.ProgramId, "チーム未定", loner, null, null));
        var lonerId = await UserIdAsync(loner);

        await PlanAsync(w.ProgramId);

        // Access follows the team: without one the programme is invisible (404), so a nudge would lead nowhere.
        await Assert.ThrowsAsync<Cohort.Web.Infrastructure.Errors.NotFoundException>(() => App.SendAsAsync(loner, new MySelfAssessment.Query(w.ProgramId)));
        Assert.DoesNotContain(await AssessmentNudgesAsync(w.ProgramId), n => n.RecipientUserId == lonerId);
        Assert.Equal(4, (await AssessmentNudgesAsync(w.ProgramId)).Count);
    }

    [SkippableFact]
    public async Task Without_a_framework_nobody_is_nudged()
    {
        var w = await WorldAsync();
        await App.SendAsync(new SetAssessmentFramework.Command(w.ProgramId, null));

        await PlanAsync(w.ProgramId);

        Assert.Empty(await AssessmentNudgesAsync(w.ProgramId));
    }

    private Dictionary<string, int> All(int rating) =>
        App.Services.GetRequiredService<SkillFrameworkCatalog>().Get(SkillFrameworkCatalog.DefaultKey).Items.ToDictionary(i => i.Key, _ => rating);
}

public sealed class AssessmentNudgeTests_Sqlite(SqliteApp app) : AssessmentNudgeTests<SqliteApp>(app);

public sealed class AssessmentNudgeTests_Postgres(PostgresApp app) : AssessmentNudgeTests<PostgresApp>(app);
