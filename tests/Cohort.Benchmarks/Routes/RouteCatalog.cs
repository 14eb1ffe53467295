using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Cohort.Benchmarks.Data;

namespace Cohort.Benchmarks.Routes;

/// <summary>What a route is: an API route (token), a page (cookie) or a floor (anonymous).</summary>
internal enum RouteKind
{
    Api,
    Page,
    Floor,
}

/// <summary>A route to drive: its name in the report, the floor row it is compared with, and the timed operation.</summary>
internal sealed record Route(string Name, RouteKind Kind, string Method, string Path, string? Floor, Operation Request)
{
    /// <summary>The same requests for wrk (GET routes only; <c>--load wrk</c>); null: the built-in generator drives it.</summary>
    public WrkPlan? Wrk { get; init; }

    public Route(string name, RouteKind kind, string method, string path, string? floor, Func<long, HttpRequestMessage> request)
        : this(name, kind, method, path, floor, LoadGenerator.Send(request))
    {
    }
}

/// <summary>The cookie headers of the users signed in through the login form, for the pages.</summary>
internal sealed record PageCookies(string Organizer, string Mentor);

/// <summary>
/// The routes in the order they are driven, each API route followed by its floor: reads first, then the pages, then the
/// writes (they grow one team's timeline and the member's submissions). The floor checks send the same requests.
/// </summary>
internal static class RouteCatalog
{
    /// <summary>Matches every generated case: the worst case for paging, ranking and the facets.</summary>
    public const string SearchQuery = "申請";

    public static IEnumerable<Route> All(TargetIds t, PageCookies cookies)
    {
        var p = t.ProgramId;
        string Team(long n) => t.TeamIds[(int)(n % t.TeamIds.Count)].ToString();
        var teams = Enumerable.Range(0, t.TeamIds.Count).Select(i => (long)i).ToList();
        WrkPlan Bearer(string token, IEnumerable<string> paths) => new(paths.ToList(), [$"Authorization: Bearer {token}"]);
        WrkPlan Cookie(string cookie, IEnumerable<string> paths) => new(paths.ToList(), [$"Cookie: {cookie}"]);
        WrkPlan Plain(IEnumerable<string> paths) => new(paths.ToList(), []);

        string Dashboard(long n) => $"/api/v1/programs/{p}/dashboard";
        string DashboardFloor(long n) => $"/bench/floor/programs/{p}/dashboard";
        string Timeline(long n) => $"/api/v1/programs/{p}/teams/{Team(n)}/timeline";
        string TimelineFloor(long n) => $"/bench/floor/programs/{p}/teams/{Team(n)}/timeline";
        string DashboardPage(long n) => $"/Programs/{p}/Dashboard";
        string TeamPage(long n) => $"/Programs/{p}/Teams/{Team(n)}";

        yield return new("dashboard", RouteKind.Api, "GET", "/api/v1/programs/{p}/dashboard", "dashboard floor", n => Api(HttpMethod.Get, Dashboard(n), t.OrganizerToken))
        {
            Wrk = Bearer(t.OrganizerToken, [Dashboard(0)]),
        };
        yield return new("dashboard floor", RouteKind.Floor, "GET", "/bench/floor/programs/{p}/dashboard", null, n => Anonymous(HttpMethod.Get, DashboardFloor(n)))
        {
            Wrk = Plain([DashboardFloor(0)]),
        };
        yield return new("team page", RouteKind.Api, "GET", "/api/v1/programs/{p}/teams/{t}/timeline", "team page floor", n => Api(HttpMethod.Get, Timeline(n), t.OrganizerToken))
        {
            Wrk = Bearer(t.OrganizerToken, teams.Select(Timeline)),
        };
        yield return new("team page floor", RouteKind.Floor, "GET", "/bench/floor/programs/{p}/teams/{t}/timeline", null, n => Anonymous(HttpMethod.Get, TimelineFloor(n)))
        {
            Wrk = Plain(teams.Select(TimelineFloor)),
        };
        yield return new("mentor home", RouteKind.Api, "GET", "/api/v1/me/mentoring", "mentor home floor", _ => Api(HttpMethod.Get, "/api/v1/me/mentoring", t.MentorToken))
        {
            Wrk = Bearer(t.MentorToken, ["/api/v1/me/mentoring"]),
        };
        yield return new("mentor home floor", RouteKind.Floor, "GET", "/bench/floor/me/mentoring?user={mentor}", null, _ => Anonymous(HttpMethod.Get, MentorHomeFloor(t)))
        {
            Wrk = Plain([MentorHomeFloor(t)]),
        };
        yield return new("search cases", RouteKind.Api, "GET", $"/api/v1/cases?q={SearchQuery}", "search cases floor", _ => Api(HttpMethod.Get, SearchRoute, t.OrganizerToken))
        {
            Wrk = Bearer(t.OrganizerToken, [SearchRoute]),
        };
        yield return new("search cases floor", RouteKind.Floor, "GET", $"/bench/floor/cases?user={{organiser}}&q={SearchQuery}", null, _ => Anonymous(HttpMethod.Get, SearchFloor(t)))
        {
            Wrk = Plain([SearchFloor(t)]),
        };

        // The pages, signed in with the cookie of the login form, against the same floors as their API routes.
        yield return new("dashboard (page)", RouteKind.Page, "GET", "/Programs/{p}/Dashboard", "dashboard floor", n => Page(DashboardPage(n), cookies.Organizer))
        {
            Wrk = Cookie(cookies.Organizer, [DashboardPage(0)]),
        };
        yield return new("team page (page)", RouteKind.Page, "GET", "/Programs/{p}/Teams/{t}", "team page floor", n => Page(TeamPage(n), cookies.Organizer))
        {
            Wrk = Cookie(cookies.Organizer, teams.Select(TeamPage)),
        };
        yield return new("mentor home (page)", RouteKind.Page, "GET", "/Mentor", "mentor home floor", _ => Page("/Mentor", cookies.Mentor))
        {
            Wrk = Cookie(cookies.Mentor, ["/Mentor"]),
        };

        // Submit, as a team member does it: save the draft (a new version after the last submitted one), then submit
        // it. Each worker keeps to its own milestone, so two never race on one submission while there are at least as
        // many open milestones as workers (5 in the city's programme on the anchor day).
        yield return new("submit", RouteKind.Api, "PUT+POST", "/api/v1/programs/{p}/teams/{t}/milestones/{m}/draft, then …/submissions/{s}/submit", "submit floor", Submit(t));
        yield return new("submit floor", RouteKind.Floor, "POST", "/bench/floor/programs/{p}/teams/{t}/milestones/{m}/submit?user={member}", null, SubmitFloor(t));
        yield return new("record check-in", RouteKind.Api, "POST", "/api/v1/programs/{p}/teams/{t}/checkins", "record check-in floor", n => RecordCheckIn(t, n));
        yield return new("record check-in floor", RouteKind.Floor, "POST", "/bench/floor/programs/{p}/teams/{t}/checkins?user={mentor}", null, n => RecordCheckInFloor(t, n));
    }

