using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Cohort.IntegrationTests.Infrastructure;

/// <summary>Who the fake provider signs in next, with Entra ID's claims.</summary>
public sealed record FakeUser(string Oid, string Tid, string? Email, string Name)
{
    /// <summary>More claims for the ID token, e.g. <c>xms_edov</c>.</summary>
    public IReadOnlyDictionary<string, object> ExtraClaims { get; init; } = new Dictionary<string, object>();
}

/// <summary>
/// A small OpenID Connect provider on a real loopback port, enough for the authorization code flow with PKCE as
/// Entra ID runs it: discovery, keys, an authorize endpoint without UI (it signs in <see cref="NextUser"/>) and a
/// token endpoint that checks the code, the PKCE verifier and the client's secret or certificate assertion.
/// </summary>
public sealed class FakeOpenIdProvider : IAsyncDisposable
{
    public const string ClientId = "11111111-2222-3333-4444-555555555555";
    public const string ClientSecret = "fake-client-secret-for-tests";

    private readonly WebApplication _host;
    private readonly RSA _signingKey = RSA.Create(2048);
    private readonly string _keyId = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<string, PendingCode> _codes = new();
    private readonly ConcurrentQueue<string> _tokenErrors = new();

    private FakeOpenIdProvider(WebApplication host)
    {
        _host = host;
    }

    /// <summary>Issuer and authority, <c>http://127.0.0.1:PORT/</c>.</summary>
    public string Authority { get; private set; } = "";

    public string TokenEndpoint => Authority + "token";

    /// <summary>The person the next /authorize request signs in.</summary>
    public FakeUser? NextUser { get; set; }

    /// <summary>The secret the token endpoint accepts (change it to simulate a wrong or expired app secret).</summary>
    public string ExpectedClientSecret { get; set; } = ClientSecret;

    /// <summary>When set, a client assertion signed with this certificate's key is accepted instead of a secret.</summary>
    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>Query parameters of the last authorization request.</summary>
    public IReadOnlyDictionary<string, string> LastAuthorizeRequest { get; private set; } = new Dictionary<string, string>();

    /// <summary>How the last token request was authenticated: "secret" or "certificate".</summary>
    public string? LastClientAuthentication { get; private set; }

    /// <summary>Why token requests were refused, oldest first.</summary>
    public IReadOnlyCollection<string> TokenErrors => _tokenErrors;

    public static async Task<FakeOpenIdProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var host = builder.Build();
        var provider = new FakeOpenIdProvider(host);
        provider.Map(host);
        await host.StartAsync();

