using System.Collections.Concurrent;
using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Domain;
using Cohort.Web.Features.Participants;
using Cohort.Web.Features.Programs;
using Cohort.Web.Features.Showcases;
using Cohort.Web.Features.Teams;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Mediation;
using Cohort.Web.Infrastructure.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.IntegrationTests.Features;

/// <summary>
/// A meeting service standing in for Microsoft Graph at the interface: configured, it keeps events by transaction id
/// (a repeated create returns the first event, as Exchange does), records every call, and fails on request.
/// The Graph implementation itself is tested against a fake Graph server in the Meetings tests.
/// </summary>
public sealed class ScriptedMeetings : IOnlineMeetingService
{
    public bool IsConfigured { get; set; } = true;

    public ConcurrentDictionary<string, (string EventId, MeetingRequest Request, bool Cancelled, string? Comment)> Events { get; } = new();

    public ConcurrentQueue<string> Calls { get; } = new();

    public ConcurrentQueue<Exception> Failures { get; } = new();

    public TimeSpan Delay { get; set; }

    public async Task<CreatedMeeting> CreateAsync(MeetingRequest request, CancellationToken cancellationToken)
    {
        Calls.Enqueue("create " + request.TransactionId);
        await Task.Delay(Delay, cancellationToken);
        ThrowIfScripted();
        var e = Events.GetOrAdd(request.TransactionId, _ => ("evt-" + Guid.NewGuid().ToString("N"), request, false, null));
        return new CreatedMeeting(e.EventId, $"https://teams.example/join/{e.EventId}", $"https://outlook.example/{e.EventId}");
    }

    public Task UpdateAsync(string eventId, MeetingRequest request, CancellationToken cancellationToken)
    {
        Calls.Enqueue("update " + eventId);
        ThrowIfScripted();
        var key = Events.Single(e => e.Value.EventId == eventId).Key;
        Events[key] = Events[key] with { Request = request };
        return Task.CompletedTask;
    }

    public Task CancelAsync(string eventId, string comment, CancellationToken cancellationToken)
    {
        Calls.Enqueue("cancel " + eventId);
        ThrowIfScripted();
        var key = Events.Single(e => e.Value.EventId == eventId).Key;
        Events[key] = Events[key] with { Cancelled = true, Comment = comment };
        return Task.CompletedTask;
    }

    public IEnumerable<MeetingRequest> Live => Events.Values.Where(e => !e.Cancelled).Select(e => e.Request);

    private void ThrowIfScripted()
    {
        if (Failures.TryDequeue(out var failure))
        {
            throw failure;
        }
    }
}

public sealed class ShowcaseSqliteApp : CohortApp
{
    public ScriptedMeetings Meetings { get; } = new();

    protected override Database Kind => Database.Sqlite;

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IOnlineMeetingService>(Meetings);
}

public sealed class ShowcasePostgresApp : CohortApp
{
    public ScriptedMeetings Meetings { get; } = new();

    protected override Database Kind => Database.PostgreSql;

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IOnlineMeetingService>(Meetings);
}

public abstract class ShowcaseTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : CohortApp
{
    private static readonly DateOnly Day = new(2027, 6, 10);

    private ScriptedMeetings Meetings => App switch
    {
        ShowcaseSqliteApp s => s.Meetings,
        ShowcasePostgresApp p => p.Meetings,
        _ => throw new InvalidOperationException(),
    };

    private async Task<(ProgramOverview.Result Program, Guid[] Teams, string Member)> SetupAsync()
    {
        App.Clock.SetUtcNow(new DateTimeOffset(2027, 6, 1, 10, 0, 0, TimeSpan.FromHours(9)));
        Meetings.IsConfigured = true;
        var program = await Seed.ProgramAsync(App, new DateOnly(2027, 4, 1));
        var a = await App.SendAsync(new CreateTeam.Command(program.Id, "A 道路公園チーム", "建設課", null));
        var b = await App.SendAsync(new CreateTeam.Command(program.Id, "B 下水道チーム", "下水道課", null));
        await App.SendAsync(new SaveParticipant.Command(program.Id, "山田 花子", $"{Guid.NewGuid():N}@city.example.jp", "建設課", a));
        var member = await Seed.JoinAsync(App, program.Id, InvitedRole.TeamMember, a);
        return (program, [a, b], member);
    }

