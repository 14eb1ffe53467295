using System.Globalization;
using System.Text;
using MimeKit;

namespace Cohort.Web.Infrastructure.Mail;

public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
    Auto,
}

/// <summary>The SMTP relay; its <see cref="ToString"/> never shows the password.</summary>
public sealed record SmtpSettings(
    string Host,
    int Port = SmtpSettings.DefaultPort,
    SmtpSecurity Security = SmtpSecurity.StartTls,
    string? User = null,
    string? Password = null,
    int TimeoutSeconds = SmtpSettings.DefaultTimeoutSeconds)
{
    public const int DefaultPort = 587;
    public const int DefaultTimeoutSeconds = 30;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port} ({Security}{(User is null ? "" : ", user " + User)}, timeout {TimeoutSeconds} s)");
}

/// <summary>
/// How mail leaves the app: through <see cref="Smtp"/> when a host is configured, otherwise as .eml files in
/// <see cref="Folder"/>.
/// </summary>
public sealed record MailSettings(string FromAddress, string FromName, SmtpSettings? Smtp, string Folder)
{
    public const string Section = "Cohort:Mail";
    public const string DefaultFromName = "Cohort";
    public const string DefaultFromAddress = "no-reply@cohort.local";
    public const string DefaultFolderName = "mail-outbox";

    internal MailboxAddress FromMailbox => new(FromName, FromAddress);

    /// <summary>
    /// A Message-ID for <paramref name="key"/> in the sender's domain, e.g. <c>digest-42-20261201@city.example.jp</c>:
    /// the same key always gives the same id. Characters not allowed in a Message-ID become '-'.
    /// </summary>
    public string MessageIdFor(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var local = new StringBuilder(key.Length);
        foreach (var c in key.Trim())
        {
            local.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-');
        }

        var domain = FromAddress[(FromAddress.LastIndexOf('@') + 1)..];
        return $"{local}@{domain}";
    }

    /// <summary>
    /// Reads <c>Cohort:Mail:*</c>. Without <c>Cohort:Mail:Smtp:Host</c> mail goes to the folder
    /// (default <c>&lt;dataDir&gt;/mail-outbox</c>; a relative folder is taken relative to <paramref name="dataDir"/>).
    /// With a host, <c>Cohort:Mail:From</c> is required: a made-up sender domain is rejected by real relays.
    /// </summary>
    public static MailSettings From(IConfiguration configuration, string dataDir)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(dataDir);
        var mail = configuration.GetSection(Section);
        var smtp = mail.GetSection("Smtp");

        SmtpSettings? smtpSettings = null;
        if (Value(smtp, "Host") is { } host)
        {
            smtpSettings = new SmtpSettings(
                host,
                Integer(smtp, "Port", SmtpSettings.DefaultPort, min: 1, max: 65535),
                Security(smtp),
                Value(smtp, "User"),
                Value(smtp, "Password"),
                Integer(smtp, "TimeoutSeconds", SmtpSettings.DefaultTimeoutSeconds, min: 1, max: 3600));
        }

        var from = Value(mail, "From");
        if (from is null && smtpSettings is not null)
        {
            throw new InvalidOperationException($"{Section}:From is required when {Section}:Smtp:Host is set.");
        }

        from ??= DefaultFromAddress;
        if (!MailboxAddress.TryParse(from, out var parsed) || parsed.Address != from || !from.Contains('@', StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{Section}:From '{from}' is not a plain e-mail address (put the display name in {Section}:FromName).");
        }

        var folder = Path.GetFullPath(Path.Combine(dataDir, Value(mail, "Folder") ?? DefaultFolderName));
        return new MailSettings(from, Value(mail, "FromName") ?? DefaultFromName, smtpSettings, folder);
    }

    private static string? Value(IConfiguration section, string key) =>
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

    private static SmtpSecurity Security(IConfigurationSection section)
    {
        var value = Value(section, "Security");
        if (value is null)
        {
            return SmtpSecurity.StartTls;
        }

        return Enum.TryParse<SmtpSecurity>(value, ignoreCase: true, out var security) && Enum.IsDefined(security) && !char.IsDigit(value[0])
            ? security
            : throw new InvalidOperationException($"{section.Path}:Security must be one of {string.Join(", ", Enum.GetNames<SmtpSecurity>())}, got '{value}'.");
    }
}
