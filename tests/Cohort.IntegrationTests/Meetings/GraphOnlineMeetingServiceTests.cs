using System.Diagnostics;
using Cohort.Web.Infrastructure.Meetings;

namespace Cohort.IntegrationTests.Meetings;

/// <summary>
/// The Graph implementation against <see cref="FakeGraphServer"/> over real HTTP on loopback, with the SDK's own
/// middleware (retries included) in the path. Retry-After is 1 s and the base retry delay 0 s, to keep these fast.
/// </summary>
public sealed class GraphOnlineMeetingServiceTests
{
    private static readonly DateTime ShowcaseStartUtc = new(2026, 12, 11, 5, 0, 0, DateTimeKind.Utc); // 14:00 in Tokyo
    private static readonly DateTime ShowcaseEndUtc = new(2026, 12, 11, 7, 30, 0, DateTimeKind.Utc);

    private static GraphSettings Settings(FakeGraphServer server, int timeoutSeconds = 30, int maxRetries = 3) => new()
    {
        TenantId = FakeGraphServer.TenantId,
        ClientId = "11111111-2222-3333-4444-555555555555",
        ClientSecret = "not-used-with-the-fake-token",
        OrganizerMailbox = server.Organizer,
        BaseUrl = server.BaseUrl,
        Timeout = TimeSpan.FromSeconds(timeoutSeconds),
        MaxRetries = maxRetries,
        RetryDelaySeconds = 0,
    };

    private static GraphOnlineMeetingService Service(FakeGraphServer server, int timeoutSeconds = 30, int maxRetries = 3) =>
        new(Settings(server, timeoutSeconds, maxRetries), FakeTokenProvider.Authentication());

    private static MeetingRequest Showcase(string transactionId = "cohort-showcase-12-1") => new(
        transactionId,
        "【成果発表会】DX人材育成プログラム 2026",
        "<p>各チームが課題と試作品を発表します。</p>",
        ShowcaseStartUtc,
        ShowcaseEndUtc,
        "Asia/Tokyo",
        "市役所 本庁舎 3階 大会議室",
        [new MeetingAttendee("hanako.yamada@city.example.jp", "山田 花子"), new MeetingAttendee("taro.suzuki@city.example.jp", null)]);

    [Fact]
    public async Task Create_puts_a_Teams_meeting_in_the_organiser_calendar_with_the_documented_request()
    {
        await using var server = await FakeGraphServer.StartAsync();
        using var service = Service(server);

        var created = await service.CreateAsync(Showcase(), CancellationToken.None);

        var stored = Assert.Single(server.Events);
        Assert.Equal(stored.Id, created.EventId);
        Assert.Equal(stored.JoinUrl, created.JoinUrl);
        Assert.Equal(stored.WebLink, created.WebLink);
        Assert.Equal("【成果発表会】DX人材育成プログラム 2026", stored.Subject);
        Assert.Equal((ShowcaseStartUtc, ShowcaseEndUtc), (stored.StartUtc, stored.EndUtc));
        Assert.Equal("Tokyo Standard Time", stored.StartTimeZone);
        Assert.Equal("市役所 本庁舎 3階 大会議室", stored.Location);
        Assert.Equal(
            [("hanako.yamada@city.example.jp", "山田 花子", "required"), ("taro.suzuki@city.example.jp", null, "required")],
            stored.Attendees);
        Assert.True(stored.IsOnlineMeeting);
        Assert.Equal("teamsForBusiness", stored.OnlineMeetingProvider);
        Assert.Equal("cohort-showcase-12-1", stored.TransactionId);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1.0/users/showcase@city.example.jp/events", request.Path);
        Assert.Equal("Bearer " + FakeGraphServer.AccessToken, request.Header("Authorization"));
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        var json = request.Json;
        Assert.Equal("html", json.GetProperty("body").GetProperty("contentType").GetString());
        Assert.Equal("<p>各チームが課題と試作品を発表します。</p>", json.GetProperty("body").GetProperty("content").GetString());
        Assert.Equal("2026-12-11T14:00:00", json.GetProperty("start").GetProperty("dateTime").GetString());
        Assert.Equal("Tokyo Standard Time", json.GetProperty("start").GetProperty("timeZone").GetString());
        Assert.Equal("2026-12-11T16:30:00", json.GetProperty("end").GetProperty("dateTime").GetString());
        Assert.True(json.GetProperty("isOnlineMeeting").GetBoolean());
        Assert.Equal("teamsForBusiness", json.GetProperty("onlineMeetingProvider").GetString());
        Assert.Equal("cohort-showcase-12-1", json.GetProperty("transactionId").GetString());
        var attendee = json.GetProperty("attendees")[0];
        Assert.Equal("required", attendee.GetProperty("type").GetString());
        Assert.Equal("hanako.yamada@city.example.jp", attendee.GetProperty("emailAddress").GetProperty("address").GetString());
        Assert.Equal("山田 花子", attendee.GetProperty("emailAddress").GetProperty("name").GetString());
        Assert.False(json.GetProperty("attendees")[1].GetProperty("emailAddress").TryGetProperty("name", out _));
    }

