using Cohort.Web.Domain.Templates;
using Cohort.Web.Infrastructure.Mail;

namespace Cohort.UnitTests.Mail;

public sealed class MailTemplatesTests : IDisposable
{
    private static readonly DigestMail Digest = new(
        "山田 花子",
        [
            new DigestMailItem("ステージ1の成果物の提出期限が近づいています", "期限：2026年12月4日（金）", "https://cohort.example.jp/Programs/Milestone/12"),
            new DigestMailItem("チェックインの記録をお願いします", null, "https://cohort.example.jp/Teams/Team/7"),
        ],
        "https://cohort.example.jp/");

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("cohort-mail-templates-");

    public void Dispose() => _root.Delete(recursive: true);

    private static MailTemplates Shipped() =>
        new(TemplateCatalog.FindTemplatesRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("templates not found"));

    private MailTemplates Custom(params (string File, string Text)[] files)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root.FullName, "mail"));
        foreach (var (file, text) in files)
        {
            File.WriteAllText(Path.Combine(folder.FullName, file), text);
        }

        return new MailTemplates(_root.FullName);
    }

    [Fact]
    public void The_digest_renders_in_Japanese_with_every_item_and_the_notification_settings_link()
    {
        var mail = Shipped().Render("digest", "ja-JP", Digest);

        Assert.Equal("【Cohort】ご確認のお願い（2件）", mail.Subject);
        Assert.StartsWith("山田 花子 様\n\nいつもお世話になっております。\n", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(
            "■ ステージ1の成果物の提出期限が近づいています\n  期限：2026年12月4日（金）\n  https://cohort.example.jp/Programs/Milestone/12\n\n" +
            "■ チェックインの記録をお願いします\n  https://cohort.example.jp/Teams/Team/7\n\n",
            mail.TextBody,
            StringComparison.Ordinal);
        Assert.Contains("https://cohort.example.jp/Profile/Notifications\n", mail.TextBody, StringComparison.Ordinal);
        Assert.NotNull(mail.HtmlBody);
        Assert.Contains("<html lang=\"ja\">", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<p>山田 花子 様</p>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://cohort.example.jp/Teams/Team/7\">チェックインの記録をお願いします</a>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://cohort.example.jp/Profile/Notifications\">", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("en-GB")]
    [InlineData("fr")]
    public void Other_cultures_get_the_English_digest(string culture)
    {
        var mail = Shipped().Render("digest", culture, Digest with { Items = Digest.Items.Take(1).ToList() });

        Assert.Equal("Cohort: 1 reminder for you", mail.Subject);
        Assert.StartsWith("Dear 山田 花子,\n", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("* ステージ1の成果物の提出期限が近づいています\n", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://cohort.example.jp/Profile/Notifications", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Anonymous_models_with_snake_case_members_work_too()
    {
        var model = new
        {
            recipient_name = "Taro",
            items = new[] { new { title = "Submit the prototype", detail = "", link = "https://x.example/1" } },
            app_url = "https://x.example",
        };

        var mail = Shipped().Render("digest", "en", model);

        Assert.Contains("Dear Taro,", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("* Submit the prototype\n  https://x.example/1\n", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void The_html_body_escapes_model_values_while_the_text_body_keeps_them_literally()
    {
        var model = Digest with { Items = [new DigestMailItem("<script>alert('x')</script> & more", null, "https://cohort.example.jp/a?b=1&c=2")] };

        var mail = Shipped().Render("digest", "ja", model);

        Assert.Contains("■ <script>alert('x')</script> & more\n", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://cohort.example.jp/a?b=1&c=2\n", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; more", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://cohort.example.jp/a?b=1&amp;c=2\"", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ja", "  14:00–15:00\n  オンライン参加：https://teams.example/join/1?a=1&b=2\n", "オンライン参加：<a href=\"https://teams.example/join/1?a=1&amp;b=2\">")]
    [InlineData("en", "  14:00–15:00\n  Join online: https://teams.example/join/1?a=1&b=2\n", "Join online: <a href=\"https://teams.example/join/1?a=1&amp;b=2\">")]
    public void A_showcase_reminder_shows_its_join_link_and_others_show_none(string culture, string text, string html)
    {
        var model = Digest with
        {
            Items =
            [
                new DigestMailItem("「成果発表会」はあと1時間で始まります", "14:00–15:00", "https://cohort.example.jp/s/abc", "https://teams.example/join/1?a=1&b=2"),
                Digest.Items[1],
            ],
        };

        var mail = Shipped().Render("digest", culture, model);

        Assert.Contains(text + "  https://cohort.example.jp/s/abc\n", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(html, mail.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(1, mail.TextBody.Split("teams.example").Length - 1);
    }

    [Fact]
    public void A_missing_template_names_the_file()
    {
        var templates = Custom(("notice.ja.subject.liquid", "件名"));

        var error = Assert.Throws<MailTemplateException>(() => templates.Render("notice", "ja", new { }));

        Assert.Equal("mail/notice.ja.txt.liquid", error.File);
        Assert.Contains("mail/notice.ja.txt.liquid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_Liquid_names_the_file()
    {
        var templates = Custom(("notice.en.subject.liquid", "Hello"), ("notice.en.txt.liquid", "{% for x in items %}never closed"));

        var error = Assert.Throws<MailTemplateException>(() => templates.Render("notice", "en", new { }));

        Assert.Contains("mail/notice.en.txt.liquid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_html_body_is_optional_and_the_subject_is_one_line()
    {
        var templates = Custom(("notice.en.subject.liquid", "Hello\n  {{ name }}\n"), ("notice.en.txt.liquid", "Body for {{ name }}"));

        var mail = templates.Render("notice", "en", new { name = "Hanako" });

        Assert.Equal(new RenderedMail("Hello Hanako", "Body for Hanako", null), mail);
    }

    [Fact]
    public void Templates_are_parsed_once()
    {
        var templates = Custom(("notice.en.subject.liquid", "First"), ("notice.en.txt.liquid", "Body"));
        Assert.Equal("First", templates.Render("notice", "en", new { }).Subject);

        File.WriteAllText(Path.Combine(_root.FullName, "mail", "notice.en.subject.liquid"), "Changed");

        Assert.Equal("First", templates.Render("notice", "en", new { }).Subject);
    }

    [Theory]
    [InlineData("../secrets")]
    [InlineData("Digest")]
    [InlineData("")]
    public void Names_outside_the_mail_folder_are_refused(string name)
    {
        Assert.Throws<ArgumentException>(() => Shipped().Render(name, "en", new { }));
    }
}
