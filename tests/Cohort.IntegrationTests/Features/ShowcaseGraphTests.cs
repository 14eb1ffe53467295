using System.Net;
using System.Net.Http.Json;
using Cohort.IntegrationTests.Infrastructure;
using Cohort.IntegrationTests.Meetings;
using Cohort.Web.Domain;
using Cohort.Web.Features.Participants;
using Cohort.Web.Features.Showcases;
using Cohort.Web.Features.Teams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Kiota.Abstractions.Authentication;

namespace Cohort.IntegrationTests.Features;

/// <summary>The app configured for Microsoft Graph, pointed at the fake Graph server on loopback (with a fake token).</summary>
public sealed class GraphConfiguredApp : CohortApp
{
    public GraphConfiguredApp()
    {
        Graph = FakeGraphServer.StartAsync().GetAwaiter().GetResult();
    }

    public FakeGraphServer Graph { get; }

    protected override Database Kind => Database.Sqlite;

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        builder.UseSetting("Cohort:Graph:TenantId", FakeGraphServer.TenantId);
        builder.UseSetting("Cohort:Graph:ClientId", "11111111-2222-3333-4444-555555555555");
        builder.UseSetting("Cohort:Graph:ClientSecret", "not-a-real-secret");
        builder.UseSetting("Cohort:Graph:OrganizerMailbox", Graph.Organizer);
        builder.UseSetting("Cohort:Graph:BaseUrl", Graph.BaseUrl);
        builder.UseSetting("Cohort:Graph:MaxRetries", "2");
        builder.UseSetting("Cohort:Graph:RetryDelaySeconds", "0");
        builder.UseSetting("Cohort:Graph:TimeoutSeconds", "5");
        base.ConfigureWebHost(builder);
    }

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IAuthenticationProvider>(FakeTokenProvider.Authentication());

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Graph.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}

