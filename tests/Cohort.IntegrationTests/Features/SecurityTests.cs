using System.Net;
using System.Net.Http.Json;
using Cohort.IntegrationTests.Infrastructure;

namespace Cohort.IntegrationTests.Features;

public sealed class SecurityHeaderTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Pages_and_API_answers_carry_the_security_headers()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        foreach (var path in new[] { "/Account/Login", "/api/v1/programs", "/healthz" })
        {
            var response = await client.GetAsync(path);
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        }
    }

    [Fact]
    public async Task Pages_have_no_inline_script_and_forms_carry_an_antiforgery_token()
    {
        var html = await app.CreateClient().GetStringAsync("/Account/Login");

        Assert.DoesNotMatch("<script(?![^>]*\\ssrc=)[^>]*>", html);
        Assert.Contains("__RequestVerificationToken", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = CohortApp.AdminEmail,
            ["Input.Password"] = CohortApp.AdminPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_sign_in_cookie_is_http_only_and_same_site()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var response = await CohortApp.PostFormAsync(client, "/Account/Login", new() { ["Input.Email"] = CohortApp.AdminEmail, ["Input.Password"] = CohortApp.AdminPassword });

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cohort.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class RateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    [Fact]
    public async Task Too_many_sign_in_attempts_from_one_address_get_429()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var response = await CohortApp.PostFormAsync(client, "/Account/Login", new() { ["Input.Email"] = "nobody@test.local", ["Input.Password"] = "wrong-password-1" });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task A_token_that_calls_too_often_gets_429()
    {
        var api = await app.ApiClientAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            statuses.Add((await api.GetAsync("/api/v1/programs")).StatusCode);
        }

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Anonymous_audience_feedback_from_one_address_is_limited_per_minute()
    {
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 6, 10, 14, 10, 0, TimeSpan.FromHours(9)));
        var program = await Seed.ProgramAsync(app, new DateOnly(2027, 4, 1));
        await app.SendAsync(new Cohort.Web.Features.Teams.CreateTeam.Command(program.Id, "チーム", null, null));
        var id = await app.SendAsync(new Cohort.Web.Features.Showcases.ScheduleShowcase.Command(program.Id, "発表会", null, new DateOnly(2027, 6, 10),
            new TimeOnly(14, 0), new TimeOnly(16, 0), Cohort.Web.Domain.ShowcaseFormat.Online, null, null, "https://teams.example/join"));
        var key = (await app.SendAsync(new Cohort.Web.Features.Showcases.ShowcaseDetail.Query(program.Id, id))).Agenda[0].FeedbackKey;
        var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var body = new { deviceId = Guid.NewGuid().ToString("N"), comment = $"コメント {i}" };
            statuses.Add((await client.PostAsJsonAsync($"/api/v1/public/feedback/{key}", body)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(3, await app.QueryDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.AudienceFeedback, f => f.ShowcaseId == id)));
    }
}
