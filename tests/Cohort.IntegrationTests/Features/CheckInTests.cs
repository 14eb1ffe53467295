using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Domain;
using Cohort.Web.Features.CheckIns;
using Cohort.Web.Features.People;
using Cohort.Web.Features.Participants;
using Cohort.Web.Features.Teams;
using Cohort.Web.Infrastructure.Mediation;
using Microsoft.EntityFrameworkCore;

namespace Cohort.IntegrationTests.Features;

public abstract class CheckInTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : CohortApp
{
    private sealed record Setup(Guid ProgramId, Guid TeamId, string Mentor, string Member, Guid MemberParticipantId, DateOnly Today);

    private async Task<Setup> SetupAsync()
    {
        var program = await Seed.ProgramAsync(App, new DateOnly(2026, 10, 1));
        var teamId = await App.SendAsync(new CreateTeam.Command(program.Id, "下水道台帳チーム", "下水道課", "台帳の電子化"));
        async Task<string> Join(InvitedRole role)
        {
            var email = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@city.example.jp";
            var link = await App.SendAsync(new InviteToProgram.Command(program.Id, email, role, teamId, 7));
            await App.SendAsync(new RegisterWithInvitation.Command(link.Token, role == InvitedRole.Mentor ? "伴走 太郎" : "受講 花子", CohortApp.AdminPassword));
            return email;
        }

        var mentor = await Join(InvitedRole.Mentor);
        var member = await Join(InvitedRole.TeamMember);
        var participant = await App.QueryDbAsync(db => db.Participants.Where(p => p.Email == member).Select(p => p.Id).SingleAsync());
        var form = await App.SendAsAsync(mentor, new CheckInForm.Query(program.Id, teamId));
        return new Setup(program.Id, teamId, mentor, member, participant, form.Today);
    }

    private static RecordCheckIn.Command CheckIn(Setup s, DateOnly heldOn, HealthStatus health = HealthStatus.OnTrack, string? reason = null,
        IReadOnlyList<RecordCheckIn.Decision>? decisions = null, IReadOnlyList<RecordCheckIn.NewItem>? items = null, string shared = "共有メモ", string? privateNotes = "非公開メモ") =>
        new(s.ProgramId, s.TeamId, heldOn, 60, CheckInFormat.Online, "伴走 太郎, 受講 花子", shared, privateNotes, health, reason, null, decisions, items);