    private static ScheduleShowcase.Command Schedule(Guid programId, string? link = null) =>
        new(programId, "成果発表会", "2チームが発表します", Day, new TimeOnly(14, 0), new TimeOnly(15, 0), ShowcaseFormat.Hybrid, "本庁舎 5階\n第二庁舎 会議室",
            "mayor-office@city.example.jp\nMAYOR-office@city.example.jp", link, SlotMinutes: 10, QaMinutes: 5);

    private async Task SyncAsync(Guid showcaseId)
    {
        using var scope = App.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<MeetingSync>().SyncAsync(showcaseId, CancellationToken.None);
    }

    private async Task<int> RunDueAsync()
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<MeetingSync>().RunDueAsync(CancellationToken.None);
    }

    [SkippableFact]
    public async Task Scheduling_gives_every_team_a_slot_and_the_agenda_times_follow_moves_breaks_and_lengths()
    {
        var (program, teams, _) = await SetupAsync();
        var id = await App.SendAsync(Schedule(program.Id));
        var detail = await App.SendAsync(new ShowcaseDetail.Query(program.Id, id));
        Assert.Equal(["A 道路公園チーム", "B 下水道チーム"], detail.Agenda.Select(s => s.TeamName));
        Assert.Equal([new TimeOnly(14, 0), new TimeOnly(14, 15)], detail.Agenda.Select(s => s.Start));
        Assert.Equal(["mayor-office@city.example.jp"], detail.Guests);

        var pause = await App.SendAsync(new AddShowcaseSlot.Command(program.Id, id, null, "休憩", 10, 5));
        await App.SendAsync(new MoveShowcaseSlot.Command(program.Id, id, pause, 2));
        var b = detail.Agenda[1].Id;
        await App.SendAsync(new UpdateShowcaseSlot.Command(program.Id, id, b, "下水道台帳のデモ", 20, 10));
        detail = await App.SendAsync(new ShowcaseDetail.Query(program.Id, id));
        Assert.Equal(["A 道路公園チーム", null, "B 下水道チーム"], detail.Agenda.Select(s => s.TeamName));
        Assert.Equal([(new TimeOnly(14, 0), new TimeOnly(14, 15)), (new TimeOnly(14, 15), new TimeOnly(14, 25)), (new TimeOnly(14, 25), new TimeOnly(14, 55))],
            detail.Agenda.Select(s => (s.Start, s.End)));
        Assert.Equal(0, detail.Agenda[1].QaMinutes);
        Assert.Equal(0, detail.OverrunMinutes);

        await App.SendAsync(new UpdateShowcaseSlot.Command(program.Id, id, b, null, 30, 10));
        Assert.Equal(5, (await App.SendAsync(new ShowcaseDetail.Query(program.Id, id))).OverrunMinutes);

        await Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(new AddShowcaseSlot.Command(program.Id, id, teams[0], null, 10, 5)));
        await App.SendAsync(new RemoveShowcaseSlot.Command(program.Id, id, pause));
        Assert.Equal([1, 2], (await App.SendAsync(new ShowcaseDetail.Query(program.Id, id))).Agenda.Select(s => s.Order));
    }

    [SkippableFact]
    public async Task Bad_input_is_refused_with_field_errors_and_nothing_is_written()
    {
        var (program, _, member) = await SetupAsync();
        var bad = Schedule(program.Id) with { StartTime = new TimeOnly(16, 0), Venues = null, GuestEmails = "not an address", MeetingJoinUrl = "http://insecure.example" };
        var e = await Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(bad));
        Assert.Equal(["EndTime", "GuestEmails", "MeetingJoinUrl", "Venues"], e.Errors.Select(x => x.PropertyName).Distinct().Order());
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsAsync(member, Schedule(program.Id)));
        Assert.Empty(await App.SendAsync(new ShowcaseList.Query(program.Id)));
    }

    [SkippableFact]
    public async Task With_a_meeting_service_the_showcase_gets_one_meeting_that_follows_changes_and_cancellation()
    {
        var (program, _, _) = await SetupAsync();
        var id = await App.SendAsync(Schedule(program.Id));
        Assert.Equal(MeetingState.Pending, (await App.SendAsync(new ShowcaseDetail.Query(program.Id, id))).Meeting.State);

        // Two instances sync at once: one claims the showcase, the other stays out; one event exists.
        Meetings.Delay = TimeSpan.FromMilliseconds(300);
        await Task.WhenAll(SyncAsync(id), SyncAsync(id), RunDueAsync());
        Meetings.Delay = TimeSpan.Zero;
        var detail = await App.SendAsync(new ShowcaseDetail.Query(program.Id, id));
        Assert.Equal(MeetingState.Created, detail.Meeting.State);
        var live = Assert.Single(Meetings.Live, r => r.TransactionId.Contains(id.ToString("N"), StringComparison.Ordinal));
        Assert.StartsWith("https://teams.example/join/", detail.Meeting.JoinUrl, StringComparison.Ordinal);
        Assert.Equal(new DateTime(2027, 6, 10, 5, 0, 0, DateTimeKind.Utc), live.StartUtc);
        Assert.Equal("本庁舎 5階 / 第二庁舎 会議室", live.Location);
        Assert.Contains(live.Attendees, a => a.Email == "mayor-office@city.example.jp");
        Assert.Contains(live.Attendees, a => a.Name == "山田 花子");
        Assert.Equal(live.Attendees.Count, live.Attendees.Select(a => a.Email.ToLowerInvariant()).Distinct().Count());

        // Rescheduling updates the same event.
        await App.SendAsync(new UpdateShowcase.Command(program.Id, id, detail.Version, "成果発表会", null, Day.AddDays(1), new TimeOnly(13, 0), new TimeOnly(15, 0),
            ShowcaseFormat.Online, null, null, null));
        await RunDueAsync();
        live = Assert.Single(Meetings.Live, r => r.TransactionId.Contains(id.ToString("N"), StringComparison.Ordinal));
        Assert.Equal(new DateTime(2027, 6, 11, 4, 0, 0, DateTimeKind.Utc), live.StartUtc);
        Assert.Null(live.Location);
        Assert.Equal(MeetingState.Created, (await App.SendAsync(new ShowcaseDetail.Query(program.Id, id))).Meeting.State);

        // A stale form is refused (409), nothing overwritten.
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => App.SendAsync(new UpdateShowcase.Command(program.Id, id, detail.Version, "古い", null, Day, new TimeOnly(9, 0),
            new TimeOnly(10, 0), ShowcaseFormat.Online, null, null, null)));

        // Cancelling cancels the event with the reason as the message to attendees.
        await App.SendAsync(new CancelShowcase.Command(program.Id, id, "台風接近のため延期します"));
        await RunDueAsync();
        var cancelled = Meetings.Events.Values.Single(e => e.Request.TransactionId.Contains(id.ToString("N"), StringComparison.Ordinal));
        Assert.True(cancelled.Cancelled);
        Assert.Equal("台風接近のため延期します", cancelled.Comment);
        detail = await App.SendAsync(new ShowcaseDetail.Query(program.Id, id));
        Assert.Equal(MeetingState.Cancelled, detail.Meeting.State);
        Assert.Null(detail.Meeting.JoinUrl);
        var calls = Meetings.Calls.Count;
        await SyncAsync(id);
        Assert.Equal(calls, Meetings.Calls.Count);
    }

    [SkippableFact]
    public async Task A_passing_failure_is_retried_with_back_off_and_a_refusal_fails_with_its_reason_until_retried()
    {
        var (program, _, _) = await SetupAsync();
        var id = await App.SendAsync(Schedule(program.Id));
        Meetings.Failures.Enqueue(new MeetingServiceException("Graph answered 429 Too Many Requests.", isTransient: true) { StatusCode = 429, RetryAfterSeconds = 300 });
        await SyncAsync(id);
        var detail = await App.SendAsync(new ShowcaseDetail.Query(program.Id, id));
        Assert.Equal(MeetingState.Retrying, detail.Meeting.State);
        Assert.Contains("429", detail.Meeting.Error, StringComparison.Ordinal);
        Assert.Equal(App.Clock.GetUtcNow().UtcDateTime.AddSeconds(300), detail.Meeting.NextAttemptAt);

        // Not due yet: the sweep leaves it; once due, it creates the meeting.
        var calls = Meetings.Calls.Count(c => c.Contains(id.ToString("N"), StringComparison.Ordinal));
        await RunDueAsync();
        Assert.Equal(calls, Meetings.Calls.Count(c => c.Contains(id.ToString("N"), StringComparison.Ordinal)));
        Assert.Equal(MeetingState.Retrying, (await App.SendAsync(new ShowcaseDetail.Query(program.Id, id))).Meeting.State);
        App.Clock.Advance(TimeSpan.FromMinutes(6));
        await RunDueAsync();
        Assert.Equal(MeetingState.Created, (await App.SendAsync(new ShowcaseDetail.Query(program.Id, id))).Meeting.State);
        Assert.Single(Meetings.Events.Values, e => e.Request.TransactionId.Contains(id.ToString("N"), StringComparison.Ordinal));

        // A refusal (permission denied) is not retried by itself.
        var other = await App.SendAsync(Schedule(program.Id) with { Title = "追加発表会" });
        Meetings.Failures.Enqueue(new MeetingServiceException("Access is denied: the app may not use this mailbox.", isTransient: false) { StatusCode = 403 });
        await SyncAsync(other);
        detail = await App.SendAsync(new ShowcaseDetail.Query(program.Id, other));
        Assert.Equal((MeetingState.Failed, "Access is denied: the app may not use this mailbox."), (detail.Meeting.State, detail.Meeting.Error));
        App.Clock.Advance(TimeSpan.FromHours(2));
        await RunDueAsync();
        Assert.Equal(MeetingState.Failed, (await App.SendAsync(new ShowcaseDetail.Query(program.Id, other))).Meeting.State);

        await App.SendAsync(new RetryShowcaseMeeting.Command(program.Id, other));
        await RunDueAsync();
        Assert.Equal(MeetingState.Created, (await App.SendAsync(new ShowcaseDetail.Query(program.Id, other))).Meeting.State);

        // Passing failures that never end give up after the last attempt, with the reason.
        var third = await App.SendAsync(Schedule(program.Id) with { Title = "三回目" });
        for (var i = 0; i < MeetingSync.MaxAttempts; i++)
        {
            Meetings.Failures.Enqueue(new MeetingServiceException("Graph answered 503 Service Unavailable.", isTransient: true) { StatusCode = 503 });
            await SyncAsync(third);
            App.Clock.Advance(TimeSpan.FromHours(1));
        }

        detail = await App.SendAsync(new ShowcaseDetail.Query(program.Id, third));
        Assert.Equal(MeetingState.Failed, detail.Meeting.State);
        Assert.StartsWith($"Gave up after {MeetingSync.MaxAttempts} attempts.", detail.Meeting.Error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Without_a_meeting_service_the_organiser_pastes_a_link_and_everything_else_works()
    {
        var (program, _, member) = await SetupAsync();
        Meetings.IsConfigured = false;
        var id = await App.SendAsync(Schedule(program.Id, "https://teams.microsoft.com/l/meetup-join/abc"));
        var calls = Meetings.Calls.Count;
        await SyncAsync(id);
        await RunDueAsync();
        Assert.Equal(calls, Meetings.Calls.Count);
        var detail = await App.SendAsAsync(member, new ShowcaseDetail.Query(program.Id, id));
        Assert.Equal((MeetingState.Manual, "https://teams.microsoft.com/l/meetup-join/abc"), (detail.Meeting.State, detail.Meeting.JoinUrl));
        Assert.Empty(detail.Guests);
        Assert.Null(detail.Meeting.Error);

        var agenda = await App.SendAsync(new PublicAgenda.Query(detail.PublicKey));
        Assert.Equal(("成果発表会", "https://teams.microsoft.com/l/meetup-join/abc", 2), (agenda.Title, agenda.JoinUrl, agenda.Agenda.Count));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new PublicAgenda.Query("0123456789abcdef0123456789abcdef")));
    }

    [SkippableFact]
    public async Task Audience_feedback_is_one_per_device_open_from_the_start_and_organisers_can_hide_comments()
    {
        var (program, teams, member) = await SetupAsync();
        Meetings.IsConfigured = false;
        var id = await App.SendAsync(Schedule(program.Id, "https://teams.microsoft.com/l/meetup-join/abc"));
        var slot = (await App.SendAsync(new ShowcaseDetail.Query(program.Id, id))).Agenda[0];
        var form = await App.SendAsync(new FeedbackForm.Query(slot.FeedbackKey));
        Assert.False(form.Open);
        Assert.Equal(4, form.Criteria.Count);
        var first = form.Criteria[0];
        var rate = (int score) => form.Criteria.Select(c => new Rating(c.Id, Math.Min(score, c.MaxScore))).ToList();

        await Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(new GiveAudienceFeedback.Command(slot.FeedbackKey, new string('a', 32), rate(4), "早すぎ")));
        App.Clock.SetUtcNow(new DateTimeOffset(Day.ToDateTime(new TimeOnly(14, 10)), TimeSpan.FromHours(9)));
        Assert.True((await App.SendAsync(new FeedbackForm.Query(slot.FeedbackKey))).Open);

        Assert.False(await App.SendAsync(new GiveAudienceFeedback.Command(slot.FeedbackKey, new string('a', 32), rate(2), "申請の入口が一つになるのは良いですね")));
        Assert.True(await App.SendAsync(new GiveAudienceFeedback.Command(slot.FeedbackKey, new string('a', 32), rate(4), "申請の入口が一つになるのは良いですね")));
        await App.SendAsync(new GiveAudienceFeedback.Command(slot.FeedbackKey, new string('b', 32), rate(5), "ひどいコメント"));
        await App.SendAsync(new GiveAudienceFeedback.Command(slot.FeedbackKey, new string('c', 32), null, "質問: 費用は？"));

        var invalid = await Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new GiveAudienceFeedback.Command(slot.FeedbackKey, new string('d', 32),
            [new Rating(first.Id, first.MaxScore + 1), new Rating(Guid.NewGuid(), 1)], null)));
        Assert.Equal(["Ratings[0].Score", "Ratings[1].CriterionId"], invalid.Errors.Select(x => x.PropertyName));
        await Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new GiveAudienceFeedback.Command(slot.FeedbackKey, new string('d', 32), [], " ")));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new GiveAudienceFeedback.Command("nope", new string('d', 32), rate(3), null)));

        var results = await App.SendAsync(new ShowcaseResults.Query(program.Id, id));
        var a = results.Teams.Single(t => t.TeamId == teams[0]);
        Assert.Equal(3, a.AudienceCount);
        Assert.Equal(Math.Min(4.5, (4 + Math.Min(5, first.MaxScore)) / 2.0), a.AudienceAverages[first.Id]);
        Assert.Equal(3, a.Comments.Count);
        var abusive = a.Comments.Single(c => c.Text == "ひどいコメント");
        await App.SendAsync(new HideAudienceFeedback.Command(program.Id, id, abusive.Id, true));
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsAsync(member, new ShowcaseResults.Query(program.Id, id)));

        // The team sees the comments (not the hidden one) once the showcase is over.
        Assert.Empty(await App.SendAsAsync(member, new TeamShowcaseFeedback.Query(program.Id, teams[0])));
        App.Clock.SetUtcNow(new DateTimeOffset(Day.ToDateTime(new TimeOnly(15, 1)), TimeSpan.FromHours(9)));
        var seen = Assert.Single(await App.SendAsAsync(member, new TeamShowcaseFeedback.Query(program.Id, teams[0])));
        Assert.Equal(["申請の入口が一つになるのは良いですね", "質問: 費用は？"], seen.Comments.Order(StringComparer.Ordinal));
        Assert.Equal(3, seen.AudienceCount);

        // A week after the day the form closes.
        App.Clock.SetUtcNow(new DateTimeOffset(Day.AddDays(8).ToDateTime(new TimeOnly(0, 1)), TimeSpan.FromHours(9)));
        await Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(new GiveAudienceFeedback.Command(slot.FeedbackKey, new string('e', 32), rate(3), null)));
    }

    [SkippableFact]
    public async Task Judges_score_privately_and_organisers_see_totals_and_publish_results()
    {
        var (program, teams, member) = await SetupAsync();
        Meetings.IsConfigured = false;
        var id = await App.SendAsync(Schedule(program.Id, "https://teams.microsoft.com/l/meetup-join/abc"));
        var judge = (await App.UserAsync($"judge-{Guid.NewGuid():N}@city.example.jp")).Email!;
        var outsider = (await App.UserAsync($"outsider-{Guid.NewGuid():N}@city.example.jp")).Email!;
        await App.SendAsync(new AddShowcaseJudge.Command(program.Id, id, judge.ToUpperInvariant()));
        var missing = await Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new AddShowcaseJudge.Command(program.Id, id, "nobody@city.example.jp")));
        Assert.Equal("Email", Assert.Single(missing.Errors).PropertyName);

        var sheet = await App.SendAsAsync(judge, new JudgeSheet.Query(id));
        Assert.Equal(2, sheet.Rows.Count);
        Assert.Single(await App.SendAsAsync(judge, new MyJudging.Query()));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsAsync(outsider, new JudgeSheet.Query(id)));
        var ratings = sheet.Criteria.Select(c => new Rating(c.Id, 3)).ToList();
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsAsync(outsider, new ScoreShowcaseSlot.Command(id, sheet.Rows[0].SlotId, ratings, null)));
        await App.SendAsAsync(judge, new ScoreShowcaseSlot.Command(id, sheet.Rows[0].SlotId, ratings, "現場の業務がよく分かっている"));
        await App.SendAsAsync(judge, new ScoreShowcaseSlot.Command(id, sheet.Rows[0].SlotId, sheet.Criteria.Select(c => new Rating(c.Id, 4)).ToList(), "現場の業務がよく分かっている"));
        Assert.Equal(4, (await App.SendAsAsync(judge, new JudgeSheet.Query(id))).Rows[0].Scores.Values.Distinct().Single());

        var results = await App.SendAsync(new ShowcaseResults.Query(program.Id, id));
        var a = results.Teams.Single(t => t.TeamId == teams[0]);
        Assert.Equal((1, 4 * sheet.Criteria.Count, (double?)(4 * sheet.Criteria.Count)), (a.JudgeCount, a.JudgeTotal, a.JudgeAverage));
        Assert.Equal("現場の業務がよく分かっている", Assert.Single(a.JudgeComments).Text);
        var judgeId = (await App.SendAsync(new ShowcaseDetail.Query(program.Id, id))).Judges.Single().Id;
        await Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(new RemoveShowcaseJudge.Command(program.Id, id, judgeId)));

        // Results: a summary everyone in the programme reads once published.
        await Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new PublishShowcaseResults.Command(program.Id, id, "", true)));
        Assert.Null((await App.SendAsAsync(member, new ShowcaseDetail.Query(program.Id, id))).ResultsSummary);
        await App.SendAsync(new PublishShowcaseResults.Command(program.Id, id, "最優秀賞: A 道路公園チーム", true));
        Assert.Equal("最優秀賞: A 道路公園チーム", (await App.SendAsAsync(member, new ShowcaseDetail.Query(program.Id, id))).ResultsSummary);
        Assert.Contains(await App.SendAsync(new Cohort.Web.Features.Audit.ProgramAuditLog.Query(program.Id)), e => e.Action == "PublishShowcaseResults");
    }
}

public sealed class ShowcaseTests_Sqlite(ShowcaseSqliteApp app) : ShowcaseTests<ShowcaseSqliteApp>(app);

public sealed class ShowcaseTests_Postgres(ShowcasePostgresApp app) : ShowcaseTests<ShowcasePostgresApp>(app);
