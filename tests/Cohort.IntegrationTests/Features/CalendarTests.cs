using System.Net;
using System.Net.Http.Headers;
using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Domain;
using Cohort.Web.Features.Programs;
using Cohort.Web.Features.Showcases;
using Cohort.Web.Features.Teams;
using Ical.Net;
using VCalendar = Ical.Net.Calendar;

namespace Cohort.IntegrationTests.Features;

public abstract class CalendarTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : CohortApp
{
    private const string JoinLink = "https://teams.example/l/meetup-join/19%3ameeting_abc";
    private static readonly DateOnly Day = new(2027, 7, 16);

    private async Task<(ProgramOverview.Result Program, Guid ShowcaseId, string PublicKey)> SetupAsync()
    {
        App.Clock.SetUtcNow(new DateTimeOffset(2027, 6, 1, 10, 0, 0, TimeSpan.FromHours(9)));
        var program = await Seed.ProgramAsync(App, new DateOnly(2027, 4, 1));
        await App.SendAsync(new CreateTeam.Command(program.Id, "A 道路公園チーム", "建設課", null));
        await App.SendAsync(new CreateTeam.Command(program.Id, "B 下水道チーム", "下水道課", null));
        var id = await App.SendAsync(new ScheduleShowcase.Command(program.Id, "成果発表会, 第1回", "2チームが発表します", Day, new TimeOnly(14, 0), new TimeOnly(15, 0),
            ShowcaseFormat.Online, null, null, JoinLink, SlotMinutes: 10, QaMinutes: 5));
        var detail = await App.SendAsync(new ShowcaseDetail.Query(program.Id, id));
        return (program, id, detail.PublicKey);
    }

