using System.Text.RegularExpressions;
using Cohort.BrowserTests.Infrastructure;
using Cohort.Web.Domain;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Cohort.BrowserTests.Journeys;

/// <summary>
/// A mentor records two check-ins with a team (the second decides what happens to the first one's action item) and
/// reviews a document the team handed in, against the rubric.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class MentorJourney(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string ItemTitle = "不具合報告の様式を1枚にまとめる";

    [SkippableTheory]
    [InlineData("ja")]
    [InlineData("en")]
    public async Task A_mentor_records_two_check_ins_and_reviews_a_submission(string language)
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var app = fixture.App;
        Given.Now(app, new DateOnly(2027, 5, 10), 10);
        var program = await Given.ProgramAsync(app);
        var team = await Given.TeamAsync(app, program, "下水道チーム", "下水道課", "約8,000件の管路施設台帳と、維持管理業者からの不具合報告を一つのデータベースにまとめる");
        var member = await Given.PersonAsync(app, program.Id, InvitedRole.TeamMember, team, "鈴木 一郎", "ichiro.suzuki", language);
        var mentor = await Given.PersonAsync(app, program.Id, InvitedRole.Mentor, team, "田中 誠", "makoto.tanaka", language);
        await Given.SubmittedDocumentAsync(app, program, team, member, "現状分析シート（下水道台帳）");

        await using var s = await BrowserSession.StartAsync(fixture, output, "mentor", language, Device.Desktop);
        var page = s.Page;
        await s.OpenAsync("/");
        await s.UseLanguageAsync();
        await s.SignInAsync(mentor, Cohort.IntegrationTests.Infrastructure.CohortApp.AdminPassword);
        await s.ClickAsync(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = s.T("メンタリング", "Mentoring") }));
        await s.ClickAsync(page.GetByRole(AriaRole.Link, new() { Name = "下水道チーム", Exact = true }));

        // First check-in: notes and one action item for a team member.
        await s.ClickAsync(page.GetByRole(AriaRole.Link, new() { Name = s.T("チェックインを記録", "Record a check-in") }));
        await s.Field("所要時間（分）", "Duration (minutes)").FillAsync("45");
        // Choices that name an enum value are picked by value: their English labels still show the resource key.
        await s.Field("実施形式", "Format").SelectOptionAsync(new SelectOptionValue { Value = "Online" });
        await s.Field("出席者", "Attendees").FillAsync("鈴木 一郎、下水道課 係長");
        await s.Field("チームと共有するメモ（Markdown）", "Notes shared with the team (Markdown)")
            .FillAsync("台帳の項目と不具合報告の様式を確認しました。\n\n- 台帳は Excel で約8,000行\n- 報告は FAX とメールが混在");
        var newItem = page.GetByRole(AriaRole.Group, new() { Name = s.T("アクションアイテム 1", "Action item 1"), Exact = true });
        await s.Field("やること", "What needs doing", newItem).FillAsync(ItemTitle);
        await s.Field("担当", "Owner", newItem).SelectOptionAsync(new SelectOptionValue { Label = "鈴木 一郎" });
        await s.Field("期限", "Due date", newItem).FillAsync("2027-05-21");
        await s.ClickAsync(page.GetByRole(AriaRole.Button, new() { Name = s.T("チェックインを保存", "Save check-in") }));
        var openItems = page.GetByRole(AriaRole.Region, new() { Name = s.T("未完了のアクションアイテム", "Open action items") });
        await Expect(openItems).ToContainTextAsync(ItemTitle);

        // Two weeks later the item is overdue: the second check-in carries it over to a new date.
        Given.Now(app, new DateOnly(2027, 5, 24), 10);
        await s.ClickAsync(page.GetByRole(AriaRole.Link, new() { Name = s.T("チェックインを記録", "Record a check-in") }));
        var decision = page.GetByRole(AriaRole.Group, new() { Name = ItemTitle });
        await decision.Locator("input[type=radio][value=CarryOver]").CheckAsync();
        await s.Field("新しい期限（継続する場合）", "New due date (when carried over)", decision).FillAsync("2027-06-04");
        await s.Field("メモ（実施内容、または取りやめる理由）", "Note (what was done, or why it is dropped)", decision).FillAsync("様式案はできた。委託業者の確認待ち");
        await s.Field("チームと共有するメモ（Markdown）", "Notes shared with the team (Markdown)").FillAsync("様式案を確認しました。業者ヒアリングの後に確定します。");
        await s.Field("チームの状態", "Team health").SelectOptionAsync(new SelectOptionValue { Value = "AtRisk" });
        await s.Field("理由（注意・要支援の場合は必須）", "Why (required when at risk or needing help)").FillAsync("業者ヒアリングの日程が未定");
        await s.ClickAsync(page.GetByRole(AriaRole.Button, new() { Name = s.T("チェックインを保存", "Save check-in") }));
        openItems = page.GetByRole(AriaRole.Region, new() { Name = s.T("未完了のアクションアイテム", "Open action items") });
        await Expect(openItems).ToContainTextAsync(s.T("1回継続", "carried over 1×"));
        var history = page.GetByRole(AriaRole.Region, new() { Name = s.T("これまでの経過", "History") });
        await Expect(history).ToContainTextAsync("台帳の項目と不具合報告の様式を確認しました。");
        await Expect(history).ToContainTextAsync("様式案を確認しました。業者ヒアリングの後に確定します。");
        await s.ScreenshotAsync("team-after-check-ins");

        // The review, with the keyboard alone: a score per criterion, the decision, the comment, Enter.
        // The team page lists deliverables by their Japanese name in English too (for now): either name will do.
        await s.ClickAsync(page.GetByRole(AriaRole.Link, new() { NameRegex = AsIsAnalysis() }));
        var scores = page.GetByLabel(s.Language == "ja" ? ScoreJa() : ScoreEn());
        var criteria = await scores.CountAsync();
        Assert.True(criteria >= 3, $"expected the stage's rubric on the review form, found {criteria} score fields");
        for (var i = 0; i < criteria; i++)
        {
            await s.TabToAsync(scores.Nth(i));
            await s.Keyboard.PressAsync(i == 0 ? "2" : "3");
        }

        await s.Keyboard.PressAsync("Tab");
        await s.Keyboard.TypeAsync("件数の根拠を追記してください");
        await s.TabToAsync(page.Locator("input[type=radio][value=Return]"));
        await s.Keyboard.PressAsync("Space");
        await s.TabToAsync(s.Field("チームへのコメント（差し戻す場合は必須）", "Comment to the team (required when returning)"));
        await s.Keyboard.TypeAsync("よくまとまっています。年間の不具合報告件数の出典を追記してください。");
        await s.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = s.T("レビューを保存", "Save review") })).ToBeFocusedAsync();
        await s.NavigateByAsync(() => s.Keyboard.PressAsync("Enter"));
        var version = page.GetByRole(AriaRole.Heading, new() { Name = s.T("第1版", "Version 1") });
        await Expect(version).ToBeVisibleAsync();
        await Expect(page.GetByText("年間の不具合報告件数の出典を追記してください。")).ToBeVisibleAsync();
        await Expect(page.GetByText("件数の根拠を追記してください")).ToBeVisibleAsync();
        await s.ScreenshotAsync("review");
        s.Finish();
    }

    [GeneratedRegex("^(現状分析シート|As-is analysis sheet)$")]
    private static partial Regex AsIsAnalysis();

    [GeneratedRegex("^評価（1〜\\d+）$")]
    private static partial Regex ScoreJa();

    [GeneratedRegex("^Score \\(1–\\d+\\)$")]
    private static partial Regex ScoreEn();

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
