using System.Globalization;
using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Domain;
using Cohort.Web.Features.CheckIns;
using Cohort.Web.Features.Nudges;
using Cohort.Web.Features.People;
using Cohort.Web.Features.Programs;
using Cohort.Web.Features.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.IntegrationTests.Features;

public abstract class NudgeTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : CohortApp
{
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    private sealed record World(Guid ProgramId, Guid TeamId, string Mentor, string Member, Guid MemberParticipantId);

    private static DateTimeOffset Jst(int month, int day, int hour) =>
        new(new DateTime(2026, month, day, hour, 0, 0), TimeSpan.FromHours(9));

    private async Task<World> WorldAsync()
    {
        var program = await Seed.ProgramAsync(App, new DateOnly(2026, 11, 30));
        var teamId = await App.SendAsync(new CreateTeam.Command(program.Id, "通知チーム", null, null));
        async Task<string> Join(InvitedRole role)
        {
            var email = $"{role}-{Guid.NewGuid():N}@city.example.jp".ToLowerInvariant();
            var link = await App.SendAsync(new InviteToProgram.Command(program.Id, email, role, teamId, 30));
            await App.SendAsync(new RegisterWithInvitation.Command(link.Token, role.ToString(), CohortApp.AdminPassword));
            return email;
        }

        var mentor = await Join(InvitedRole.Mentor);
        var member = await Join(InvitedRole.TeamMember);
        var participant = await App.QueryDbAsync(db => db.Participants.Where(p => p.Email == member).Select(p => p.Id).SingleAsync());
        return new World(program.Id, teamId, mentor, member, participant);
    }

