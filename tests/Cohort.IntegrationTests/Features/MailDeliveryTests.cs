using System.Net;
using System.Net.Sockets;
using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Domain.Templates;
using Cohort.Web.Infrastructure.Mail;
using MimeKit;

namespace Cohort.IntegrationTests.Features;

public sealed class MailDeliveryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private static MailSettings Settings(int port) => new(
        "dx-suishin@city.example.jp",
        "Cohort 研修事務局",
        new SmtpSettings(SmtpServer.Host, port, SmtpSecurity.None, TimeoutSeconds: 10),
        Path.Combine(Path.GetTempPath(), "cohort-unused-outbox"));

    private static OutgoingMail Digest(MailSettings settings)
    {
        var root = TemplateCatalog.FindTemplatesRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("templates not found");
        var rendered = new MailTemplates(root).Render(
            DigestMail.TemplateName,
            "ja-JP",
            new DigestMail(
                "山田 花子",
                [
                    new DigestMailItem("ステージ1の成果物の提出期限が近づいています", "期限：2026年12月4日（金）", "https://cohort.example.jp/Programs/Milestone/12"),
                    new DigestMailItem("チェックインの記録をお願いします", null, "https://cohort.example.jp/Teams/Team/7"),
                ],
                "https://cohort.example.jp"));
        return OutgoingMail.FromRendered(rendered, "hanako.yamada@city.example.jp", "山田 花子", settings.MessageIdFor("digest-42-20261201"), "ja-JP");
    }

    [SkippableFact]
    public async Task A_Japanese_digest_arrives_at_a_real_smtp_server_with_its_headers_and_both_bodies()
    {
        await using var server = await SmtpServer.StartOrSkipAsync();
        var settings = Settings(server.Port);

        await new SmtpMailSender(settings).SendAsync(Digest(settings), CancellationToken.None);

        var message = Assert.Single(await server.WaitForMessagesAsync(1, Patience));
        var from = Assert.IsType<MailboxAddress>(Assert.Single(message.From));
        Assert.Equal(("Cohort 研修事務局", "dx-suishin@city.example.jp"), (from.Name, from.Address));
        var to = Assert.IsType<MailboxAddress>(Assert.Single(message.To));
        Assert.Equal(("山田 花子", "hanako.yamada@city.example.jp"), (to.Name, to.Address));
        Assert.Equal("【Cohort】ご確認のお願い（2件）", message.Subject);
        Assert.Equal("digest-42-20261201@city.example.jp", message.MessageId);
        Assert.Equal("ja-JP", message.Body?.Headers[HeaderId.ContentLanguage]);
        Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Contains("山田 花子 様", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://cohort.example.jp/Programs/Milestone/12", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://cohort.example.jp/Profile/Notifications", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://cohort.example.jp/Programs/Milestone/12\">", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://cohort.example.jp/Profile/Notifications\">", message.HtmlBody, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_451_reply_is_a_transient_failure()
    {
        await using var server = await SmtpServer.StartOrSkipAsync(RecipientReply.Transient451);
        var settings = Settings(server.Port);

        var error = await Assert.ThrowsAsync<MailDeliveryException>(() => new SmtpMailSender(settings).SendAsync(Digest(settings), CancellationToken.None));

        Assert.True(error.IsTransient);
        Assert.Equal(451, error.SmtpStatusCode);
        Assert.Contains("digest-42-20261201@city.example.jp", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.ReceivedCount);
    }

    [SkippableFact]
    public async Task A_550_reply_is_a_permanent_failure()
    {
        await using var server = await SmtpServer.StartOrSkipAsync(RecipientReply.Permanent550);
        var settings = Settings(server.Port);

        var error = await Assert.ThrowsAsync<MailDeliveryException>(() => new SmtpMailSender(settings).SendAsync(Digest(settings), CancellationToken.None));

        Assert.False(error.IsTransient);
        Assert.Equal(550, error.SmtpStatusCode);
        Assert.Equal(0, server.ReceivedCount);
    }

    [Fact]
    public async Task A_refused_connection_is_a_transient_failure()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var settings = Settings(port);

        var error = await Assert.ThrowsAsync<MailDeliveryException>(() => new SmtpMailSender(settings).SendAsync(Digest(settings), CancellationToken.None));

        Assert.True(error.IsTransient);
        Assert.Null(error.SmtpStatusCode);
        Assert.IsType<SocketException>(error.InnerException);
    }
}