/// <summary>
/// End to end: the organiser's API calls, the meeting sync and the real Graph client (SDK retry middleware included)
/// against the fake Graph server, which checks every request against Microsoft's documentation.
/// </summary>
public sealed class ShowcaseGraphTests(GraphConfiguredApp app) : IClassFixture<GraphConfiguredApp>
{
    private async Task<(Guid ProgramId, HttpClient Api)> SetupAsync()
    {
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 6, 1, 10, 0, 0, TimeSpan.FromHours(9)));
        var program = await Seed.ProgramAsync(app, new DateOnly(2027, 4, 1));
        var team = await app.SendAsync(new CreateTeam.Command(program.Id, "福祉チーム", "福祉課", null));
        await app.SendAsync(new SaveParticipant.Command(program.Id, "佐藤 次郎", $"{Guid.NewGuid():N}@city.example.jp", "福祉課", team));
        return (program.Id, await app.ApiClientAsync());
    }

    private async Task SyncDueAsync()
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<MeetingSync>().RunDueAsync(CancellationToken.None);
    }

    private static object Body(string title, string start = "14:00:00", string end = "16:00:00", string date = "2027-06-10") => new
    {
        title, date, startTime = start, endTime = end, format = "Online", guestEmails = "mayor@city.example.jp",
    };

    private async Task<Guid> ScheduleAsync(HttpClient api, Guid programId, string title)
    {
        var response = await api.PostAsJsonAsync($"/api/v1/programs/{programId}/showcases", Body(title));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<IdBody>())!.Id;
    }

    private async Task<ShowcaseDetail.Result> DetailAsync(HttpClient api, Guid programId, Guid id) =>
        (await api.GetFromJsonAsync<ShowcaseDetail.Result>($"/api/v1/programs/{programId}/showcases/{id}", Json.Options))!;

    private sealed record IdBody(Guid Id);

    private static class Json
    {
        public static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web)
        {
            Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        };
    }

    [Fact]
    public async Task Schedule_reschedule_and_cancel_drive_one_Teams_event_through_Graph()
    {
        var (programId, api) = await SetupAsync();
        var id = await ScheduleAsync(api, programId, "成果発表会 Graph");
        await SyncDueAsync();

        var detail = await DetailAsync(api, programId, id);
        Assert.Equal(MeetingState.Created, detail.Meeting.State);
        var created = Assert.Single(app.Graph.Events, e => e.Subject == "成果発表会 Graph");
        Assert.Equal(created.JoinUrl, detail.Meeting.JoinUrl);
        Assert.Equal(new DateTime(2027, 6, 10, 5, 0, 0, DateTimeKind.Utc), created.StartUtc);
        Assert.Contains(created.Attendees, a => a.Address == "mayor@city.example.jp");
        Assert.Contains(created.Attendees, a => a.Name == "佐藤 次郎");
        Assert.True(created.IsOnlineMeeting);

        var update = await api.PutAsJsonAsync($"/api/v1/programs/{programId}/showcases/{id}", new
        {
            version = detail.Version, title = "成果発表会 Graph", date = "2027-06-11", startTime = "13:30:00", endTime = "15:30:00", format = "Online",
            guestEmails = "mayor@city.example.jp\nvice-mayor@city.example.jp",
        });
        Assert.Equal(HttpStatusCode.NoContent, update.StatusCode);
        await SyncDueAsync();
        var moved = Assert.Single(app.Graph.Events, e => e.Subject == "成果発表会 Graph");
        Assert.Equal((created.Id, new DateTime(2027, 6, 11, 4, 30, 0, DateTimeKind.Utc)), (moved.Id, moved.StartUtc));
        Assert.Contains(moved.Attendees, a => a.Address == "vice-mayor@city.example.jp");

        var stale = await api.PutAsJsonAsync($"/api/v1/programs/{programId}/showcases/{id}", new
        {
            version = detail.Version, title = "古い", date = "2027-06-11", startTime = "13:30:00", endTime = "15:30:00", format = "Online",
        });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        var cancel = await api.PostAsJsonAsync($"/api/v1/programs/{programId}/showcases/{id}/cancel", new { reason = "災害対応のため中止します" });
        Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        await SyncDueAsync();
        var gone = Assert.Single(app.Graph.CancelledEvents, e => e.Id == created.Id);
        Assert.Equal("災害対応のため中止します", gone.CancellationComment);
        Assert.Equal(MeetingState.Cancelled, (await DetailAsync(api, programId, id)).Meeting.State);
    }

    [Fact]
    public async Task A_throttled_create_succeeds_without_a_duplicate_and_a_lasting_outage_is_retried_later_by_the_sweep()
    {
        var (programId, api) = await SetupAsync();
        var id = await ScheduleAsync(api, programId, "混雑時の発表会");
        app.Graph.FailNext(FakeGraphFault.Throttled(retryAfterSeconds: 1));
        app.Graph.FailNext(FakeGraphFault.ServedButUnavailable());
        await SyncDueAsync();
        Assert.Equal(MeetingState.Created, (await DetailAsync(api, programId, id)).Meeting.State);
        Assert.Single(app.Graph.Events, e => e.Subject == "混雑時の発表会");

        var second = await ScheduleAsync(api, programId, "障害時の発表会");
        app.Graph.FailNext(FakeGraphFault.Unavailable(), times: 3);
        await SyncDueAsync();
        var detail = await DetailAsync(api, programId, second);
        Assert.Equal(MeetingState.Retrying, detail.Meeting.State);
        Assert.Contains("503", detail.Meeting.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Graph.Events, e => e.Subject == "障害時の発表会");

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await SyncDueAsync();
        Assert.Equal(MeetingState.Created, (await DetailAsync(api, programId, second)).Meeting.State);
        Assert.Single(app.Graph.Events, e => e.Subject == "障害時の発表会");

        var third = await ScheduleAsync(api, programId, "権限なしの発表会");
        app.Graph.FailNext(FakeGraphFault.AccessDenied());
        await SyncDueAsync();
        detail = await DetailAsync(api, programId, third);
        Assert.Equal(MeetingState.Failed, detail.Meeting.State);
        Assert.False(string.IsNullOrEmpty(detail.Meeting.Error));
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsync($"/api/v1/programs/{programId}/showcases/{third}/meeting/retry", null)).StatusCode);
        await SyncDueAsync();
        Assert.Equal(MeetingState.Created, (await DetailAsync(api, programId, third)).Meeting.State);
    }
}