    [SkippableFact]
    public async Task Three_check_ins_in_a_row_carry_close_and_drop_action_items()
    {
        var s = await SetupAsync();

        // 1st: two items raised.
        await App.SendAsAsync(s.Mentor, CheckIn(s, s.Today.AddDays(-20), items:
        [
            new RecordCheckIn.NewItem("現状の業務フローを書き出す", s.MemberParticipantId, s.Today.AddDays(5)),
            new RecordCheckIn.NewItem("台帳データの件数を確認", null, s.Today.AddDays(5)),
        ]));
        var second = await App.SendAsAsync(s.Mentor, new CheckInForm.Query(s.ProgramId, s.TeamId));
        Assert.Equal(2, second.OpenItems.Count);
        var flow = second.OpenItems.Single(i => i.Title.StartsWith("現状", StringComparison.Ordinal));
        var count = second.OpenItems.Single(i => i.Title.StartsWith("台帳", StringComparison.Ordinal));
        Assert.Equal("受講 花子", flow.Owner);
        Assert.Null(count.Owner);

        // A team member marks one done between check-ins.
        await App.SendAsAsync(s.Member, new CompleteActionItem.Command(s.ProgramId, s.TeamId, flow.Id, "フロー図を共有フォルダに置きました", "https://example.jp/flow"));

        // 2nd: the done one is closed, the other carried over; a new one raised.
        await App.SendAsAsync(s.Mentor, CheckIn(s, s.Today.AddDays(-10),
            decisions: [new(flow.Id, ItemDecision.Close, null, null), new(count.Id, ItemDecision.CarryOver, null, s.Today.AddDays(3))],
            items: [new RecordCheckIn.NewItem("利用者へのヒアリング", s.MemberParticipantId, s.Today.AddDays(7))]));
        var third = await App.SendAsAsync(s.Mentor, new CheckInForm.Query(s.ProgramId, s.TeamId));
        Assert.Equal(["利用者へのヒアリング", "台帳データの件数を確認"], third.OpenItems.Select(i => i.Title).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(1, third.OpenItems.Single(i => i.Id == count.Id).CarryOverCount);

        // 3rd: carried again (now flagged) and the hearing dropped with a reason.
        var hearing = third.OpenItems.Single(i => i.Title == "利用者へのヒアリング");
        await App.SendAsAsync(s.Mentor, CheckIn(s, s.Today,
            decisions: [new(count.Id, ItemDecision.CarryOver, null, s.Today.AddDays(5)), new(hearing.Id, ItemDecision.Drop, "ステージ2で実施する", null)]));

        var timeline = await App.SendAsAsync(s.Member, new TeamTimeline.Query(s.ProgramId, s.TeamId));
        var remaining = Assert.Single(timeline.OpenItems);
        Assert.Equal((count.Id, 2, true), (remaining.Id, remaining.CarryOverCount, remaining.Flagged));
        Assert.Equal(3, timeline.Entries.Count(e => e.Kind == "CheckIn"));
        var closed = timeline.Entries.Single(e => e.Item?.Id == flow.Id).Item!;
        Assert.Equal((ActionItemStatus.Done, "フロー図を共有フォルダに置きました"), (closed.Status, closed.Resolution));
        Assert.Equal("ステージ2で実施する", timeline.Entries.Single(e => e.Item?.Id == hearing.Id).Item!.Resolution);
        Assert.Equal(HealthStatus.AtRisk, timeline.Health.Status);
        Assert.Contains(timeline.Health.Reasons, r => r.Text.Contains("carried over twice", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Every_open_item_must_be_decided_before_the_next_check_in()
    {
        var s = await SetupAsync();
        await App.SendAsAsync(s.Mentor, CheckIn(s, s.Today.AddDays(-7), items: [new RecordCheckIn.NewItem("宿題", null, s.Today.AddDays(2))]));

        var error = await Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsAsync(s.Mentor, CheckIn(s, s.Today)));

        Assert.Contains(error.Errors, e => e.PropertyName == "Decisions" && e.ErrorMessage.Contains("宿題", StringComparison.Ordinal));
        Assert.Equal(1, await App.QueryDbAsync(db => db.CheckIns.CountAsync(c => c.TeamId == s.TeamId)));
    }

    [SkippableFact]
    public async Task Bad_check_ins_are_refused_with_field_errors_and_nothing_is_written()
    {
        var s = await SetupAsync();
        var outsider = await App.QueryDbAsync(db => db.Participants.Where(p => p.ProgramId != s.ProgramId).Select(p => p.Id).FirstOrDefaultAsync());
        var stranger = outsider == Guid.Empty ? Guid.NewGuid() : outsider;

        var past = await Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsAsync(s.Mentor,
            CheckIn(s, s.Today, items: [new RecordCheckIn.NewItem("過去の期限", null, s.Today.AddDays(-1))])));
        var owner = await Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsAsync(s.Mentor,
            CheckIn(s, s.Today, items: [new RecordCheckIn.NewItem("他チームの担当", stranger, s.Today.AddDays(3))])));
        var empty = await Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsAsync(s.Mentor,
            CheckIn(s, s.Today, shared: "", privateNotes: null)));
        var future = await Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsAsync(s.Mentor, CheckIn(s, s.Today.AddDays(1))));
        var reasonless = await Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsAsync(s.Mentor, CheckIn(s, s.Today, HealthStatus.NeedsHelp)));

        Assert.Contains(past.Errors, e => e.PropertyName.StartsWith("NewItems[0]", StringComparison.Ordinal));
        Assert.Contains(owner.Errors, e => e.PropertyName == "NewItems[0].OwnerParticipantId");
        Assert.Contains(empty.Errors, e => e.PropertyName == "SharedNotes");
        Assert.Contains(future.Errors, e => e.PropertyName == "HeldOn");
        Assert.Contains(reasonless.Errors, e => e.PropertyName == "HealthReason");
        Assert.Equal(0, await App.QueryDbAsync(db => db.CheckIns.CountAsync(c => c.TeamId == s.TeamId)));
        Assert.Equal(0, await App.QueryDbAsync(db => db.ActionItems.CountAsync(i => i.TeamId == s.TeamId)));
    }

    [SkippableFact]
    public async Task Two_mentors_editing_the_same_check_in_the_second_gets_a_conflict()
    {
        var s = await SetupAsync();
        await App.SendAsAsync(s.Mentor, CheckIn(s, s.Today));
        var entry = (await App.SendAsAsync(s.Mentor, new TeamTimeline.Query(s.ProgramId, s.TeamId))).Entries.Single(e => e.Kind == "CheckIn").CheckIn!;

        await App.SendAsAsync(s.Mentor, new UpdateCheckIn.Command(s.ProgramId, s.TeamId, entry.Id, 45, CheckInFormat.OnSite, null, "一人目の修正", null, HealthStatus.OnTrack, null, null, entry.Version));
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => App.SendAsync(
            new UpdateCheckIn.Command(s.ProgramId, s.TeamId, entry.Id, 90, CheckInFormat.Online, null, "二人目の修正", null, HealthStatus.OnTrack, null, null, entry.Version)));

        var stored = (await App.SendAsAsync(s.Mentor, new TeamTimeline.Query(s.ProgramId, s.TeamId))).Entries.Single(e => e.Kind == "CheckIn").CheckIn!;
        Assert.Equal(("一人目の修正", 45), (stored.SharedNotes, stored.DurationMinutes));
    }

    [SkippableFact]
    public async Task Private_notes_are_for_mentors_and_organisers_only()
    {
        var s = await SetupAsync();
        await App.SendAsAsync(s.Mentor, CheckIn(s, s.Today, privateNotes: "メンバー間の温度差が気になる"));

        var forMember = await App.SendAsAsync(s.Member, new TeamTimeline.Query(s.ProgramId, s.TeamId));
        var forMentor = await App.SendAsAsync(s.Mentor, new TeamTimeline.Query(s.ProgramId, s.TeamId));
        var forOrganiser = await App.SendAsync(new TeamTimeline.Query(s.ProgramId, s.TeamId));

        Assert.Null(forMember.Entries.Single(e => e.Kind == "CheckIn").CheckIn!.PrivateNotes);
        Assert.False(forMember.SeesPrivateNotes);
        Assert.Equal("共有メモ", forMember.Entries.Single(e => e.Kind == "CheckIn").CheckIn!.SharedNotes);
        Assert.Equal("メンバー間の温度差が気になる", forMentor.Entries.Single(e => e.Kind == "CheckIn").CheckIn!.PrivateNotes);
        Assert.Equal("メンバー間の温度差が気になる", forOrganiser.Entries.Single(e => e.Kind == "CheckIn").CheckIn!.PrivateNotes);
        await Assert.ThrowsAsync<Cohort.Web.Infrastructure.Errors.ForbiddenException>(() => App.SendAsAsync(s.Member, CheckIn(s, s.Today)));
    }

    [SkippableFact]
    public async Task Dashboard_and_mentor_home_show_health_signals_with_their_reasons()
    {
        var s = await SetupAsync();
        var quiet = await App.SendAsync(new CreateTeam.Command(s.ProgramId, "音沙汰なしチーム", "福祉課", null));
        await App.SendAsync(new Cohort.Web.Features.Mentors.AssignMentor.Command(s.ProgramId, quiet,
            await App.QueryDbAsync(db => db.Mentors.Where(m => m.Email == s.Mentor).Select(m => m.Id).SingleAsync())));
        var help = await App.SendAsync(new CreateTeam.Command(s.ProgramId, "要支援チーム", "建設課", null));

        // One team: checked in today, on track. Another: rated "needs help". The quiet one was never met.
        await App.SendAsAsync(s.Mentor, CheckIn(s, s.Today));
        await App.SendAsync(new RecordCheckIn.Command(s.ProgramId, help, s.Today, 30, CheckInFormat.Online, null, "メモ", null, HealthStatus.NeedsHelp, "担当者が異動した", null, null, null));

        var dashboard = await App.SendAsync(new ProgramDashboard.Query(s.ProgramId));
        var byName = dashboard.Rows.ToDictionary(r => r.TeamName);
        Assert.Equal(HealthStatus.OnTrack, byName["下水道台帳チーム"].Health.Status);
        Assert.Equal(HealthStatus.NeedsHelp, byName["要支援チーム"].Health.Status);
        Assert.Contains(byName["要支援チーム"].Health.Reasons, r => r.Values.Contains("担当者が異動した"));
        // Programme start 2026-10-01 and a 10-working-day cadence: long overdue, a whole cycle missed.
        Assert.Equal(HealthStatus.NeedsHelp, byName["音沙汰なしチーム"].Health.Status);
        Assert.True(byName["音沙汰なしチーム"].Health.CheckInOverdue);

        var atRisk = await App.SendAsync(new ProgramDashboard.Query(s.ProgramId, AtRiskOnly: true));
        Assert.Equal(["要支援チーム", "音沙汰なしチーム"], atRisk.Rows.Select(r => r.TeamName).Order(StringComparer.Ordinal).ToArray());
        var welfare = await App.SendAsync(new ProgramDashboard.Query(s.ProgramId, Department: "福祉課"));
        Assert.Equal(["音沙汰なしチーム"], welfare.Rows.Select(r => r.TeamName).ToArray());
        var load = Assert.Single(dashboard.Mentors);
        Assert.Equal((2, 1, 60), (load.Teams, load.CheckInsThisMonth, load.MinutesThisMonth));

        var home = await App.SendAsAsync(s.Mentor, new MentorHome.Query());
        Assert.Equal(["下水道台帳チーム", "音沙汰なしチーム"], home.Teams.Select(t => t.TeamName).Order(StringComparer.Ordinal).ToArray());
        Assert.True(home.Teams.Single(t => t.TeamName == "音沙汰なしチーム").DueThisWeek);
        Assert.Equal((1, 60), (home.CheckInsThisMonth, home.MinutesThisMonth));
    }
}

public sealed class CheckInTests_Sqlite(SqliteApp app) : CheckInTests<SqliteApp>(app);

public sealed class CheckInTests_Postgres(PostgresApp app) : CheckInTests<PostgresApp>(app);
