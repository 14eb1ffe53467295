using Cohort.Web.Infrastructure.Mail;
using MimeKit;

namespace Cohort.UnitTests.Mail;

public sealed class FolderMailSenderTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("cohort-mail-outbox-");

    public void Dispose() => _folder.Delete(recursive: true);

    private FolderMailSender Sender() =>
        new(new MailSettings("no-reply@city.example.jp", "Cohort 研修事務局", null, Path.Combine(_folder.FullName, "outbox")));

    private static OutgoingMail Mail(string subject = "【Cohort】ご確認のお願い（1件）") => new(
        "hanako@city.example.jp",
        "山田 花子",
        subject,
        "山田 花子 様\n\nご確認をお願いいたします。\nhttps://cohort.example.jp/Teams/Team/7\n",
        "<p>山田 花子 様</p><p><a href=\"https://cohort.example.jp/Teams/Team/7\">チーム</a></p>",
        "digest-42-20261201@city.example.jp",
        "ja-JP");

    [Fact]
    public async Task Writes_a_parseable_eml_with_the_message_id_and_both_bodies()
    {
        var sender = Sender();

        await sender.SendAsync(Mail(), CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(sender.Folder));
        Assert.EndsWith(".eml", file, StringComparison.Ordinal);
        Assert.StartsWith("digest-42-20261201@city.example.jp-", Path.GetFileName(file), StringComparison.Ordinal);
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal("digest-42-20261201@city.example.jp", message.MessageId);
        Assert.Equal("【Cohort】ご確認のお願い（1件）", message.Subject);
        Assert.Equal("\"Cohort 研修事務局\" <no-reply@city.example.jp>", message.From.ToString());
        var to = Assert.IsType<MailboxAddress>(Assert.Single(message.To));
        Assert.Equal(("山田 花子", "hanako@city.example.jp"), (to.Name, to.Address));
        Assert.Equal("ja-JP", message.Body?.Headers[HeaderId.ContentLanguage]);
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
        Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Contains("ご確認をお願いいたします。", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://cohort.example.jp/Teams/Team/7\">", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writing_the_same_message_twice_keeps_one_file_with_the_latest_content()
    {
        var sender = Sender();

        await sender.SendAsync(Mail("first"), CancellationToken.None);
        await sender.SendAsync(Mail("second"), CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(sender.Folder));
        Assert.Equal("second", (await MimeMessage.LoadAsync(file)).Subject);
    }

    [Fact]
    public async Task A_text_only_message_is_a_single_text_part()
    {
        var sender = Sender();

        await sender.SendAsync(Mail() with { HtmlBody = null, MessageId = "<plain/1@city.example.jp>" }, CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(sender.Folder));
        Assert.StartsWith("plain_1@city.example.jp-", Path.GetFileName(file), StringComparison.Ordinal);
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal("plain/1@city.example.jp", message.MessageId);
        Assert.True(Assert.IsType<TextPart>(message.Body).IsPlain);
    }

    [Fact]
    public void Ids_that_sanitise_alike_get_different_files()
    {
        var sender = Sender();

        Assert.NotEqual(sender.PathFor("a/b@x.example"), sender.PathFor("a_b@x.example"));
        Assert.Equal(sender.PathFor("a/b@x.example"), sender.PathFor("<a/b@x.example>"));
    }

    [Fact]
    public async Task A_malformed_address_is_a_permanent_failure()
    {
        var error = await Assert.ThrowsAsync<MailDeliveryException>(
            () => Sender().SendAsync(Mail() with { ToAddress = "not an address" }, CancellationToken.None));

        Assert.False(error.IsTransient);
    }
}
