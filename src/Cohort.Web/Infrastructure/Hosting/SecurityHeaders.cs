using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Cohort.Web.Infrastructure.Hosting;

/// <summary>Response headers every page and API answer carries; and request limits for sign-in and API tokens.</summary>
public static class SecurityHeaders
{
    /// <summary>No inline script anywhere in the app's own pages.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Third-party consoles we host (the Hangfire dashboard and the API reference) ship inline scripts and
    /// styles; they get a looser policy, still same-origin only and never framed.
    /// </summary>
    public const string ConsolePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string SignInLimit = "sign-in";
    public const string TokenLimit = "api-token";
    public const string FeedbackLimit = "audience-feedback";

    public static IApplicationBuilder UseCohortSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                var path = context.Request.Path;
                var console = path.StartsWithSegments("/ops") || path.StartsWithSegments("/api/reference");
                headers.ContentSecurityPolicy = console ? ConsolePolicy : ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            await next();
        });

    /// <summary>
    /// Sign-in attempts are limited per client address (on top of the account lockout), and API calls per
    /// token, so a leaked or buggy client cannot flood the service.
    /// </summary>
    public static IServiceCollection AddCohortRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var signInPerMinute = configuration.GetValue("Cohort:RateLimits:SignInPerMinute", 10);
        var apiPerMinute = configuration.GetValue("Cohort:RateLimits:ApiPerMinute", 600);
        var feedbackPerMinute = configuration.GetValue("Cohort:RateLimits:FeedbackPerMinute", 30);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInLimit, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = signInPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("get"));
            // Audience feedback needs no account; a venue's audience may share one address (office NAT), so the
            // limit is per address but generous, and a device answers each slot once anyway.
            o.AddPolicy(FeedbackLimit, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = feedbackPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("get"));
            o.AddPolicy(TokenLimit, http =>
            {
                var header = http.Request.Headers.Authorization.ToString();
                // Partition by the token itself (its hash), or by address for cookie calls.
                var key = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? Auth.TokenSecrets.Hash(header)
                    : http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter(key,
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = apiPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
        });
        return services;
    }
}