    private static async Task<(VCalendar Calendar, string Text)> IcsAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("BEGIN:VCALENDAR\r\n"u8.ToArray(), bytes[..17]);
        return (VCalendar.Load(text) ?? throw new InvalidOperationException("Not a calendar."), text);
    }

    [SkippableFact]
    public async Task A_showcase_downloads_through_the_API_as_an_event_in_the_programme_time_zone()
    {
        var (program, id, publicKey) = await SetupAsync();
        var api = await App.ApiClientAsync();

        var response = await api.GetAsync($"/api/v1/programs/{program.Id}/showcases/{id}/calendar.ics");

        var (calendar, text) = await IcsAsync(response);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("showcase-2027-07-16.ics", disposition.FileName?.Trim('"'));
        Assert.Equal("成果発表会, 第1回.ics", disposition.FileNameStar);
        Assert.Contains("private", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);

        var e = Assert.Single(calendar.Events);
        Assert.Equal($"showcase-{id}@cohort", e.Uid);
        Assert.Equal("成果発表会, 第1回", e.Summary);
        Assert.Equal(new DateTime(2027, 7, 16, 5, 0, 0, DateTimeKind.Utc), e.Start!.AsUtc);
        Assert.Equal(new DateTime(2027, 7, 16, 6, 0, 0, DateTimeKind.Utc), e.End!.AsUtc);
        Assert.Equal("Asia/Tokyo", Assert.Single(calendar.TimeZones).TzId);
        Assert.Equal(JoinLink, e.Location);
        Assert.Equal(EventStatus.Confirmed, e.Status);
        Assert.Contains("14:00–14:15 A 道路公園チーム\n14:15–14:30 B 下水道チーム", e.Description, StringComparison.Ordinal);
        Assert.Contains($"プログラムと最新情報: http://localhost:5000/s/{publicKey}", e.Description, StringComparison.Ordinal);
        Assert.Contains($"オンライン参加: {JoinLink}", e.Description, StringComparison.Ordinal);
        Assert.Contains("DTSTAMP:20270601T010000Z\r\n", text, StringComparison.Ordinal);

        // API clients may ask for English.
        using var english = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/programs/{program.Id}/showcases/{id}/calendar.ics");
        english.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        var (englishCalendar, _) = await IcsAsync(await api.SendAsync(english));
        Assert.Contains($"Join online: {JoinLink}", Assert.Single(englishCalendar.Events).Description, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Invitees_without_an_account_download_it_through_the_public_link_and_nothing_else()
    {
        var (program, id, publicKey) = await SetupAsync();
        var anonymous = App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

        var (calendar, _) = await IcsAsync(await anonymous.GetAsync($"/api/v1/public/showcases/{publicKey}/calendar.ics"));
        Assert.Equal($"showcase-{id}@cohort", Assert.Single(calendar.Events).Uid);
        var (fromLink, _) = await IcsAsync(await anonymous.GetAsync($"/s/{publicKey}/calendar.ics"));
        Assert.Equal($"showcase-{id}@cohort", Assert.Single(fromLink.Events).Uid);

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/public/showcases/{new string('0', 32)}/calendar.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/s/{new string('0', 32)}/calendar.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/programs/{program.Id}/showcases/{id}/calendar.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/programs/{program.Id}/calendar.ics")).StatusCode);
    }

    [SkippableFact]
    public async Task A_cancelled_showcase_downloads_as_cancelled_with_a_higher_sequence_and_leaves_the_programme_file()
    {
        var (program, id, publicKey) = await SetupAsync();
        var api = await App.ApiClientAsync();
        var (before, _) = await IcsAsync(await api.GetAsync($"/api/v1/public/showcases/{publicKey}/calendar.ics"));
        var (programBefore, _) = await IcsAsync(await api.GetAsync($"/api/v1/programs/{program.Id}/calendar.ics"));
        Assert.Contains(programBefore.Events, e => e.Uid == $"showcase-{id}@cohort");

        App.Clock.Advance(TimeSpan.FromMinutes(3));
        await App.SendAsync(new CancelShowcase.Command(program.Id, id, "台風接近のため中止します"));

        var (after, _) = await IcsAsync(await api.GetAsync($"/api/v1/public/showcases/{publicKey}/calendar.ics"));
        var cancelled = Assert.Single(after.Events);
        Assert.Equal(EventStatus.Cancelled, cancelled.Status);
        Assert.Equal("【中止】成果発表会, 第1回", cancelled.Summary);
        Assert.Contains("台風接近のため中止します", cancelled.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(JoinLink, cancelled.Description, StringComparison.Ordinal);
        Assert.True(cancelled.Sequence > Assert.Single(before.Events).Sequence, $"SEQUENCE {cancelled.Sequence} after {before.Events.Single().Sequence}");
        var (programAfter, _) = await IcsAsync(await api.GetAsync($"/api/v1/programs/{program.Id}/calendar.ics"));
        Assert.DoesNotContain(programAfter.Events, e => e.Uid == $"showcase-{id}@cohort");
    }

    [SkippableFact]
    public async Task The_programme_file_has_every_milestone_as_an_all_day_event_and_the_showcases()
    {
        var (program, id, _) = await SetupAsync();
        var api = await App.ApiClientAsync();

        var response = await api.GetAsync($"/api/v1/programs/{program.Id}/calendar.ics");

        var (calendar, _) = await IcsAsync(response);
        Assert.Equal("programme-2027-04-01.ics", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(program.Title + ".ics", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(program.Title, calendar.Properties["X-WR-CALNAME"]?.Value);
        var milestones = program.Stages.SelectMany(s => s.Milestones.Select(m => (Stage: s, Milestone: m))).ToList();
        Assert.NotEmpty(milestones);
        Assert.Equal(milestones.Count + 1, calendar.Events.Count);
        foreach (var (stage, milestone) in milestones)
        {
            var e = Assert.Single(calendar.Events, x => x.Uid == $"milestone-{milestone.Id}@cohort");
            Assert.True(e.IsAllDay);
            Assert.Equal(milestone.DueDate, e.Start!.Date);
            Assert.Equal(milestone.DueDate.AddDays(1), e.End!.Date);
            Assert.Equal($"{stage.Name} – {milestone.Name}", e.Summary);
        }

        Assert.Single(calendar.Events, x => x.Uid == $"showcase-{id}@cohort");
    }

    [SkippableFact]
    public async Task Links_on_pages_work_with_the_sign_in_cookie_and_check_the_role_in_the_programme()
    {
        var (program, id, _) = await SetupAsync();
        var browser = await App.SignedInBrowserAsync();

        var (calendar, _) = await IcsAsync(await browser.GetAsync($"/Programs/{program.Id}/calendar.ics"));
        Assert.Contains(calendar.Events, e => e.Uid == $"showcase-{id}@cohort");
        var (showcase, _) = await IcsAsync(await browser.GetAsync($"/Programs/{program.Id}/Showcases/{id}/calendar.ics"));
        Assert.Equal($"showcase-{id}@cohort", Assert.Single(showcase.Events).Uid);

        // Signed out: to the sign-in page. A token is for the API, not for these links.
        var anonymous = App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var signedOut = await anonymous.GetAsync($"/Programs/{program.Id}/calendar.ics");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains("/Account/Login", signedOut.Headers.Location?.ToString(), StringComparison.Ordinal);
        var token = await App.ApiClientAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await token.GetAsync($"/Programs/{program.Id}/calendar.ics")).StatusCode);

        // Someone with no role in the programme cannot tell it exists.
        var stranger = $"stranger-{Guid.NewGuid():N}@city.example.jp";
        await App.UserAsync(stranger);
        var strangerBrowser = await App.SignedInBrowserAsync(stranger);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerBrowser.GetAsync($"/Programs/{program.Id}/calendar.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerBrowser.GetAsync($"/Programs/{program.Id}/Showcases/{id}/calendar.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Programs/{program.Id}/Showcases/{Guid.NewGuid()}/calendar.ics")).StatusCode);
    }
}

public sealed class CalendarTests_Sqlite(SqliteApp app) : CalendarTests<SqliteApp>(app);

public sealed class CalendarTests_Postgres(PostgresApp app) : CalendarTests<PostgresApp>(app);
