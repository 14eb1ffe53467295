using Cohort.Web.Infrastructure.Mail;
using Microsoft.Extensions.Configuration;

namespace Cohort.UnitTests.Mail;

public sealed class MailSettingsTests
{
    private static readonly string DataDir = Path.Combine(Path.GetTempPath(), "cohort-data");

    /// <summary>Later values replace earlier ones with the same key.</summary>
    private static MailSettings Read(params (string Key, string Value)[] values)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in values)
        {
            data[key] = value;
        }

        return MailSettings.From(new ConfigurationBuilder().AddInMemoryCollection(data).Build(), DataDir);
    }

    [Fact]
    public void Without_an_smtp_host_mail_goes_to_the_outbox_folder_in_the_data_dir()
    {
        var settings = Read();

        Assert.Equal(new MailSettings("no-reply@cohort.local", "Cohort", null, Path.Combine(DataDir, "mail-outbox")), settings);
    }

    [Fact]
    public void Reads_the_smtp_relay_with_defaults()
    {
        var settings = Read(("Cohort:Mail:From", "dx@city.example.jp"), ("Cohort:Mail:Smtp:Host", "smtp.city.example.jp"));

        Assert.Equal(new SmtpSettings("smtp.city.example.jp", 587, SmtpSecurity.StartTls, null, null, 30), settings.Smtp);
        Assert.Equal("dx@city.example.jp", settings.FromAddress);
    }

    [Fact]
    public void Reads_every_smtp_key_and_never_prints_the_password()
    {
        var settings = Read(
            ("Cohort:Mail:From", "dx@city.example.jp"),
            ("Cohort:Mail:FromName", "DX推進課"),
            ("Cohort:Mail:Smtp:Host", "smtp.city.example.jp"),
            ("Cohort:Mail:Smtp:Port", "465"),
            ("Cohort:Mail:Smtp:Security", "sslonconnect"),
            ("Cohort:Mail:Smtp:User", "cohort"),
            ("Cohort:Mail:Smtp:Password", "s3cret-pass"),
            ("Cohort:Mail:Smtp:TimeoutSeconds", "10"),
            ("Cohort:Mail:Folder", "/var/mail/out"));

        Assert.Equal(new SmtpSettings("smtp.city.example.jp", 465, SmtpSecurity.SslOnConnect, "cohort", "s3cret-pass", 10), settings.Smtp);
        Assert.Equal("DX推進課", settings.FromName);
        Assert.Equal("/var/mail/out", settings.Folder);
        Assert.DoesNotContain("s3cret-pass", settings.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Cohort:Mail:Smtp:Port", "0")]
    [InlineData("Cohort:Mail:Smtp:Port", "smtp")]
    [InlineData("Cohort:Mail:Smtp:Security", "Tls")]
    [InlineData("Cohort:Mail:Smtp:Security", "1")]
    [InlineData("Cohort:Mail:Smtp:TimeoutSeconds", "-5")]
    [InlineData("Cohort:Mail:From", "DX <dx@city.example.jp>")]
    public void Invalid_values_name_their_key(string key, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => Read(("Cohort:Mail:From", "dx@city.example.jp"), ("Cohort:Mail:Smtp:Host", "smtp.city.example.jp"), (key, value)));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_smtp_host_needs_a_from_address()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(("Cohort:Mail:Smtp:Host", "smtp.city.example.jp")));

        Assert.Contains("Cohort:Mail:From", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Message_ids_are_deterministic_and_in_the_senders_domain()
    {
        var settings = Read(("Cohort:Mail:From", "dx@city.example.jp"));

        Assert.Equal("digest-42-2026-12-01@city.example.jp", settings.MessageIdFor("digest-42-2026-12-01"));
        Assert.Equal(settings.MessageIdFor("nudge 7/8"), settings.MessageIdFor("nudge 7/8"));
        Assert.Equal("nudge-7-8@city.example.jp", settings.MessageIdFor("nudge 7/8"));
    }
}
