using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Cohort.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cohort.Web.Infrastructure.Auth;

public static class TokenSecrets
{
    public const string Prefix = "cohort_pat_";

    public static string NewSecret() =>
        Prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>Tokens carry 256 random bits, so a plain SHA-256 is enough to make the stored value useless to a thief.</summary>
    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

public static class TokenClaims
{
    public const string Scope = "cohort:scope";
    public const string ReadOnlyScope = "read";
    public const string TokenId = "cohort:token";
}

/// <summary>Authenticates <c>Authorization: Bearer cohort_pat_…</c> against the hashed tokens.</summary>
public sealed class PersonalAccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    CohortDbContext db,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PersonalAccessToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var secret = header["Bearer ".Length..].Trim();
        if (!secret.StartsWith(TokenSecrets.Prefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.Fail("Not a Cohort personal access token.");
        }

        var hash = TokenSecrets.Hash(secret);
        // One round trip for the token, its user and the user's role names: this runs on every API call, and Identity's
        // principal factory would add two more (the user's claims and roles), plus two per role for role claims, which
        // Cohort does not use. The claims are those the factory makes for the sign-in cookie: id, user name, e-mail, roles.
        var found = await db.PersonalAccessTokens.Where(t => t.TokenHash == hash)
            .Select(t => new
            {
                Token = t,
                t.User,
                Roles = db.UserRoles.Where(r => r.UserId == t.UserId).Join(db.Roles, r => r.RoleId, r => r.Id, (_, role) => role.Name).ToList(),
            })
            .SingleOrDefaultAsync(Context.RequestAborted);
        var token = found?.Token;
        var now = clock.GetUtcNow().UtcDateTime;
        if (token is null || found!.User is not { } user || !token.IsActive(now) || user.LockoutEnd > clock.GetUtcNow())
        {
            return AuthenticateResult.Fail("The token is unknown, revoked or expired.");
        }

        // Record use at most once a minute so a busy client does not write on every call.
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()));
        identity.AddClaim(new Claim(ClaimTypes.Name, user.UserName ?? user.Email ?? user.Id.ToString()));
        if (user.Email is not null)
        {
            identity.AddClaim(new Claim(ClaimTypes.Email, user.Email));
        }

        foreach (var role in found.Roles.OfType<string>())
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        }

        identity.AddClaim(new Claim(TokenClaims.TokenId, token.Id.ToString()));
        if (token.ReadOnly)
        {
            identity.AddClaim(new Claim(TokenClaims.Scope, TokenClaims.ReadOnlyScope));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}

/// <summary>A read-only token may call GET and HEAD only.</summary>
public sealed class ReadOnlyTokenFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var readOnly = http.User.HasClaim(TokenClaims.Scope, TokenClaims.ReadOnlyScope);
        if (readOnly && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "This token is read-only.");
        }

        return await next(context);
    }
}
