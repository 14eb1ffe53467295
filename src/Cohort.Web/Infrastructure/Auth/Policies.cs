using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Cohort.Web.Infrastructure.Auth;

public static class Roles
{
    public const string Admin = "Admin";
}

/// <summary>Every page and route names one of these; a convention test checks it.</summary>
public static class Policies
{
    /// <summary>Any signed-in user (cookie or token).</summary>
    public const string SignedIn = "signed-in";

    /// <summary>Deployment administrators: organisations, programmes (until per-programme roles exist), jobs dashboard.</summary>
    public const string Admin = "admin";

    /// <summary>Anyone, signed in or not: sign-in page, health check, culture switch.</summary>
    public const string Anonymous = "anonymous";

    public static void Configure(AuthorizationOptions options)
    {
        options.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser());
        options.AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin));
        options.AddPolicy(Anonymous, p => p.RequireAssertion(_ => true));
        options.FallbackPolicy = options.GetPolicy(SignedIn);
    }

    public static Guid UserId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No user id claim."));
}
