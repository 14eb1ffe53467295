using System.Net;
using System.Text.Json;
using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.IntegrationTests.Features;

/// <summary>Pages through real HTTP with antiforgery and cookies; host endpoints. SQLite is enough here.</summary>
public sealed class PageAndHostTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Liveness_and_readiness_answer_without_signing_in()
    {
        var client = app.CreateClient();
        var alive = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Contains("alive", await alive.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var ready = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"ready\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_require_sign_in_and_the_sign_in_page_is_Japanese_by_default()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/Account/Login", home.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var login = await client.GetStringAsync("/Account/Login");
        Assert.Contains("<html lang=\"ja\">", login, StringComparison.Ordinal);
        Assert.Contains("English", login, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_repeated_failures_lock_the_account()
    {
        await app.UserAsync("locked@test.local");
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        for (var i = 0; i < 5; i++)
        {
            var failed = await CohortApp.PostFormAsync(client, "/Account/Login", new() { ["Input.Email"] = "locked@test.local", ["Input.Password"] = "wrong-password-123" });
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        // Even the right password is refused while locked.
        var locked = await CohortApp.PostFormAsync(client, "/Account/Login", new() { ["Input.Email"] = "locked@test.local", ["Input.Password"] = CohortApp.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("role=\"alert\"", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_hands_a_locked_out_person_a_reset_link_that_works_once()
    {
        var user = await app.UserAsync("forgetful@test.local");
        await app.QueryDbAsync(async db =>
        {
            var stored = await db.Users.SingleAsync(u => u.Id == user.Id);
            stored.LockoutEnd = DateTimeOffset.UtcNow.AddHours(1);
            return await db.SaveChangesAsync();
        });
        var path = await app.SendAsync(new Cohort.Web.Features.Users.CreatePasswordResetLink.Command(user.Id));
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + path).Query);

        var reset = await CohortApp.PostFormAsync(client, path, new() { ["Input.UserId"] = user.Id.ToString(), ["Input.Token"] = query["token"]!, ["Input.Password"] = "Brand-new-password-9" });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        await app.SignedInBrowserAsync("forgetful@test.local", "Brand-new-password-9");

        var again = await CohortApp.PostFormAsync(client, path, new() { ["Input.UserId"] = user.Id.ToString(), ["Input.Token"] = query["token"]!, ["Input.Password"] = "Another-password-99" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("role=\"alert\"", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_creates_an_organisation_and_a_programme_through_the_forms()
    {
        var browser = await app.SignedInBrowserAsync();
        var name = Seed.Unique("フォーム市");

        var created = await CohortApp.PostFormAsync(browser, "/", new() { ["Input.Name"] = name, ["Input.NameEn"] = "Form City" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var orgId = await app.QueryDbAsync(db => db.Organizations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());

        var program = await CohortApp.PostFormAsync(browser, "/Programs/Create", new()
        {
            ["Input.OrganizationId"] = orgId.ToString(),
            ["Input.TemplateKey"] = "two-stage-dx",
            ["Input.Title"] = "フォームから作成した研修",
            ["Input.StartDate"] = "2027-04-01",
        });
        Assert.Equal(HttpStatusCode.Redirect, program.StatusCode);

        var overview = await browser.GetStringAsync(program.Headers.Location!.ToString());
        Assert.Contains("フォームから作成した研修", overview, StringComparison.Ordinal);
        Assert.Contains("ステージ1：課題整理・解決策立案", overview, StringComparison.Ordinal);

        var english = await browser.GetStringAsync(program.Headers.Location + "?culture=en");
        Assert.Contains("Stage 1: Problem analysis and solution design", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_with_bad_input_shows_field_errors_keeps_what_was_typed_and_writes_nothing()
    {
        var organizationId = await Seed.OrganizationAsync(app);
        var browser = await app.SignedInBrowserAsync();
        var before = await app.QueryDbAsync(db => db.Programs.CountAsync());

        var response = await CohortApp.PostFormAsync(browser, "/Programs/Create", new()
        {
            ["Input.OrganizationId"] = organizationId.ToString(),
            ["Input.TemplateKey"] = "two-stage-dx",
            ["Input.Title"] = "",
            ["Input.StartDate"] = "2027-13-45",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"Input_StartDate-error\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"2027-13-45\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
        Assert.Equal(before, await app.QueryDbAsync(db => db.Programs.CountAsync()));
    }

    [Fact]
    public async Task The_jobs_dashboard_is_for_admins_only()
    {
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/ops/jobs")).StatusCode);

        await app.UserAsync("not-admin@test.local");
        var staff = await app.SignedInBrowserAsync("not-admin@test.local");
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/ops/jobs")).StatusCode);

        var admin = await app.SignedInBrowserAsync();
        var dashboard = await admin.GetAsync("/ops/jobs");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Cohort jobs", await dashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_v1_routes_and_the_bearer_scheme()
    {
        var api = await app.ApiClientAsync();

        var doc = JsonDocument.Parse(await api.GetStringAsync("/openapi/v1.json")).RootElement;

        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/programs", paths);
        Assert.Contains("/api/v1/programs/{programId}/participants/import", paths);
        Assert.Equal("bearer", doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
        var reference = await (await app.SignedInBrowserAsync()).GetAsync("/api/reference/v1");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Contains("Cohort API", await reference.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_route_and_page_declares_an_authorization_policy()
    {
        var sources = app.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        var missing = sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => !e.Metadata.OfType<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy)) && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(e => e.RoutePattern.RawText ?? e.DisplayName)
            .ToList();

        Assert.True(missing.Count == 0, "Endpoints without a policy: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_nudge_dispatcher_is_registered_as_a_recurring_job_at_start()
    {
        var storage = app.Services.GetRequiredService<Hangfire.JobStorage>();
        using var connection = storage.GetConnection();

        var job = Assert.Single(Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection), j => j.Id == Cohort.Web.Infrastructure.Hosting.JobSchedule.DispatchNudges);
        Assert.Equal("* * * * *", job.Cron);
        Assert.Equal(typeof(Cohort.Web.Infrastructure.Hosting.NudgeJobs), job.Job.Type);
    }

    [Fact]
    public async Task Data_lives_in_the_configured_data_folder()
    {
        var settings = app.Services.GetRequiredService<DatabaseSettings>();

        Assert.Equal(DatabaseProvider.Sqlite, settings.Provider);
        Assert.True(File.Exists(Path.Combine(settings.DataDir, "cohort.db")));
        Assert.Contains("cohort-test-", settings.DataDir, StringComparison.Ordinal);
        Assert.True(await app.QueryDbAsync(db => db.Database.CanConnectAsync()));
    }
}
