using Cohort.Web.Data;
using Cohort.Web.Features.Mentors;
using Cohort.Web.Features.Organizations;
using Cohort.Web.Features.Participants;
using Cohort.Web.Features.Programs;
using Cohort.Web.Features.Teams;
using Cohort.Web.Features.Tokens;
using Cohort.Web.Infrastructure.Auth;
using Hangfire;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Scalar.AspNetCore;

namespace Cohort.Web.Infrastructure.Hosting;

public static class Pipeline
{
    public static WebApplication UseCohortPipeline(this WebApplication app)
    {
        // Before the exception handler, so an error's problem details speak the request's language: a culture set
        // further in does not flow back out to the handler once the exception has unwound.
        app.UseRequestLocalization();
        app.UseExceptionHandler();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseCohortSecurityHeaders();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    public static WebApplication MapCohortEndpoints(this WebApplication app)
    {
        // Liveness: the process answers. Readiness: it can do its work (database migrated and reachable, job storage reachable).
        app.MapGet("/healthz", () => Results.Ok(new { status = "alive" })).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/readyz", ReadyAsync).AllowAnonymous().ExcludeFromDescription();
        if (!app.Services.GetRequiredService<HostRole>().ServesWeb)
        {
            // A worker answers the probes and runs jobs; pages and the API are the web instances' work. Anything else is
            // a plain 404 (not a sign-in redirect to a page this instance does not have).
            app.MapFallback(() => Results.NotFound()).AllowAnonymous().ExcludeFromDescription();
            return app;
        }

        app.MapGet("/culture/{culture}", SetCulture).AllowAnonymous().ExcludeFromDescription();

        app.MapOpenApi("/openapi/{documentName}.json").RequireAuthorization(Policies.SignedIn);
        app.MapScalarApiReference("/api/reference", o => o.WithTitle("Cohort API").WithOpenApiRoutePattern("/openapi/{documentName}.json"))
            .RequireAuthorization(Policies.SignedIn);
        app.MapHangfireDashboardWithAuthorizationPolicy(Policies.Admin, "/ops/jobs", new DashboardOptions { DashboardTitle = "Cohort jobs", AppPath = "/" });

        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(Policies.SignedIn)
            .AddEndpointFilter<ReadOnlyTokenFilter>()
            .RequireRateLimiting(SecurityHeaders.TokenLimit)
            .WithTags("Cohort");
        OrganizationsApi.Map(api);
        ProgramsApi.Map(api);
        TeamsApi.Map(api);
        ParticipantsApi.Map(api);
        MentorsApi.Map(api);
        TokensApi.Map(api);
        Features.People.PeopleApi.Map(api);
        Features.Users.UsersApi.Map(api);
        Features.CheckIns.CheckInsApi.Map(api);
        Features.Nudges.NudgesApi.Map(api);
        Features.Submissions.SubmissionsApi.Map(api);
        Features.Showcases.ShowcasesApi.Map(api);
        Features.Cases.CasesApi.Map(api);
        Features.Calendar.CalendarApi.Map(api);
        Features.Analytics.AnalyticsApi.Map(api);
        Features.Calendar.CalendarApi.MapPageLinks(app);

        app.MapRazorPages();
        return app;
    }

    private static async Task<IResult> ReadyAsync(CohortDbContext db, IServiceProvider services, CancellationToken cancellationToken)
    {
        try
        {
            var ready = await db.Database.CanConnectAsync(cancellationToken)
                && !(await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any();
            if (!ready)
            {
                return Results.Json(new { status = "not ready", database = "unavailable or not migrated" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException)
        {
            return Results.Json(new { status = "not ready", database = "unavailable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        try
        {
            // Hangfire's storage (in memory, or tables in the same PostgreSQL): one cheap read proves it answers.
            if (services.GetService<Hangfire.JobStorage>() is { } storage)
            {
                storage.GetMonitoringApi().Servers();
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException or TimeoutException)
        {
            return Results.Json(new { status = "not ready", jobs = "storage unavailable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return Results.Ok(new { status = "ready" });
    }

    private static IResult SetCulture(string culture, string? returnUrl, HttpContext http)
    {
        if (ServiceRegistration.Cultures.Any(c => c.Name == culture))
        {
            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
        }

        var local = !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/')
            && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal);
        return Results.LocalRedirect(local ? returnUrl! : "/");
    }
}
