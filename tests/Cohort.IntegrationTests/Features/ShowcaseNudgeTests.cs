using System.Net;
using System.Net.Http.Json;
using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Domain;
using Cohort.Web.Domain.Templates;
using Cohort.Web.Features.Nudges;
using Cohort.Web.Features.Participants;
using Cohort.Web.Features.Programs;
using Cohort.Web.Features.Showcases;
using Cohort.Web.Features.Submissions;
using Cohort.Web.Features.Teams;
using Cohort.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.IntegrationTests.Features;

/// <summary>Showcase reminders through the nudge engine: who gets what, when, once; and what moves or stops them.</summary>
public abstract class ShowcaseNudgeTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : CohortApp
{
    private const string JoinUrl = "https://teams.microsoft.com/l/meetup-join/showcase-abc";

    /// <summary>Thursday 17 June 2027, 09:30–18:00: the hour-before reminder (08:30) and the feedback request (18:15) fall outside working hours.</summary>
    private static readonly DateOnly Day = new(2027, 6, 17);

    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    private sealed record World(ProgramOverview.Result Program, Guid[] Teams, string[] Members, string Mentor, string Organizer, string Judge, string Guest, string Outsider);

    private sealed record Sent(string Email, NudgeKind Kind, DateTime Local, string Title, DateOnly Date, string Link, long NudgeId);

    private static DateTimeOffset Jst(int month, int day, int hour, int minute = 0) =>
        new(new DateTime(2027, month, day, hour, minute, 0), TimeSpan.FromHours(9));

    private static bool IsShowcaseKind(NudgeKind kind) => kind >= NudgeKind.ShowcaseInOneWeek;

    private async Task<World> WorldAsync(int teams = 2)
    {
        App.Clock.SetUtcNow(Jst(6, 1, 10));
        var program = await Seed.ProgramAsync(App, new DateOnly(2027, 4, 1));
        var teamIds = new List<Guid>();
        var members = new List<string>();
        for (var i = 0; i < teams; i++)
        {
            var team = await App.SendAsync(new CreateTeam.Command(program.Id, $"{(char)('A' + i)} 発表チーム", null, null));
            teamIds.Add(team);
            members.Add(await Seed.JoinAsync(App, program.Id, InvitedRole.TeamMember, team));
        }

        // A participant without an account is invited (by e-mail) but gets nothing from the engine.
        await App.SendAsync(new SaveParticipant.Command(program.Id, "アカウント なし", $"{Guid.NewGuid():N}@city.example.jp", "市民課", teamIds[0]));
        var mentor = await Seed.JoinAsync(App, program.Id, InvitedRole.Mentor, teamIds[0]);
        var organizer = await Seed.JoinAsync(App, program.Id, InvitedRole.Organizer);
        var judge = (await App.UserAsync($"judge-{Guid.NewGuid():N}@city.example.jp")).Email!;
        var guest = (await App.UserAsync($"guest-{Guid.NewGuid():N}@city.example.jp")).Email!;
        var outsider = (await App.UserAsync($"outsider-{Guid.NewGuid():N}@city.example.jp")).Email!;
        return new World(program, [.. teamIds], [.. members], mentor, organizer, judge, guest, outsider);
    }

    private async Task<Guid> ScheduleAsync(World w)
    {
        var id = await App.SendAsync(new ScheduleShowcase.Command(w.Program.Id, "成果発表会", null, Day, new TimeOnly(9, 30), new TimeOnly(18, 0), ShowcaseFormat.Online, null,
            $"{w.Guest.ToUpperInvariant()}\nno-account-{Guid.NewGuid():N}@city.example.jp", JoinUrl));
        await App.SendAsync(new AddShowcaseJudge.Command(w.Program.Id, id, w.Judge));
        return id;
    }

    private async Task MoveAsync(World w, Guid id, DateOnly date, TimeOnly start)
    {
        var detail = await App.SendAsync(new ShowcaseDetail.Query(w.Program.Id, id));
        await App.SendAsync(new UpdateShowcase.Command(w.Program.Id, id, detail.Version, detail.Title, null, date, start, detail.EndTime, detail.Format, null,
            string.Join('\n', detail.Guests), detail.Meeting.JoinUrl));
    }

