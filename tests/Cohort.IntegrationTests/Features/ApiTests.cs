using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Features.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Cohort.IntegrationTests.Features;

public abstract class ApiTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : CohortApp
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static Guid Id(JsonElement e) => e.GetProperty("id").GetGuid();

    [SkippableFact]
    public async Task A_token_holder_sets_up_a_programme_end_to_end_through_the_API()
    {
        var api = await App.ApiClientAsync();

        var templates = await JsonAsync(await api.GetAsync("/api/v1/templates"));
        Assert.Contains(templates.EnumerateArray(), t => t.GetProperty("key").GetString() == "two-stage-dx");

        var org = Id(await JsonAsync(await api.PostAsJsonAsync("/api/v1/organizations", new { name = Seed.Unique("API市"), nameEn = "API City" })));
        var program = await JsonAsync(await api.PostAsJsonAsync($"/api/v1/organizations/{org}/programs", new { templateKey = "two-stage-dx", title = "API研修", startDate = "2027-06-01" }));
        var programId = Id(program);
        Assert.Equal(2, program.GetProperty("stages").GetArrayLength());

        var team = Id(await JsonAsync(await api.PostAsJsonAsync($"/api/v1/programs/{programId}/teams", new { name = "窓口DXチーム", department = "市民課", problemTheme = "転入手続の待ち時間" })));
        await JsonAsync(await api.PostAsJsonAsync($"/api/v1/programs/{programId}/participants", new { name = "田中 次郎", email = "jiro@city.example.jp", department = "市民課", teamId = team }));
        var mentor = Id(await JsonAsync(await api.PostAsJsonAsync("/api/v1/mentors", new { name = "伴走 メンター", email = $"mentor-{Guid.NewGuid():N}@consult.example.jp", affiliation = "Example Consulting" })));
        Assert.Equal(HttpStatusCode.NoContent, (await api.PutAsync($"/api/v1/programs/{programId}/teams/{team}/mentors/{mentor}", null)).StatusCode);

        var csv = new ByteArrayContent(Encoding.UTF8.GetBytes("name,email,team\n小林 三郎,saburo@city.example.jp,窓口DXチーム\n"));
        csv.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var imported = await JsonAsync(await api.PostAsync($"/api/v1/programs/{programId}/participants/import", csv));
        Assert.Equal(1, imported.GetProperty("created").GetInt32());

        var overview = await JsonAsync(await api.GetAsync($"/api/v1/programs/{programId}"));
        var teamJson = overview.GetProperty("teams").EnumerateArray().Single();
        Assert.Equal(["小林 三郎", "田中 次郎"], teamJson.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("name").GetString()!).Order().ToArray());
        Assert.Equal("伴走 メンター", teamJson.GetProperty("mentors")[0].GetProperty("name").GetString());
    }

    [SkippableFact]
    public async Task Bad_input_gets_400_validation_problem_details_and_nothing_is_written()
    {
        var api = await App.ApiClientAsync();
        var before = await App.QueryDbAsync(db => db.Programs.CountAsync());

        var organizationId = await Seed.OrganizationAsync(App);
        var response = await api.PostAsJsonAsync($"/api/v1/organizations/{organizationId}/programs", new { templateKey = "nope", title = "", startDate = "2027-06-01" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("title", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("templateKey", out _), errors.ToString());
        Assert.Equal(before, await App.QueryDbAsync(db => db.Programs.CountAsync()));
    }

    [SkippableFact]
    public async Task Messages_follow_the_request_language_Japanese_by_default()
    {
        var api = await App.ApiClientAsync();

        var ja = await api.PostAsJsonAsync("/api/v1/mentors", new { name = "", email = "x@example.jp" });
        var jaText = await ja.Content.ReadAsStringAsync();
        api.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var en = await api.PostAsJsonAsync("/api/v1/mentors", new { name = "", email = "x@example.jp" });
        var enText = await en.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, ja.StatusCode);
        Assert.True(jaText.Contains("を入力してください", StringComparison.Ordinal), jaText);
        Assert.Contains("must not be empty", enText, StringComparison.Ordinal);

        // The problem's title too, which the exception handler writes after the request has unwound.
        Assert.Equal("リクエストに誤りがあります。保存されていません。", JsonDocument.Parse(jaText).RootElement.GetProperty("title").GetString());
        Assert.Equal("The request has errors. Nothing was saved.", JsonDocument.Parse(enText).RootElement.GetProperty("title").GetString());
        var missing = await api.GetAsync($"/api/v1/cases/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        api.DefaultRequestHeaders.AcceptLanguage.Clear();
        var notFound = JsonDocument.Parse(await (await api.GetAsync($"/api/v1/cases/{Guid.NewGuid()}")).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("見つかりません。", notFound.GetProperty("title").GetString());
    }

    [SkippableFact]
    public async Task A_stale_version_gets_409_and_the_first_change_stays()
    {
        var api = await App.ApiClientAsync();
        var program = await Seed.ProgramAsync(App);
        var stage = program.Stages[0];
        var body = new { name = "名前A", nameEn = (string?)null, description = (string?)null, startDate = stage.StartDate, endDate = stage.EndDate, version = stage.Version };

        var first = await api.PutAsJsonAsync($"/api/v1/programs/{program.Id}/stages/{stage.Id}", body);
        var second = await api.PutAsJsonAsync($"/api/v1/programs/{program.Id}/stages/{stage.Id}", body with { name = "名前B" });

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var overview = await JsonAsync(await api.GetAsync($"/api/v1/programs/{program.Id}"));
        Assert.Equal("名前A", overview.GetProperty("stages")[0].GetProperty("name").GetString());
    }

    [SkippableFact]
    public async Task The_jobs_dashboard_runs_on_this_database_storage_for_an_admin()
    {
        // The dashboard is a page: the admin's browser session, never an API token.
        var admin = await App.SignedInBrowserAsync();

        var dashboard = await admin.GetAsync("/ops/jobs");

        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Cohort jobs", await dashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Unknown_ids_get_404()
    {
        var api = await App.ApiClientAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/programs/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"/api/v1/organizations/{Guid.NewGuid()}/programs", new { templateKey = "two-stage-dx", title = "x", startDate = "2027-06-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"/api/v1/programs/{Guid.NewGuid()}/teams", new { name = "x" })).StatusCode);
    }

    [SkippableFact]
    public async Task Requests_without_a_valid_token_are_rejected()
    {
        var anonymous = App.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/programs")).StatusCode);

        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "cohort_pat_this-is-not-a-real-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/programs")).StatusCode);

        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "something-else");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/programs")).StatusCode);
    }

    [SkippableFact]
    public async Task A_revoked_or_expired_token_stops_working()
    {
        var revoked = await App.SendAsync(new CreateToken.Command("to revoke", false, 30));
        var expiring = await App.SendAsync(new CreateToken.Command("short", false, 1));
        var client = App.CreateClient(new() { AllowAutoRedirect = false });

        async Task<HttpStatusCode> CallWith(string token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/programs");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return (await client.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await CallWith(revoked.Token));
        await App.SendAsync(new RevokeToken.Command(revoked.Id));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallWith(revoked.Token));

        Assert.Equal(HttpStatusCode.OK, await CallWith(expiring.Token));
        App.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallWith(expiring.Token));
    }

    [SkippableFact]
    public async Task A_read_only_token_can_read_but_not_write()
    {
        var api = await App.ApiClientAsync(readOnly: true);

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/programs")).StatusCode);
        var write = await api.PostAsJsonAsync("/api/v1/organizations", new { name = Seed.Unique("read-only") });
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(0, await App.QueryDbAsync(db => db.Organizations.CountAsync(o => o.Name.StartsWith("read-only"))));
    }

    [SkippableFact]
    public async Task A_signed_in_user_without_the_admin_role_cannot_change_programmes()
    {
        await App.UserAsync("staff@test.local");
        var api = await App.ApiClientAsync("staff@test.local");

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/programs")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsJsonAsync("/api/v1/organizations", new { name = Seed.Unique("staff") })).StatusCode);
    }
}

public sealed class ApiTests_Sqlite(SqliteApp app) : ApiTests<SqliteApp>(app);

public sealed class ApiTests_Postgres(PostgresApp app) : ApiTests<PostgresApp>(app);
