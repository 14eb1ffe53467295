using System.Globalization;
using System.Text;

namespace Cohort.Web.Infrastructure.Meetings;

/// <summary>
/// Configuration section <c>Cohort:Graph</c>: the Entra ID app that creates showcase meetings through Microsoft Graph
/// (client credentials, application permission) and the mailbox that organises them. Without any of the identity
/// keys the Graph integration is off; with some but not all of them the app refuses to start.
/// <see cref="ToString"/> never shows the secret or the certificate password.
/// </summary>
public sealed record GraphSettings
{
    public const string Section = "Cohort:Graph";
    public const string DefaultBaseUrl = "https://graph.microsoft.com/v1.0";
    public const int DefaultTimeoutSeconds = 100;
    public const int DefaultMaxRetries = 3;
    public const int DefaultRetryDelaySeconds = 3;

    public static readonly GraphSettings Off = new();

    private static readonly string[] MultiTenantEndpoints = ["common", "organizations", "consumers"];

    /// <summary>Directory (tenant) ID, a GUID or a verified domain such as <c>city.example.jp</c>.</summary>
    public string? TenantId { get; init; }

    /// <summary>Application (client) ID of the app registration.</summary>
    public string? ClientId { get; init; }

    public string? ClientSecret { get; init; }

    /// <summary>A PKCS#12 (.pfx) file with the private key, instead of <see cref="ClientSecret"/>.</summary>
    public string? CertificatePath { get; init; }

    public string? CertificatePassword { get; init; }

    /// <summary>UPN, e-mail address or object ID of the mailbox that owns (organises) the events.</summary>
    public string? OrganizerMailbox { get; init; }

    /// <summary>Microsoft Graph's root including the version, without a trailing slash.</summary>
    public string BaseUrl { get; init; } = DefaultBaseUrl;

    /// <summary>For one call including the SDK's retries and their waits.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(DefaultTimeoutSeconds);

    /// <summary>How often the SDK repeats a request answered with 429, 503 or 504 (0 to 10).</summary>
    public int MaxRetries { get; init; } = DefaultMaxRetries;

    /// <summary>
    /// The SDK's base wait before a retry when the answer has no Retry-After (doubled on each retry); a Retry-After
    /// from Graph is always honoured instead.
    /// </summary>
    public int RetryDelaySeconds { get; init; } = DefaultRetryDelaySeconds;

    public bool IsConfigured => Missing().Count == 0;

    /// <summary>The keys still needed before Graph can be used; empty when configured.</summary>
    public IReadOnlyList<string> Missing()
    {
        var missing = new List<string>();
        if (TenantId is null)
        {
            missing.Add($"{Section}:TenantId");
        }

        if (ClientId is null)
        {
            missing.Add($"{Section}:ClientId");
        }

        if (ClientSecret is null && CertificatePath is null)
        {
            missing.Add($"{Section}:ClientSecret or {Section}:CertificatePath");
        }

        if (OrganizerMailbox is null)
        {
            missing.Add($"{Section}:OrganizerMailbox");
        }

        return missing;
    }

    /// <summary>
    /// Reads <c>Cohort:Graph:*</c>. Returns <see cref="Off"/> when none of TenantId, ClientId, ClientSecret,
    /// CertificatePath, CertificatePassword and OrganizerMailbox is set; throws <see cref="InvalidOperationException"/>
    /// naming what is missing or wrong when only some are.
    /// </summary>
    public static GraphSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var settings = new GraphSettings
        {
            TenantId = Value(section, "TenantId"),
            ClientId = Value(section, "ClientId"),
            ClientSecret = Value(section, "ClientSecret"),
            CertificatePath = Value(section, "CertificatePath"),
            // A password may legitimately start or end with spaces: kept as given.
            CertificatePassword = string.IsNullOrEmpty(section["CertificatePassword"]) ? null : section["CertificatePassword"],
            OrganizerMailbox = Value(section, "OrganizerMailbox"),
            BaseUrl = BaseUrlFrom(section),
            Timeout = TimeSpan.FromSeconds(Integer(section, "TimeoutSeconds", DefaultTimeoutSeconds, min: 1, max: 600)),
            MaxRetries = Integer(section, "MaxRetries", DefaultMaxRetries, min: 0, max: 10),
            RetryDelaySeconds = Integer(section, "RetryDelaySeconds", DefaultRetryDelaySeconds, min: 0, max: 180),
        };

        var anyIdentity = settings.TenantId is not null || settings.ClientId is not null || settings.ClientSecret is not null
            || settings.CertificatePath is not null || settings.CertificatePassword is not null || settings.OrganizerMailbox is not null;
        if (!anyIdentity)
        {
            return Off;
        }

        settings.Validate();
        return settings;
    }

    /// <summary>Throws when the settings are partial or inconsistent, naming every problem at once.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        var missing = Missing();
        if (missing.Count > 0)
        {
            problems.Add($"missing {string.Join(", ", missing)}");
        }

        if (ClientSecret is not null && CertificatePath is not null)
        {
            problems.Add($"set only one of {Section}:ClientSecret and {Section}:CertificatePath");
        }

        if (CertificatePassword is not null && CertificatePath is null)
        {
            problems.Add($"{Section}:CertificatePassword is set without {Section}:CertificatePath");
        }

        if (CertificatePath is not null && !File.Exists(CertificatePath))
        {
            problems.Add($"{Section}:CertificatePath '{CertificatePath}' does not exist");
        }

        if (TenantId is not null && MultiTenantEndpoints.Contains(TenantId, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"{Section}:TenantId must be the organisation's own tenant (a GUID or domain), not '{TenantId}': app-only tokens are issued per tenant");
        }

        if (OrganizerMailbox is not null && !OrganizerMailbox.Contains('@', StringComparison.Ordinal) && !Guid.TryParse(OrganizerMailbox, out _))
        {
            problems.Add($"{Section}:OrganizerMailbox must be the mailbox's UPN or e-mail address (or its user object ID), got '{OrganizerMailbox}'");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"Microsoft Graph ({Section}) is partly configured: {string.Join("; ", problems)}. Set all of TenantId, ClientId, ClientSecret or CertificatePath, and OrganizerMailbox, or none of them to create meetings by hand.");
        }
    }

    public override string ToString()
    {
        if (!IsConfigured)
        {
            return "Microsoft Graph off";
        }

        var credential = ClientSecret is not null ? "client secret" : $"certificate {CertificatePath}";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Microsoft Graph {BaseUrl} as app {ClientId} in tenant {TenantId} ({credential}), organiser {OrganizerMailbox}, timeout {Timeout.TotalSeconds} s, {MaxRetries} retries");
    }

    private bool PrintMembers(StringBuilder builder)
    {
        // Records print every property by default, the secret included; this keeps them out of logs and exceptions.
        builder.Append(ToString());
        return true;
    }

    private static string BaseUrlFrom(IConfigurationSection section)
    {
        var value = Value(section, "BaseUrl");
        if (value is null)
        {
            return DefaultBaseUrl;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new InvalidOperationException($"{Section}:BaseUrl must be an https URL such as {DefaultBaseUrl} (http only on loopback), got '{value}'.");
        }

        return value.TrimEnd('/');
    }

    private static string? Value(IConfigurationSection section, string key) =>
        section[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static int Integer(IConfigurationSection section, string key, int fallback, int min, int max)
    {
        var value = Value(section, key);
        if (value is null)
        {
            return fallback;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new InvalidOperationException($"{section.Path}:{key} must be a whole number from {min} to {max}, got '{value}'.");
    }
}