    [Fact]
    public async Task Reschedule_moves_the_event_replaces_its_text_and_keeps_the_Teams_join_block()
    {
        await using var server = await FakeGraphServer.StartAsync();
        using var service = Service(server);
        var created = await service.CreateAsync(Showcase(), CancellationToken.None);

        var moved = Showcase() with
        {
            Subject = "【成果発表会・日程変更】DX人材育成プログラム 2026",
            BodyHtml = "<p>日程を12月18日に変更しました。</p>",
            StartUtc = ShowcaseStartUtc.AddDays(7),
            EndUtc = ShowcaseEndUtc.AddDays(7),
            Location = null,
            Attendees = [new MeetingAttendee("hanako.yamada@city.example.jp", "山田 花子")],
        };
        await service.UpdateAsync(created.EventId, moved, CancellationToken.None);

        var stored = Assert.Single(server.Events);
        Assert.Equal(created.EventId, stored.Id);
        Assert.Equal("【成果発表会・日程変更】DX人材育成プログラム 2026", stored.Subject);
        Assert.Equal((ShowcaseStartUtc.AddDays(7), ShowcaseEndUtc.AddDays(7)), (stored.StartUtc, stored.EndUtc));
        Assert.Null(stored.Location);
        Assert.Equal("hanako.yamada@city.example.jp", Assert.Single(stored.Attendees).Address);
        Assert.Contains("日程を12月18日に変更しました。", stored.BodyHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("各チームが課題と試作品を発表します。", stored.BodyHtml, StringComparison.Ordinal);
        Assert.Single(Occurrences(stored.BodyHtml, $"href=\"{stored.JoinUrl}\""));
        Assert.Equal(2, Occurrences(stored.BodyHtml, "opacity:.36").Count); // both rule lines around the block

        var patch = server.Requests[^1];
        Assert.Equal("PATCH", patch.Method);
        Assert.Equal($"/v1.0/users/showcase@city.example.jp/events/{created.EventId}", patch.Path);
        Assert.Equal("Bearer " + FakeGraphServer.AccessToken, patch.Header("Authorization"));
        Assert.False(patch.Json.TryGetProperty("transactionId", out _));
        Assert.Equal("GET", server.Requests[^2].Method);
    }

    [Fact]
    public async Task Cancel_sends_the_comment_and_takes_the_event_off_the_calendar()
    {
        await using var server = await FakeGraphServer.StartAsync();
        using var service = Service(server);
        var created = await service.CreateAsync(Showcase(), CancellationToken.None);

        await service.CancelAsync(created.EventId, "台風の接近により中止します。", CancellationToken.None);

        Assert.Empty(server.Events);
        var cancelled = Assert.Single(server.CancelledEvents);
        Assert.Equal("台風の接近により中止します。", cancelled.CancellationComment);
        var request = server.Requests[^1];
        Assert.Equal(("POST", $"/v1.0/users/showcase@city.example.jp/events/{created.EventId}/cancel"), (request.Method, request.Path));
        // The parameter as Graph's metadata (and the documentation's example) spells it.
        Assert.Equal("台風の接近により中止します。", request.Json.GetProperty("Comment").GetString());
    }

    [Fact]
    public async Task Cancelling_an_event_that_is_already_gone_succeeds_quietly()
    {
        await using var server = await FakeGraphServer.StartAsync();
        using var service = Service(server);
        var created = await service.CreateAsync(Showcase(), CancellationToken.None);

        await service.CancelAsync(created.EventId, "中止します。", CancellationToken.None);
        await service.CancelAsync(created.EventId, "中止します。", CancellationToken.None);
        await service.CancelAsync("AAMkAGI1-deleted-by-hand=", "中止します。", CancellationToken.None);

        Assert.Single(server.CancelledEvents);
        Assert.Equal(3, server.Requests.Count(r => r.Path.EndsWith("/cancel", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_404_for_an_unknown_organiser_mailbox_is_not_taken_for_an_already_cancelled_event()
    {
        await using var server = await FakeGraphServer.StartAsync();
        using var service = new GraphOnlineMeetingService(Settings(server) with { OrganizerMailbox = "nobody@city.example.jp" }, FakeTokenProvider.Authentication());

        var failure = await Assert.ThrowsAsync<MeetingServiceException>(() => service.CancelAsync("AAMkAGI1x=", "中止します。", CancellationToken.None));

        Assert.False(failure.IsTransient);
        Assert.Equal(404, failure.StatusCode);
        Assert.Contains("ErrorInvalidUser", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_throttled_create_is_retried_after_Retry_After_and_makes_one_event()
    {
        await using var server = await FakeGraphServer.StartAsync();
        using var service = Service(server);
        server.FailNext(FakeGraphFault.Throttled(retryAfterSeconds: 1));
        var clock = Stopwatch.StartNew();

        var created = await service.CreateAsync(Showcase(), CancellationToken.None);

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {clock.Elapsed}, before Retry-After");
        Assert.Equal(created.EventId, Assert.Single(server.Events).Id);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal("1", server.Requests[1].Header("Retry-Attempt"));
        Assert.All(server.Requests, r => Assert.Equal("Bearer " + FakeGraphServer.AccessToken, r.Header("Authorization")));
    }

    [Fact]
    public async Task A_create_whose_answer_was_lost_to_a_503_is_retried_by_the_SDK_and_still_makes_one_event()
    {
        await using var server = await FakeGraphServer.StartAsync();
        using var service = Service(server);
        server.FailNext(FakeGraphFault.ServedButUnavailable());

        var created = await service.CreateAsync(Showcase(), CancellationToken.None);

        Assert.Equal(2, server.Requests.Count(r => r.Method == "POST"));
        Assert.Equal(created.EventId, Assert.Single(server.Events).Id);
    }

    [Fact]
    public async Task A_create_that_timed_out_after_Exchange_made_the_event_is_transient_and_running_it_again_finds_that_event()
    {
        await using var server = await FakeGraphServer.StartAsync();
        using var service = Service(server, timeoutSeconds: 1);
        server.FailNext(FakeGraphFault.NoAnswer(TimeSpan.FromSeconds(10), serveFirst: true));

        var failure = await Assert.ThrowsAsync<MeetingServiceException>(() => service.CreateAsync(Showcase(), CancellationToken.None));
        Assert.True(failure.IsTransient);
        Assert.Null(failure.StatusCode);
        Assert.Contains("did not answer within 1 s", failure.Message, StringComparison.Ordinal);
        Assert.Single(server.Events);

        // What the job does on its next run: the same request, the same transactionId.
        var created = await service.CreateAsync(Showcase(), CancellationToken.None);

        Assert.Equal(created.EventId, Assert.Single(server.Events).Id);
    }

    [Fact]
    public async Task Persistent_503_ends_in_a_transient_failure_with_the_status_after_the_SDK_retries()
    {
        await using var server = await FakeGraphServer.StartAsync();
        using var service = Service(server, maxRetries: 2);
        server.FailNext(FakeGraphFault.Unavailable(), times: 10);

        var failure = await Assert.ThrowsAsync<MeetingServiceException>(() => service.CreateAsync(Showcase(), CancellationToken.None));

        Assert.True(failure.IsTransient);
        Assert.Equal(503, failure.StatusCode);
        Assert.Equal(3, server.Requests.Count);
        Assert.Empty(server.Events);
    }

    [Fact]
    public async Task Throttling_that_outlasts_the_retries_reports_the_Retry_After_asked_for()
    {
        await using var server = await FakeGraphServer.StartAsync();
        using var service = Service(server, maxRetries: 1);
        server.FailNext(FakeGraphFault.Throttled(retryAfterSeconds: 1), times: 5);

        var failure = await Assert.ThrowsAsync<MeetingServiceException>(() => service.CreateAsync(Showcase(), CancellationToken.None));

        Assert.True(failure.IsTransient);
        Assert.Equal(429, failure.StatusCode);
        Assert.Equal(1, failure.RetryAfterSeconds);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Access_denied_is_permanent_carries_Graphs_message_and_is_not_retried()
    {
        await using var server = await FakeGraphServer.StartAsync();
        using var service = Service(server);
        server.FailNext(FakeGraphFault.AccessDenied());

        var failure = await Assert.ThrowsAsync<MeetingServiceException>(() => service.CreateAsync(Showcase(), CancellationToken.None));

        Assert.False(failure.IsTransient);
        Assert.Equal(403, failure.StatusCode);
        Assert.Contains("ErrorAccessDenied", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Access is denied. Check credentials and try again.", failure.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_request_Graph_rejects_as_invalid_is_permanent_with_Graphs_reason()
    {
        await using var server = await FakeGraphServer.StartAsync();
        using var service = Service(server);

        var failure = await Assert.ThrowsAsync<MeetingServiceException>(() => service.CreateAsync(
            Showcase() with { Attendees = [new MeetingAttendee("yamada at city.example.jp", "山田 花子")] },
            CancellationToken.None));

        Assert.False(failure.IsTransient);
        Assert.Equal(400, failure.StatusCode);
        Assert.Contains("ErrorInvalidRecipients", failure.Message, StringComparison.Ordinal);
        Assert.Empty(server.Events);
    }

    [Fact]
    public async Task Updating_an_event_that_no_longer_exists_is_permanent()
    {
        await using var server = await FakeGraphServer.StartAsync();
        using var service = Service(server);

        var failure = await Assert.ThrowsAsync<MeetingServiceException>(() => service.UpdateAsync("AAMkAGI1-gone=", Showcase(), CancellationToken.None));

        Assert.False(failure.IsTransient);
        Assert.Equal(404, failure.StatusCode);
        Assert.Contains("ErrorItemNotFound", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_token_Graph_refuses_and_the_failure_is_permanent()
    {
        await using var server = await FakeGraphServer.StartAsync();
        using var service = new GraphOnlineMeetingService(Settings(server), FakeTokenProvider.Authentication(token: ""));

        var failure = await Assert.ThrowsAsync<MeetingServiceException>(() => service.CreateAsync(Showcase(), CancellationToken.None));

        Assert.False(failure.IsTransient);
        Assert.Equal(401, failure.StatusCode);
        Assert.Null(Assert.Single(server.Requests).Header("Authorization"));
    }

    [Fact]
    public async Task The_callers_cancellation_passes_through_as_cancellation()
    {
        await using var server = await FakeGraphServer.StartAsync();
        using var service = Service(server);
        server.FailNext(FakeGraphFault.NoAnswer(TimeSpan.FromSeconds(10), serveFirst: false));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => service.CreateAsync(Showcase(), cancellation.Token));
    }

    [Theory]
    [InlineData("Asia/Tokyo", "2026-07-01T09:00:00", "Tokyo Standard Time")]
    [InlineData("Europe/London", "2026-07-01T01:00:00", "GMT Standard Time")]
    [InlineData("America/New_York", "2026-06-30T20:00:00", "Eastern Standard Time")]
    [InlineData("UTC", "2026-07-01T00:00:00", "UTC")]
    public void Times_go_to_Graph_as_wall_time_in_the_Windows_zone(string ianaZone, string wallTime, string windowsZone)
    {
        var sent = GraphOnlineMeetingService.WallTime(new DateTime(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc), TimeZoneInfo.FindSystemTimeZoneById(ianaZone));

        Assert.Equal((wallTime, windowsZone), (sent.DateTime, sent.TimeZone));
    }

    [Fact]
    public void An_unknown_time_zone_is_refused_before_anything_is_sent()
    {
        var failure = Assert.Throws<ArgumentException>(() => GraphOnlineMeetingService.ToEvent(Showcase() with { TimeZone = "Mars/Olympus_Mons" }, creating: true));

        Assert.Contains("Mars/Olympus_Mons", failure.Message, StringComparison.Ordinal);
    }

    private static List<int> Occurrences(string text, string value)
    {
        var found = new List<int>();
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            found.Add(i);
        }

        return found;
    }
}