    private async Task<NudgeDispatcher.RunResult> DispatchAsync()
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<NudgeDispatcher>().RunOnceAsync();
    }

    /// <summary>Sent notifications of one programme as "kind subject local-time recipient" lines, in order.</summary>
    private Task<List<string>> SentAsync(World w) => App.QueryDbAsync(async db =>
    {
        var users = await db.Users.ToDictionaryAsync(u => u.Id, u => u.Email!);
        var rows = await db.Notifications.Where(n => n.ProgramId == w.ProgramId).OrderBy(n => n.CreatedAt).ThenBy(n => n.Kind).ThenBy(n => n.SubjectTitle).ToListAsync();
        return rows.Select(n =>
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(n.CreatedAt, Tokyo);
            var who = users[n.UserId] == w.Mentor ? "mentor" : users[n.UserId] == w.Member ? "member" : "organiser";
            return $"{local:MM-dd HH:mm} {n.Kind} {n.SubjectTitle} {n.SubjectDate:MM-dd} -> {who}";
        }).ToList();
    });

    [SkippableFact]
    public async Task Four_weeks_of_a_programme_produce_exactly_the_expected_nudges()
    {
        App.Clock.SetUtcNow(Jst(11, 30, 7));
        var w = await WorldAsync();
        var item = "業務フローを書き出す";

        async Task RunUntil(DateTimeOffset end)
        {
            while (App.Clock.GetUtcNow() < end)
            {
                App.Clock.Advance(TimeSpan.FromHours(1));
                await DispatchAsync();
            }
        }

        // Week 1, Wednesday: the first check-in raises an item for the member, due Wednesday 9 December.
        await RunUntil(Jst(12, 2, 10));
        await App.SendAsAsync(w.Mentor, new RecordCheckIn.Command(w.ProgramId, w.TeamId, new DateOnly(2026, 12, 2), 60, CheckInFormat.Online, null, "初回", null, HealthStatus.OnTrack, null, null, null,
            [new RecordCheckIn.NewItem(item, w.MemberParticipantId, new DateOnly(2026, 12, 9))]));

        // Week 3, Monday: the next check-in carries the item over to Wednesday 23 December.
        await RunUntil(Jst(12, 14, 10));
        var open = (await App.SendAsAsync(w.Mentor, new CheckInForm.Query(w.ProgramId, w.TeamId))).OpenItems.Single();
        await App.SendAsAsync(w.Mentor, new RecordCheckIn.Command(w.ProgramId, w.TeamId, new DateOnly(2026, 12, 14), 30, CheckInFormat.Online, null, "二回目", null, HealthStatus.OnTrack, null, null,
            [new RecordCheckIn.Decision(open.Id, ItemDecision.CarryOver, null, new DateOnly(2026, 12, 23))], null));

        await RunUntil(Jst(12, 29, 0));
        var sent = await SentAsync(w);

        string[] expected =
        [
            // The pre-programme self-assessment opens with the programme (Mon 30 Nov) and is due Fri 4 Dec (offset 4):
            // each participant who has not answered hears it is open, then a reminder 3 working days before it is due.
            "11-30 09:00 AssessmentOpen 事前自己評価 12-04 -> member",
            "12-01 09:00 AssessmentDueSoon 事前自己評価 12-04 -> member",
            // The item raised on 2 Dec is due Wed 9 Dec: reminded the working day before, overdue the working day after.
            "12-08 09:00 ActionItemDue 業務フローを書き出す 12-09 -> member",
            "12-10 09:00 ActionItemOverdue 業務フローを書き出す 12-09 -> member",
            // 現状分析シート, offset 11: Tue 15 Dec.
            "12-10 09:00 MilestoneDueSoon 現状分析シート 12-15 -> member",
            // Nothing was handed in: the working day after its due date the team hears it is overdue.
            "12-16 09:00 MilestoneOverdue 現状分析シート 12-15 -> member",
            // The 2 Dec check-in made the next one due 16 Dec; the 14 Dec check-in came first and moved it to 28 Dec, so
            // no check-in nudge for 16 Dec. The item was carried over to Wed 23 Dec: a new reminder and overdue notice.
            "12-22 09:00 ActionItemDue 業務フローを書き出す 12-23 -> member",
            // 課題定義書, offset 19: Fri 25 Dec.
            "12-22 09:00 MilestoneDueSoon 課題定義書 12-25 -> member",
            "12-24 09:00 ActionItemOverdue 業務フローを書き出す 12-23 -> member",
            "12-28 09:00 CheckInDue 通知チーム 12-28 -> mentor",
            // 課題定義書 was due Fri 25 Dec; the next working day is Mon 28 Dec.
            "12-28 09:00 MilestoneOverdue 課題定義書 12-25 -> member",
        ];
        Assert.True(expected.SequenceEqual(sent), "Sent:\n" + string.Join("\n", sent));

        // Same morning, same person: one e-mail listing both.
        var digest = await App.QueryDbAsync(db => db.MailDeliveries.Where(m => m.ProgramId == w.ProgramId && m.ToAddress == w.Member).Select(m => m.NudgeIds).ToListAsync());
        Assert.Contains(digest, ids => ids.Split(',').Length == 2);
        Assert.Equal(expected.Where(e => e.EndsWith("member", StringComparison.Ordinal)).Select(e => e[..11]).Distinct().Count(), digest.Count);
    }

    [SkippableFact]
    public async Task Nothing_goes_out_at_night_or_on_holidays_it_waits_for_the_next_working_morning()
    {
        App.Clock.SetUtcNow(Jst(12, 2, 10));
        var w = await WorldAsync();
        await App.SendAsAsync(w.Mentor, new RecordCheckIn.Command(w.ProgramId, w.TeamId, new DateOnly(2026, 12, 2), 60, CheckInFormat.Online, null, "x", null, HealthStatus.OnTrack, null, null, null,
            [new RecordCheckIn.NewItem("夜の宿題", w.MemberParticipantId, new DateOnly(2026, 12, 4))]));
        await DispatchAsync();

        // The reminder is due Thursday 3 Dec 09:00; the app was down and comes back at 23:00 that night.
        App.Clock.SetUtcNow(Jst(12, 3, 23));
        var night = await DispatchAsync();
        Assert.Equal(0, night.Sent);
        Assert.True(night.Deferred >= 1);

        App.Clock.SetUtcNow(Jst(12, 4, 9));
        await DispatchAsync();
        var sent = await SentAsync(w);
        Assert.Contains("12-04 09:00 ActionItemDue 夜の宿題 12-04 -> member", sent);
    }

    [SkippableFact]
    public async Task A_crash_before_recording_loses_nothing_and_a_rerun_sends_nothing_twice()
    {
        App.Clock.SetUtcNow(Jst(12, 2, 10));
        var w = await WorldAsync();
        await App.SendAsAsync(w.Mentor, new RecordCheckIn.Command(w.ProgramId, w.TeamId, new DateOnly(2026, 12, 2), 60, CheckInFormat.Online, null, "x", null, HealthStatus.OnTrack, null, null, null,
            [new RecordCheckIn.NewItem("落ちても大丈夫", w.MemberParticipantId, new DateOnly(2026, 12, 4))]));
        await DispatchAsync();
        App.Clock.SetUtcNow(Jst(12, 3, 9));

        using (var scope = App.Services.CreateScope())
        {
            var dispatcher = scope.ServiceProvider.GetRequiredService<NudgeDispatcher>();
            await scope.ServiceProvider.GetRequiredService<NudgePlanner>().PlanAllAsync(default);
            await Assert.ThrowsAsync<IOException>(() => dispatcher.DispatchBatchAsync(() => throw new IOException("process killed")));
        }

        Assert.DoesNotContain(await SentAsync(w), s => s.Contains("落ちても大丈夫", StringComparison.Ordinal));

        // The claim holds for five minutes; after it the next run sends, exactly once, however often it runs.
        App.Clock.Advance(NudgeDispatcher.ClaimFor + TimeSpan.FromMinutes(1));
        await DispatchAsync();
        await DispatchAsync();
        App.Clock.Advance(TimeSpan.FromHours(1));
        await DispatchAsync();
        Assert.Single(await SentAsync(w), s => s.Contains("落ちても大丈夫", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Two_dispatchers_at_once_send_each_nudge_once()
    {
        App.Clock.SetUtcNow(Jst(12, 2, 10));
        var w = await WorldAsync();
        var items = Enumerable.Range(1, 30).Select(i => new RecordCheckIn.NewItem($"並行 {i}", w.MemberParticipantId, new DateOnly(2026, 12, 4))).ToList();
        await App.SendAsAsync(w.Mentor, new RecordCheckIn.Command(w.ProgramId, w.TeamId, new DateOnly(2026, 12, 2), 60, CheckInFormat.Online, null, "x", null, HealthStatus.OnTrack, null, null, null, items));
        App.Clock.SetUtcNow(Jst(12, 3, 9));

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(DispatchAsync)));

        var sent = await SentAsync(w);
        Assert.Equal(30, sent.Count(s => s.Contains("ActionItemDue 並行", StringComparison.Ordinal)));
        Assert.Equal(sent.Count, sent.Distinct().Count());
        Assert.True(runs.Sum(r => r.Sent) >= sent.Count);
        Assert.Equal(0, await App.QueryDbAsync(db => db.Nudges.CountAsync(n => n.ProgramId == w.ProgramId && n.State == NudgeState.Pending && n.DueAt <= App.Clock.GetUtcNow().UtcDateTime)));
        // Every sent nudge is in exactly one e-mail.
        var mailed = await App.QueryDbAsync(db => db.MailDeliveries.Where(m => m.ToAddress == w.Member).Select(m => m.NudgeIds).ToListAsync());
        var ids = mailed.SelectMany(m => m.Split(',')).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(sent.Count(s => s.EndsWith("member", StringComparison.Ordinal)), ids.Count);
    }

    [SkippableFact]
    public async Task Completing_or_muting_cancels_pending_reminders_but_overdue_notices_cannot_be_muted()
    {
        App.Clock.SetUtcNow(Jst(12, 2, 10));
        var w = await WorldAsync();
        await App.SendAsAsync(w.Mentor, new RecordCheckIn.Command(w.ProgramId, w.TeamId, new DateOnly(2026, 12, 2), 60, CheckInFormat.Online, null, "x", null, HealthStatus.OnTrack, null, null, null,
            [new RecordCheckIn.NewItem("終わらせた", w.MemberParticipantId, new DateOnly(2026, 12, 9)), new RecordCheckIn.NewItem("放置", w.MemberParticipantId, new DateOnly(2026, 12, 9))]));
        await DispatchAsync();
        var done = (await App.SendAsAsync(w.Member, new Cohort.Web.Features.CheckIns.TeamTimeline.Query(w.ProgramId, w.TeamId))).OpenItems.Single(i => i.Title == "終わらせた");
        await App.SendAsAsync(w.Member, new CompleteActionItem.Command(w.ProgramId, w.TeamId, done.Id, "済", null));
        await App.SendAsAsync(w.Member, new SetNotificationPreferences.Command("ja", [NudgeKind.ActionItemDue, NudgeKind.MilestoneDueSoon]));
        await Assert.ThrowsAnyAsync<FluentValidation.ValidationException>(() => App.SendAsAsync(w.Member, new SetNotificationPreferences.Command("ja", [NudgeKind.ActionItemOverdue])));

        App.Clock.SetUtcNow(Jst(12, 10, 9));
        await DispatchAsync();

        var sent = await SentAsync(w);
        Assert.DoesNotContain(sent, s => s.Contains("終わらせた", StringComparison.Ordinal));
        Assert.DoesNotContain(sent, s => s.Contains("ActionItemDue", StringComparison.Ordinal));
        Assert.Contains("12-10 09:00 ActionItemOverdue 放置 12-09 -> member", sent);
        var mine = await App.SendAsAsync(w.Member, new MyNotifications.Query());
        Assert.Equal(sent.Count(s => s.EndsWith("member", StringComparison.Ordinal)), mine.Unread);
        await App.SendAsAsync(w.Member, new MarkNotificationsRead.Command(null));
        Assert.Equal(0, (await App.SendAsAsync(w.Member, new MyNotifications.Query())).Unread);
    }
}