        // Port 0 lets the system pick a free port; the bound address says which.
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        provider.Authority = address.TrimEnd('/') + "/";
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        await _host.DisposeAsync();
        _signingKey.Dispose();
    }

    private void Map(WebApplication host)
    {
        host.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Authority,
            ["authorization_endpoint"] = Authority + "authorize",
            ["token_endpoint"] = TokenEndpoint,
            ["jwks_uri"] = Authority + "jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "pairwise" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["scopes_supported"] = new[] { "openid", "profile", "email" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "private_key_jwt" },
        }));

        host.MapGet("/jwks", () =>
        {
            var key = _signingKey.ExportParameters(includePrivateParameters: false);
            return Results.Json(new
            {
                keys = new[]
                {
                    new { kty = "RSA", use = "sig", alg = "RS256", kid = _keyId, n = Base64UrlEncoder.Encode(key.Modulus), e = Base64UrlEncoder.Encode(key.Exponent) },
                },
            });
        });

        host.MapGet("/authorize", Authorize);
        host.MapPost("/token", TokenAsync);
    }

    private IResult Authorize(HttpRequest request)
    {
        var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
        LastAuthorizeRequest = query;
        string Get(string name) => query.GetValueOrDefault(name, "");

        if (Get("client_id") != ClientId
            || Get("response_type") != "code"
            || !Get("scope").Split(' ').Contains("openid")
            || Get("code_challenge_method") != "S256"
            || Get("code_challenge").Length == 0
            || Get("nonce").Length == 0
            || Get("state").Length == 0
            || !Uri.TryCreate(Get("redirect_uri"), UriKind.Absolute, out _))
        {
            return Results.BadRequest("Not an authorization code request with PKCE and a nonce.");
        }

        if (NextUser is not { } user)
        {
            return Results.BadRequest("No FakeUser to sign in: set NextUser.");
        }

        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        _codes[code] = new PendingCode(user, Get("nonce"), Get("code_challenge"), Get("redirect_uri"));
        return Results.Redirect(QueryHelpers.AddQueryString(Get("redirect_uri"), new Dictionary<string, string?> { ["code"] = code, ["state"] = Get("state") }));
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        string Get(string name) => form[name].ToString();

        if (Get("grant_type") != "authorization_code")
        {
            return Refuse("unsupported_grant_type", "grant_type is not authorization_code");
        }

        if (await AuthenticateClientAsync(form) is { } clientError)
        {
            return Refuse("invalid_client", clientError, StatusCodes.Status401Unauthorized);
        }

        // A code is good for one redemption only.
        if (!_codes.TryRemove(Get("code"), out var pending))
        {
            return Refuse("invalid_grant", "unknown or used code");
        }

        if (Get("redirect_uri") != pending.RedirectUri)
        {
            return Refuse("invalid_grant", "redirect_uri differs from the authorization request");
        }

        var verifier = Get("code_verifier");
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        if (verifier.Length < 43 || challenge != pending.CodeChallenge)
        {
            return Refuse("invalid_grant", "PKCE code_verifier does not match the code_challenge");
        }

        var accessToken = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return Results.Json(new
        {
            token_type = "Bearer",
            access_token = accessToken,
            expires_in = 3600,
            scope = "openid profile email",
            id_token = IdToken(pending, accessToken),
        });
    }

    /// <returns>Why the client is not authenticated, or null when it is.</returns>
    private async Task<string?> AuthenticateClientAsync(IFormCollection form)
    {
        var assertion = form["client_assertion"].ToString();
        if (assertion.Length == 0)
        {
            LastClientAuthentication = "secret";
            return form["client_id"] == ClientId && form["client_secret"] == ExpectedClientSecret ? null : "wrong client_id or client_secret";
        }

        LastClientAuthentication = "certificate";
        if (ClientCertificate is null || form["client_assertion_type"] != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
        {
            return "client assertion not accepted";
        }

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            ValidIssuer = ClientId,
            ValidAudience = TokenEndpoint,
            IssuerSigningKey = new X509SecurityKey(ClientCertificate),
            ValidAlgorithms = [SecurityAlgorithms.RsaSsaPssSha256],
            RequireExpirationTime = true,
        });
        if (!result.IsValid)
        {
            return "invalid client assertion: " + result.Exception?.Message;
        }

        var token = (JsonWebToken)result.SecurityToken;
        var thumbprint = Base64UrlEncoder.Encode(ClientCertificate.GetCertHash(HashAlgorithmName.SHA256));
        return token.Subject == ClientId && token.TryGetHeaderValue<string>("x5t#S256", out var x5t) && x5t == thumbprint
            ? null
            : "client assertion has the wrong sub or x5t#S256";
    }

    private string IdToken(PendingCode pending, string accessToken)
    {
        var user = pending.User;
        var now = DateTime.UtcNow;

        // at_hash: the left half of the SHA-256 of the access token (OpenID Connect Core 3.1.3.6).
        var accessTokenHash = SHA256.HashData(Encoding.ASCII.GetBytes(accessToken));
        var claims = new Dictionary<string, object>
        {
            ["sub"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(ClientId + user.Tid + user.Oid))),
            ["nonce"] = pending.Nonce,
            ["oid"] = user.Oid,
            ["tid"] = user.Tid,
            ["name"] = user.Name,
            ["ver"] = "2.0",
            ["at_hash"] = Base64UrlEncoder.Encode(accessTokenHash[..16]),
        };
        if (user.Email is not null)
        {
            claims["email"] = user.Email;
            claims["preferred_username"] = user.Email;
        }

        foreach (var (name, value) in user.ExtraClaims)
        {
            claims[name] = value;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = ClientId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            Claims = claims,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_signingKey) { KeyId = _keyId }, SecurityAlgorithms.RsaSha256),
        });
    }

    private IResult Refuse(string error, string description, int status = StatusCodes.Status400BadRequest)
    {
        _tokenErrors.Enqueue($"{error}: {description}");
        return Results.Json(new { error, error_description = description }, statusCode: status);
    }

    private sealed record PendingCode(FakeUser User, string Nonce, string CodeChallenge, string RedirectUri);
}