    public static string SearchRoute => "/api/v1/cases?q=" + Uri.EscapeDataString(SearchQuery);

    public static string SearchFloor(TargetIds t) => $"/bench/floor/cases?user={t.Users[0].Id}&q={Uri.EscapeDataString(SearchQuery)}";

    public static string MentorHomeFloor(TargetIds t) => $"/bench/floor/me/mentoring?user={t.Users[1].Id}";

    public static HttpRequestMessage Api(HttpMethod method, string path, string token)
    {
        var message = new HttpRequestMessage(method, path);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return message;
    }

    public static HttpRequestMessage Anonymous(HttpMethod method, string path) => new(method, path);

    public static HttpRequestMessage Page(string path, string cookie)
    {
        var message = new HttpRequestMessage(HttpMethod.Get, path);
        message.Headers.Add("Cookie", cookie);
        return message;
    }

    /// <summary>The team of the n-th check-in: one of the mentor's teams with no open action items (so no decisions are needed).</summary>
    public static Guid CheckInTeam(TargetIds t, long n) => t.WritableTeamIds[(int)(n % t.WritableTeamIds.Count)];

    public static HttpRequestMessage RecordCheckIn(TargetIds t, long n)
    {
        var message = Api(HttpMethod.Post, $"/api/v1/programs/{t.ProgramId}/teams/{CheckInTeam(t, n)}/checkins", t.MentorToken);
        message.Content = JsonContent.Create(CheckInBody(n));
        return message;
    }

    public static HttpRequestMessage RecordCheckInFloor(TargetIds t, long n)
    {
        var message = Anonymous(HttpMethod.Post, $"/bench/floor/programs/{t.ProgramId}/teams/{CheckInTeam(t, n)}/checkins?user={t.Users[1].Id}");
        message.Content = JsonContent.Create(CheckInBody(n));
        return message;
    }

    /// <summary>The milestone worker <paramref name="worker"/> submits to.</summary>
    public static Guid SubmitMilestone(TargetIds t, int worker) => t.OpenMilestoneIds[worker % t.OpenMilestoneIds.Count];

    public static Operation Submit(TargetIds t) => async (client, worker, n) =>
    {
        var p = t.ProgramId;
        using var save = Api(HttpMethod.Put, $"/api/v1/programs/{p}/teams/{t.MemberTeamId}/milestones/{SubmitMilestone(t, worker)}/draft", t.MemberToken);
        save.Content = JsonContent.Create(DraftBody(n));
        using var saved = await client.SendAsync(save);
        if (!saved.IsSuccessStatusCode)
        {
            return await LoadGenerator.ErrorAsync(save, saved);
        }

        var submissionId = (await saved.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("submissionId").GetGuid();
        using var submit = Api(HttpMethod.Post, $"/api/v1/programs/{p}/teams/{t.MemberTeamId}/submissions/{submissionId}/submit", t.MemberToken);
        using var submitted = await client.SendAsync(submit);
        return submitted.IsSuccessStatusCode ? null : await LoadGenerator.ErrorAsync(submit, submitted);
    };

    public static Operation SubmitFloor(TargetIds t) => LoadGenerator.Send((worker, n) =>
    {
        var message = Anonymous(HttpMethod.Post, $"/bench/floor/programs/{t.ProgramId}/teams/{t.MemberTeamId}/milestones/{SubmitMilestone(t, worker)}/submit?user={t.Users[2].Id}");
        message.Content = JsonContent.Create(DraftBody(n));
        return message;
    });

    private static object CheckInBody(long n) => new
    {
        heldOn = DateOnly.FromDateTime(SyntheticData.Anchor.UtcDateTime),
        durationMinutes = 30,
        format = "Online",
        health = "OnTrack",
        sharedNotes = $"ベンチマークの面談記録 {n}",
    };

    private static object DraftBody(long n) => new
    {
        title = $"提出物 {n}",
        description = "窓口の申請をオンラインにする試作の説明。",
        links = "https://docs.example.jp/bench",
        prototypeWhat = "申請フォームと受付一覧",
        containsPersonalData = false,
    };
}