public abstract class ReviewNudgeTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : CohortApp
{
    [SkippableFact]
    public async Task A_waiting_review_reminds_the_mentor_and_an_opened_stage_tells_the_team()
    {
        App.Clock.SetUtcNow(new DateTimeOffset(2027, 4, 5, 10, 0, 0, TimeSpan.FromHours(9)));
        var program = await Seed.ProgramAsync(App, new DateOnly(2027, 4, 1));
        var teamId = await App.SendAsync(new CreateTeam.Command(program.Id, "レビュー待ちチーム", null, null));
        async Task<string> Join(InvitedRole role)
        {
            var email = $"{role}-{Guid.NewGuid():N}@city.example.jp".ToLowerInvariant();
            var link = await App.SendAsync(new InviteToProgram.Command(program.Id, email, role, teamId, 30));
            await App.SendAsync(new RegisterWithInvitation.Command(link.Token, role.ToString(), CohortApp.AdminPassword));
            return email;
        }

        var mentor = await Join(InvitedRole.Mentor);
        var member = await Join(InvitedRole.TeamMember);
        var stage1 = program.Stages[0];
        var final = stage1.Milestones.Where(m => m.Deliverable != Cohort.Web.Domain.Templates.DeliverableType.None).OrderBy(m => m.DueDate).Last();
        var id = await App.SendAsAsync(member, new Cohort.Web.Features.Submissions.SaveSubmissionDraft.Command(program.Id, teamId, final.Id, "最終資料", null, null, null, null, null, null, null));
        await App.SendAsAsync(member, new Cohort.Web.Features.Submissions.SubmitDeliverable.Command(program.Id, teamId, id));

        async Task<List<Notification>> Mine(string email) => await App.QueryDbAsync(db =>
            db.Notifications.Where(n => n.ProgramId == program.Id && db.Users.Any(u => u.Id == n.UserId && u.Email == email)).ToListAsync());
        async Task Dispatch()
        {
            using var scope = App.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<NudgeDispatcher>().RunOnceAsync();
        }

        // Submitted Monday 5 April; 3 working days later is Thursday 8 April.
        App.Clock.SetUtcNow(new DateTimeOffset(2027, 4, 7, 10, 0, 0, TimeSpan.FromHours(9)));
        await Dispatch();
        Assert.DoesNotContain(await Mine(mentor), n => n.Kind == NudgeKind.ReviewWaiting);
        App.Clock.SetUtcNow(new DateTimeOffset(2027, 4, 8, 9, 0, 0, TimeSpan.FromHours(9)));
        await Dispatch();
        var waiting = Assert.Single(await Mine(mentor), n => n.Kind == NudgeKind.ReviewWaiting);
        Assert.Equal(final.Name, waiting.SubjectTitle);

        // Accepting the final deliverable opens Stage 2: the member hears about it.
        var rubric = await App.QueryDbAsync(db => db.RubricCriteria.Where(c => c.StageId == stage1.Id).Select(c => c.Id).ToListAsync());
        await App.SendAsAsync(mentor, new Cohort.Web.Features.Submissions.ReviewSubmission.Command(program.Id, teamId, id, 1, ReviewDecision.Accept, null,
            rubric.Select(c => new Cohort.Web.Features.Submissions.ReviewSubmission.Score(c, 3, null)).ToList()));
        App.Clock.SetUtcNow(new DateTimeOffset(2027, 4, 8, 11, 0, 0, TimeSpan.FromHours(9)));
        await Dispatch();
        var opened = Assert.Single(await Mine(member), n => n.Kind == NudgeKind.StageOpened);
        Assert.Equal(program.Stages[1].Name, opened.SubjectTitle);
        Assert.Single(await Mine(mentor), n => n.Kind == NudgeKind.ReviewWaiting);
    }
}

public sealed class ReviewNudgeTests_Sqlite(SqliteApp app) : ReviewNudgeTests<SqliteApp>(app);

public sealed class ReviewNudgeTests_Postgres(PostgresApp app) : ReviewNudgeTests<PostgresApp>(app);

public sealed class NudgeTests_Sqlite(SqliteApp app) : NudgeTests<SqliteApp>(app);

public sealed class NudgeTests_Postgres(PostgresApp app) : NudgeTests<PostgresApp>(app);
