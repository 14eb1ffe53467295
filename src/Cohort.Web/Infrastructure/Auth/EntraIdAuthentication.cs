using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Cohort.Web.Infrastructure.Auth;

/// <summary>
/// Configuration section <c>Cohort:EntraId</c>. Without a ClientId, sign-in with Entra ID is off and nothing about it shows.
/// </summary>
public sealed record EntraIdSettings(
    bool Enabled,
    string TenantId,
    string ClientId,
    string? ClientSecret,
    string? CertificatePath,
    string? CertificatePassword,
    string Authority,
    string DisplayName)
{
    public const string Section = "Cohort:EntraId";
    public const string Scheme = "EntraId";
    public const string DefaultInstance = "https://login.microsoftonline.com/";
    public const string DefaultDisplayName = "Microsoft Entra ID";

    public static readonly EntraIdSettings Off = new(false, "", "", null, null, null, "", DefaultDisplayName);

    /// <summary>
    /// "organizations" and "common" are Entra ID's multi-tenant endpoints: people from any directory may authenticate,
    /// so the tenant check is skipped and e-mail addresses need their domain verified (see <see cref="EntraIdSignIn"/>).
    /// </summary>
    public bool AnyTenant =>
        string.Equals(TenantId, "organizations", StringComparison.OrdinalIgnoreCase)
        || string.Equals(TenantId, "common", StringComparison.OrdinalIgnoreCase);

    public static EntraIdSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var clientId = Trimmed(section["ClientId"]);
        if (clientId is null)
        {
            return Off;
        }

        var tenantId = Trimmed(section["TenantId"]);
        if (tenantId is null || !(Guid.TryParse(tenantId, out _) || tenantId.Equals("organizations", StringComparison.OrdinalIgnoreCase) || tenantId.Equals("common", StringComparison.OrdinalIgnoreCase)))
        {
            // A domain name would work for sign-in but never equal the tid claim, so nobody could enter.
            throw new InvalidOperationException($"{Section}:TenantId must be the directory (tenant) ID, a GUID, or 'organizations' / 'common' when {Section}:ClientId is set.");
        }

        var secret = Trimmed(section["ClientSecret"]);
        var certificate = Trimmed(section["CertificatePath"]);
        if ((secret is null) == (certificate is null))
        {
            throw new InvalidOperationException($"Set exactly one of {Section}:ClientSecret and {Section}:CertificatePath.");
        }

        var instance = Trimmed(section["Instance"]) ?? DefaultInstance;
        var authority = Trimmed(section["Authority"]) ?? $"{instance.TrimEnd('/')}/{tenantId}/v2.0";
        return new EntraIdSettings(
            true,
            tenantId,
            clientId,
            secret,
            certificate,
            section["CertificatePassword"],
            authority,
            Trimmed(section["DisplayName"]) ?? DefaultDisplayName);
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

public static class EntraIdAuthentication
{
    public const string ExternalCallbackPath = "/Account/ExternalCallback";

    /// <summary>
    /// Adds the OpenID Connect scheme "EntraId" when configured. It only authenticates the person at Entra ID and puts
    /// the result in Identity's external cookie; who may enter Cohort is decided afterwards by <see cref="EntraIdSignIn"/>.
    /// </summary>
    public static IServiceCollection AddCohortEntraId(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = EntraIdSettings.From(configuration);
        services.AddSingleton(settings);
        services.AddScoped<IExternalSignInPolicy, MatchExistingOrInvitedUser>();
        services.AddScoped<EntraIdSignIn>();
        if (!settings.Enabled)
        {
            return services;
        }

        // Loaded at start, so a wrong path or password stops the app instead of the first sign-in.
        var certificate = settings.CertificatePath is null
            ? null
            : X509CertificateLoader.LoadPkcs12FromFile(settings.CertificatePath, settings.CertificatePassword);
        if (certificate is not null && !certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"{EntraIdSettings.Section}:CertificatePath must be a PKCS#12 (.pfx) file with the private key.");
        }

        services.AddAuthentication().AddOpenIdConnect(EntraIdSettings.Scheme, settings.DisplayName, o => Configure(o, settings, certificate));
        return services;
    }

    private static void Configure(OpenIdConnectOptions o, EntraIdSettings settings, X509Certificate2? certificate)
    {
        o.Authority = settings.Authority;
        o.ClientId = settings.ClientId;
        o.ClientSecret = settings.ClientSecret;

        // Authorization code flow with PKCE; the code comes back in the query string of a top-level GET (Entra ID's
        // default for code), so the correlation and nonce cookies can be SameSite=Lax like the app's own cookie.
        o.ResponseType = OpenIdConnectResponseType.Code;
        o.ResponseMode = OpenIdConnectResponseMode.Query;
        o.UsePkce = true;
        o.CallbackPath = "/signin-oidc";
        o.SignedOutCallbackPath = "/signout-callback-oidc";
        o.CorrelationCookie.SameSite = SameSiteMode.Lax;
        o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.NonceCookie.SameSite = SameSiteMode.Lax;
        o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;

        // Entra ID does not advertise pushed authorization requests; keep the flow the one that is tested, and the
        // client assertion below attached to the only back-channel call (the token request).
        o.PushedAuthorizationBehavior = PushedAuthorizationBehavior.Disable;

        o.Scope.Clear();
        o.Scope.Add("openid");
        o.Scope.Add("profile");
        o.Scope.Add("email");
        o.SaveTokens = false;
        o.GetClaimsFromUserInfoEndpoint = false;
        o.MapInboundClaims = false;
        o.TokenValidationParameters.NameClaimType = "name";

        // Identity's external cookie only carries the result to /Account/ExternalCallback; it is not a sign-in to Cohort.
        o.SignInScheme = IdentityConstants.ExternalScheme;

        // Plain http metadata only for a provider on this machine (the tests' fake provider); never for anything else.
        o.RequireHttpsMetadata = !(Uri.TryCreate(settings.Authority, UriKind.Absolute, out var authority)
            && authority.Scheme == Uri.UriSchemeHttp
            && authority.IsLoopback);

        if (settings.AnyTenant)
        {
            o.TokenValidationParameters.IssuerValidatorUsingConfiguration = IssuerOfTokenTenant;
        }

        o.Events.OnRemoteFailure = async context =>
        {
            // Cancelled at Entra ID, a refused token request, an invalid token: the callback page says so instead of
            // a 500; a leftover external cookie from an earlier attempt must not stand in for this one.
            context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>()
                .CreateLogger(typeof(EntraIdAuthentication))
                .LogWarning(context.Failure, "Sign-in with Entra ID did not complete.");
            await context.HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
            context.Response.Redirect(ExternalCallbackPath);
            context.HandleResponse();
        };

        if (certificate is not null)
        {
            o.Events.OnAuthorizationCodeReceived = async context =>
            {
                var metadata = await context.Options.ConfigurationManager!.GetConfigurationAsync(context.HttpContext.RequestAborted);
                var request = context.TokenEndpointRequest!;
                request.ClientSecret = null;
                request.ClientAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
                request.ClientAssertion = ClientAssertion(certificate, settings.ClientId, metadata.TokenEndpoint);
            };
        }
    }

    /// <summary>
    /// private_key_jwt: a short-lived JWT signed with the app's certificate stands in for the client secret,
    /// in the format Entra ID documents (PS256, x5t#S256, iss = sub = client id, aud = token endpoint).
    /// </summary>
    private static string ClientAssertion(X509Certificate2 certificate, string clientId, string tokenEndpoint)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = tokenEndpoint,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = clientId,
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString(),
            },
            SigningCredentials = new SigningCredentials(new X509SecurityKey(certificate), SecurityAlgorithms.RsaSsaPssSha256),
            AdditionalHeaderClaims = new Dictionary<string, object>
            {
                ["x5t#S256"] = Base64UrlEncoder.Encode(certificate.GetCertHash(HashAlgorithmName.SHA256)),
            },
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>
    /// The multi-tenant endpoints publish the issuer as a template (…/{tenantid}/v2.0); a token is valid when its
    /// issuer is that template filled with the token's own tid.
    /// </summary>
    private static string IssuerOfTokenTenant(string issuer, SecurityToken token, TokenValidationParameters parameters, BaseConfiguration? configuration)
    {
        var tenant = token is JsonWebToken jwt && jwt.TryGetPayloadValue<string>(EntraIdClaims.TenantId, out var tid) ? tid : null;
        var templates = new[] { configuration?.Issuer, parameters.ValidIssuer }.Concat(parameters.ValidIssuers ?? []).OfType<string>();
        if (tenant is not null && templates.Any(t => string.Equals(t.Replace("{tenantid}", tenant, StringComparison.OrdinalIgnoreCase), issuer, StringComparison.Ordinal)))
        {
            return issuer;
        }

        throw new SecurityTokenInvalidIssuerException($"The issuer '{issuer}' does not belong to the token's tenant.");
    }
}