    private static string[] Invitees(World w) => [.. w.Members, w.Mentor, w.Organizer, w.Judge, w.Guest];

    private async Task DispatchAtAsync(DateTimeOffset at)
    {
        App.Clock.SetUtcNow(at);
        using var scope = App.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<NudgeDispatcher>().RunOnceAsync();
    }

    /// <summary>The programme's showcase notifications, with the recipient's e-mail and the local time they were written.</summary>
    private Task<List<Sent>> SentAsync(World w) => App.QueryDbAsync(async db =>
    {
        var rows = await db.Notifications.Where(n => n.ProgramId == w.Program.Id)
            .Join(db.Users, n => n.UserId, u => u.Id, (n, u) => new { n, u.Email }).ToListAsync();
        return rows.Where(r => IsShowcaseKind(r.n.Kind))
            .Select(r => new Sent(r.Email!, r.n.Kind, TimeZoneInfo.ConvertTimeFromUtc(r.n.CreatedAt, Tokyo), r.n.SubjectTitle, r.n.SubjectDate, r.n.Link, r.n.NudgeId))
            .OrderBy(s => s.Local).ThenBy(s => s.Kind).ThenBy(s => s.Email, StringComparer.Ordinal).ToList();
    });

    private static void AssertOncePerRecipient(IEnumerable<Sent> sent, NudgeKind kind, IEnumerable<string> expected, DateTime local)
    {
        var these = sent.Where(s => s.Kind == kind).ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), these.Select(s => s.Email).Where(expected.Contains).Order(StringComparer.Ordinal));
        Assert.All(these, s => Assert.Equal(local, s.Local));
        Assert.Equal(these.Count, these.Select(s => s.Email).Distinct().Count());
    }

    [SkippableFact]
    public async Task A_week_a_day_and_an_hour_ahead_every_invitee_with_an_account_is_reminded_once_and_asked_for_feedback_after()
    {
        var w = await WorldAsync();
        var id = await ScheduleAsync(w);
        // Only team A presents: its member has nobody else's presentation to give feedback on.
        var detail = await App.SendAsync(new ShowcaseDetail.Query(w.Program.Id, id));
        await App.SendAsync(new RemoveShowcaseSlot.Command(w.Program.Id, id, detail.Agenda.Single(s => s.TeamId == w.Teams[1]).Id));
        var invitees = Invitees(w);

        await DispatchAtAsync(Jst(6, 1, 10));
        await DispatchAtAsync(Jst(6, 10, 8, 59));
        Assert.Empty(await SentAsync(w));

        // Each moment is dispatched twice: the second run finds nothing left to send.
        DateTimeOffset[] moments = [Jst(6, 10, 9), Jst(6, 14, 9), Jst(6, 16, 9), Jst(6, 17, 8, 29), Jst(6, 17, 8, 30), Jst(6, 17, 18, 14), Jst(6, 17, 18, 15), Jst(6, 18, 9)];
        foreach (var moment in moments)
        {
            await DispatchAtAsync(moment);
            await DispatchAtAsync(moment);
        }

        var sent = await SentAsync(w);
        AssertOncePerRecipient(sent, NudgeKind.ShowcaseInOneWeek, invitees, new DateTime(2027, 6, 10, 9, 0, 0));
        AssertOncePerRecipient(sent, NudgeKind.ShowcaseTomorrow, invitees, new DateTime(2027, 6, 16, 9, 0, 0));
        // At its exact time, before working hours: the showcase itself sets the time.
        AssertOncePerRecipient(sent, NudgeKind.ShowcaseSoon, invitees, new DateTime(2027, 6, 17, 8, 30, 0));
        AssertOncePerRecipient(sent, NudgeKind.AudienceFeedbackAfterSlot, invitees.Except([w.Members[0]]), new DateTime(2027, 6, 17, 18, 15, 0));
        Assert.DoesNotContain(sent, s => s.Kind == NudgeKind.AudienceFeedbackAfterSlot && s.Email == w.Members[0]);
        // Team A has no presentation file: its member is reminded 3 working days before (Monday 14 June).
        AssertOncePerRecipient(sent, NudgeKind.PresentationUpload, [w.Members[0]], new DateTime(2027, 6, 14, 9, 0, 0));
        Assert.Single(sent, s => s.Kind == NudgeKind.PresentationUpload);
        Assert.DoesNotContain(sent, s => s.Email == w.Outsider);

        var publicKey = detail.PublicKey;
        Assert.All(sent.Where(s => s.Kind != NudgeKind.PresentationUpload), s => Assert.Equal(("成果発表会", Day, $"/s/{publicKey}"), (s.Title, s.Date, s.Link)));

        // The mail of the hour-before reminder shows the time and the join link.
        var soon = sent.Single(s => s.Kind == NudgeKind.ShowcaseSoon && s.Email == w.Members[1]);
        var mail = await MailWithAsync(soon.NudgeId);
        var text = (mail.TextBody ?? "").ReplaceLineEndings("\n");
        Assert.Contains("「成果発表会」はあと1時間で始まります", text, StringComparison.Ordinal);
        Assert.Contains("  09:30–18:00\n  オンライン参加：" + JoinUrl + "\n  http://localhost:5000/s/" + publicKey, text, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{JoinUrl}\">", mail.HtmlBody, StringComparison.Ordinal);
        // The feedback request links the public agenda, without a join link.
        var feedback = await MailWithAsync(sent.Single(s => s.Kind == NudgeKind.AudienceFeedbackAfterSlot && s.Email == w.Members[1]).NudgeId);
        Assert.DoesNotContain(JoinUrl, feedback.TextBody ?? "", StringComparison.Ordinal);
        Assert.Contains("/s/" + publicKey, feedback.TextBody ?? "", StringComparison.Ordinal);

        var total = sent.Count;
        await DispatchAtAsync(Jst(6, 21, 10));
        Assert.Equal(total, (await SentAsync(w)).Count);
    }

    [SkippableFact]
    public async Task A_reschedule_plans_new_reminders_and_cancels_the_old_and_a_cancellation_stops_them_all()
    {
        var w = await WorldAsync();
        var id = await ScheduleAsync(w);
        await DispatchAtAsync(Jst(6, 10, 9));
        Assert.Equal(Invitees(w).Length, (await SentAsync(w)).Count(s => s.Kind == NudgeKind.ShowcaseInOneWeek && Invitees(w).Contains(s.Email)));

        // A week later, same times.
        await DispatchAtAsync(Jst(6, 10, 10));
        await MoveAsync(w, id, Day.AddDays(7), new TimeOnly(9, 30));
        await DispatchAtAsync(Jst(6, 10, 10, 1));
        var nudges = await NudgesAsync(id);
        Assert.DoesNotContain(nudges, n => n.SubjectDate == Day && n.State == NudgeState.Pending);
        Assert.Contains(nudges, n => n.SubjectDate == Day && n.Kind == NudgeKind.ShowcaseSoon && n.State == NudgeState.Cancelled);
        Assert.Contains(nudges, n => n.SubjectDate == Day.AddDays(7) && n.Kind == NudgeKind.ShowcaseSoon && n.State == NudgeState.Pending);

        foreach (var moment in new[] { Jst(6, 16, 9), Jst(6, 17, 8, 30), Jst(6, 17, 9), Jst(6, 17, 18, 15) })
        {
            await DispatchAtAsync(moment);
        }

        var sent = await SentAsync(w);
        Assert.DoesNotContain(sent, s => s.Date == Day && s.Kind != NudgeKind.ShowcaseInOneWeek);
        // The new date's week-ahead reminder goes out a week before it, the morning of the old date.
        AssertOncePerRecipient(sent.Where(s => s.Date == Day.AddDays(7)), NudgeKind.ShowcaseInOneWeek, Invitees(w), new DateTime(2027, 6, 17, 9, 0, 0));

        // A later start on the same day moves the hour-before reminder.
        await MoveAsync(w, id, Day.AddDays(7), new TimeOnly(13, 0));
        await DispatchAtAsync(Jst(6, 17, 10));
        var soon = (await NudgesAsync(id)).Where(n => n.Kind == NudgeKind.ShowcaseSoon && n.SubjectDate == Day.AddDays(7)).ToList();
        Assert.All(soon.Where(n => n.State == NudgeState.Pending), n => Assert.Equal(Jst(6, 24, 12).UtcDateTime, n.DueAt));
        Assert.Equal(Invitees(w).Length, soon.Count(n => n.State == NudgeState.Pending && n.DedupeKey.EndsWith("T1300", StringComparison.Ordinal)));
        Assert.Contains(soon, n => n.State == NudgeState.Cancelled && n.DedupeKey.EndsWith("T0930", StringComparison.Ordinal));

        await App.SendAsync(new CancelShowcase.Command(w.Program.Id, id, "台風接近のため中止します"));
        await DispatchAtAsync(Jst(6, 17, 10, 1));
        Assert.DoesNotContain(await NudgesAsync(id), n => n.State == NudgeState.Pending);
        var before = (await SentAsync(w)).Count;
        foreach (var moment in new[] { Jst(6, 21, 9), Jst(6, 23, 9), Jst(6, 24, 12), Jst(6, 24, 18, 15), Jst(6, 25, 9) })
        {
            await DispatchAtAsync(moment);
        }

        Assert.Equal(before, (await SentAsync(w)).Count);
    }

    [SkippableFact]
    public async Task Only_teams_without_their_presentation_file_are_reminded_and_an_upload_cancels_the_reminder()
    {
        var w = await WorldAsync(teams: 3);
        var lastStage = w.Program.Stages.MaxBy(s => s.Order)!;
        var deck = lastStage.Milestones.Where(m => m.Deliverable is DeliverableType.Presentation or DeliverableType.Document).MaxBy(m => m.DueDate)!;
        foreach (var team in w.Teams)
        {
            await App.SendAsync(new SetStageGate.Command(w.Program.Id, team, lastStage.Id, GateState.Open, "成果発表会の準備"));
        }

        async Task UploadAsync(int team, bool submit = true)
        {
            var submission = await App.SendAsAsync(w.Members[team], new SaveSubmissionDraft.Command(w.Program.Id, w.Teams[team], deck.Id, "発表資料", null, null, null, null, null, null, null));
            await App.SendAsAsync(w.Members[team], new AttachFile.Command(w.Program.Id, w.Teams[team], submission, "slides.png", Seed.Png));
            if (submit)
            {
                await App.SendAsAsync(w.Members[team], new SubmitDeliverable.Command(w.Program.Id, w.Teams[team], submission));
            }
        }

        // Team A has handed its deck in; team B has only a draft with the file so far; team C nothing.
        await UploadAsync(0);
        await UploadAsync(1, submit: false);
        var id = await ScheduleAsync(w);
        await DispatchAtAsync(Jst(6, 1, 11));
        var pending = (await NudgesAsync(id)).Where(n => n.Kind == NudgeKind.PresentationUpload && n.State == NudgeState.Pending).Select(n => n.SubjectId).ToList();
        Assert.Equal(new[] { w.Teams[1], w.Teams[2] }.Order(), pending.Order());

        // Team B submits its draft (with the file): its reminder is cancelled at the next run.
        var submissionB = await App.QueryDbAsync(db => db.Submissions.Where(s => s.TeamId == w.Teams[1] && s.MilestoneId == deck.Id).Select(s => s.Id).SingleAsync());
        await App.SendAsAsync(w.Members[1], new SubmitDeliverable.Command(w.Program.Id, w.Teams[1], submissionB));
        await DispatchAtAsync(Jst(6, 2, 10));
        Assert.Contains(await NudgesAsync(id), n => n.Kind == NudgeKind.PresentationUpload && n.SubjectId == w.Teams[1] && n.State == NudgeState.Cancelled);

        await DispatchAtAsync(Jst(6, 14, 9));
        await DispatchAtAsync(Jst(6, 14, 10));
        var upload = Assert.Single(await SentAsync(w), s => s.Kind == NudgeKind.PresentationUpload);
        Assert.Equal((w.Members[2], "C 発表チーム", Day), (upload.Email, upload.Title, upload.Date));
        Assert.Equal($"/Programs/{w.Program.Id}/Teams/{w.Teams[2]}/Deliverables/{deck.Id}", upload.Link);

        // The showcase page shows A's and B's decks: the same rule.
        var agenda = (await App.SendAsync(new ShowcaseDetail.Query(w.Program.Id, id))).Agenda;
        Assert.Equal([true, true, false], agenda.OrderBy(a => a.TeamName).Select(a => a.Presentation is not null));
    }

    [SkippableFact]
    public async Task A_kind_switched_off_for_the_programme_or_muted_by_a_person_is_not_sent()
    {
        var w = await WorldAsync();
        var id = await ScheduleAsync(w);
        var api = await App.ApiClientAsync();
        var response = await api.PutAsJsonAsync($"/api/v1/programs/{w.Program.Id}/nudge-policy", new
        {
            milestoneReminderWorkingDays = 3,
            actionItemReminderWorkingDays = 1,
            checkInGraceWorkingDays = 2,
            reviewWaitingWorkingDays = 3,
            workdayStartHour = 9,
            workdayEndHour = 18,
            disabledKinds = new[] { "ShowcaseSoon" },
        });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await App.SendAsAsync(w.Members[0], new SetNotificationPreferences.Command("ja", [NudgeKind.ShowcaseTomorrow]));

        // The settings page offers every new kind, with its Japanese label, and shows the one switched off.
        var browser = await App.SignedInBrowserAsync();
        var page = await browser.GetStringAsync($"/Programs/{w.Program.Id}/Edit");
        Assert.Contains("value=\"ShowcaseSoon\" checked=\"checked\"", page, StringComparison.Ordinal);
        Assert.Contains("成果発表会の開始1時間前（アカウントのある招待者へ）", page, StringComparison.Ordinal);
        foreach (var kind in new[] { NudgeKind.ShowcaseInOneWeek, NudgeKind.ShowcaseTomorrow, NudgeKind.PresentationUpload, NudgeKind.AudienceFeedbackAfterSlot })
        {
            Assert.Contains($"value=\"{kind}\"", page, StringComparison.Ordinal);
        }

        foreach (var moment in new[] { Jst(6, 16, 9), Jst(6, 17, 8, 30), Jst(6, 17, 9) })
        {
            await DispatchAtAsync(moment);
        }

        var sent = await SentAsync(w);
        Assert.DoesNotContain(sent, s => s.Kind == NudgeKind.ShowcaseSoon);
        Assert.DoesNotContain(sent, s => s.Kind == NudgeKind.ShowcaseTomorrow && s.Email == w.Members[0]);
        AssertOncePerRecipient(sent, NudgeKind.ShowcaseTomorrow, Invitees(w).Except([w.Members[0]]), new DateTime(2027, 6, 16, 9, 0, 0));
        Assert.DoesNotContain(await NudgesAsync(id), n => n.Kind == NudgeKind.ShowcaseSoon && n.State == NudgeState.Pending);
    }

    private Task<List<Nudge>> NudgesAsync(Guid showcaseId) => App.QueryDbAsync(async db =>
    {
        var teams = await db.ShowcaseSlots.Where(s => s.ShowcaseId == showcaseId && s.TeamId != null).Select(s => s.TeamId!.Value).ToListAsync();
        var programId = await db.Showcases.Where(s => s.Id == showcaseId).Select(s => s.ProgramId).SingleAsync();
        return await db.Nudges.Where(n => n.ProgramId == programId && (n.SubjectId == showcaseId || (n.Kind == NudgeKind.PresentationUpload && teams.Contains(n.SubjectId)))).ToListAsync();
    });

    /// <summary>The digest e-mail (as written to the outbox folder) that reported a nudge.</summary>
    private async Task<MimeKit.MimeMessage> MailWithAsync(long nudgeId)
    {
        var deliveries = await App.QueryDbAsync(db => db.MailDeliveries.Where(m => m.State == MailState.Sent).Select(m => new { m.MessageId, m.NudgeIds }).ToListAsync());
        var messageId = deliveries.Single(d => d.NudgeIds.Split(',').Contains(nudgeId.ToString(System.Globalization.CultureInfo.InvariantCulture))).MessageId;
        var folder = (FolderMailSender)App.Services.GetRequiredService<IMailSender>();
        return await MimeKit.MimeMessage.LoadAsync(folder.PathFor(messageId));
    }
}

public sealed class ShowcaseNudgeTests_Sqlite(SqliteApp app) : ShowcaseNudgeTests<SqliteApp>(app);

public sealed class ShowcaseNudgeTests_Postgres(PostgresApp app) : ShowcaseNudgeTests<PostgresApp>(app);
