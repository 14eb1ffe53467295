using System.Text.RegularExpressions;
using Cohort.BrowserTests.Infrastructure;
using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Domain;
using Cohort.Web.Domain.Templates;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Cohort.BrowserTests.Journeys;

/// <summary>
/// A team member, on a smartphone, hands in the team's first prototype with its personal-data declaration, and
/// answers the mentor's review.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class TeamMemberJourney(BrowserFixture fixture, ITestOutputHelper output)
{
    [SkippableTheory]
    [InlineData("ja")]
    [InlineData("en")]
    public async Task A_team_member_submits_a_prototype_on_a_phone_and_answers_the_review(string language)
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var app = fixture.App;
        Given.Now(app, new DateOnly(2027, 6, 21), 10);
        var program = await Given.ProgramAsync(app);
        var team = await Given.TeamAsync(app, program, "道路公園チーム", "建設課", "道路や公園への市民の要望を一つの窓口で受け付け、係ごとの対応と決裁までを見える化する");
        var member = await Given.PersonAsync(app, program.Id, InvitedRole.TeamMember, team, "山田 花子", "hanako.yamada", language);
        var mentor = await Given.PersonAsync(app, program.Id, InvitedRole.Mentor, team, "加藤 健二", "kenji.kato", language);
        await Given.OpenStageAsync(app, program, team, stageIndex: 1);
        var prototype = program.Stages[1].Milestones.First(m => m.Deliverable == DeliverableType.Prototype);

        await using var s = await BrowserSession.StartAsync(fixture, output, "team-member", language, Device.Phone);
        var page = s.Page;
        await s.OpenAsync("/");
        await s.UseLanguageAsync();
        await s.SignInAsync(member, CohortApp.AdminPassword);
        await s.ClickAsync(page.GetByRole(AriaRole.Link, new() { Name = program.Title, Exact = true }));
        await s.ClickAsync(page.GetByRole(AriaRole.Link, new() { Name = "道路公園チーム", Exact = true }));

        // The prototype, with the declaration whether real personal data is inside.
        await s.ClickAsync(page.GetByRole(AriaRole.Link, new() { NameRegex = FirstPrototype() }));
        await s.Field("名称", "Title").FillAsync("道路・公園 要望受付アプリ 初版");
        await s.Field("説明（Markdown）", "Description (Markdown)").FillAsync("市民の要望をスマートフォンから受け付け、**担当係に自動で振り分け**ます。");
        await s.Field("リンク（1行に1つ）", "Links (one per line)").FillAsync("https://midori.kintone.example/k/12/");
        await s.Field("プロトタイプでできること", "What the prototype does").FillAsync("写真と位置つきの要望の受付、係への振り分け、対応状況の一覧");
        await s.Field("誰が試し、どんな意見があったか", "Who tried it and what they said").FillAsync("道路維持係の3名が試行。「地図から場所を選べると早い」との意見");
        await s.Field("使用ツール", "Tool").FillAsync("kintone");
        await page.GetByRole(AriaRole.Radio, new() { Name = s.T("はい", "Yes"), Exact = true }).CheckAsync();
        await s.Field("「はい」の場合: どのデータを、なぜ含むか", "If yes: which data, and why").FillAsync("要望者の氏名と電話番号。折り返し連絡に使うため（試行は職員のみ）");
        await s.ClickAsync(page.GetByRole(AriaRole.Button, new() { Name = s.T("下書きを保存", "Save draft") }));
        await s.ClickAsync(page.GetByRole(AriaRole.Button, new() { Name = s.T("この版を提出する", "Submit this version") }));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = s.T("第1版", "Version 1") })).ToContainTextAsync("道路・公園 要望受付アプリ 初版");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = s.T("この版を提出する", "Submit this version") })).ToHaveCountAsync(0);
        await Expect(page.GetByText(s.T("実際の個人情報を含みます", "Contains real personal data"))).ToContainTextAsync("要望者の氏名と電話番号");
        await s.ScreenshotAsync("submitted");

        // The mentor returns it with a comment; the member answers with the keyboard alone.
        await Given.ReturnedForChangesAsync(app, program, team, prototype.Id, mentor, "画面の文字をもう少し大きくすると、現場でも使いやすくなります。");
        await s.NavigateByAsync(() => page.ReloadAsync());
        await Expect(page.GetByText("画面の文字をもう少し大きくすると、現場でも使いやすくなります。")).ToBeVisibleAsync();
        await s.TabToAsync(s.Field("レビューへの返答", "Answer the review"), maxTabs: 80);
        await s.Keyboard.TypeAsync("ありがとうございます。文字を大きくし、地図から場所を選べるようにします。");
        await s.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = s.T("送信", "Send"), Exact = true })).ToBeFocusedAsync();
        await s.NavigateByAsync(() => s.Keyboard.PressAsync("Enter"));
        await Expect(page.GetByText(s.T("チームの返答", "Team's answer"))).ToBeVisibleAsync();
        await Expect(page.GetByText("文字を大きくし、地図から場所を選べるようにします。", new() { Exact = false })).ToBeVisibleAsync();

        // The team page, as the phone shows it.
        await s.ClickAsync(page.GetByRole(AriaRole.Link, new() { Name = "← " + s.T("チームに戻る", "Back to the team"), Exact = true }));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "道路公園チーム", Level = 1 })).ToBeVisibleAsync();
        await s.ScreenshotAsync("team");
        var phone = await s.ScreenshotAsync("team-css-pixels", cssPixels: true);
        if (language == "ja")
        {
            output.WriteLine($"docs copy: {Artifacts.PublishToDocs(phone, "team-page-phone.png") ?? "(set COHORT_UPDATE_SCREENSHOTS=1)"}");
        }

        s.Finish();
    }

    [GeneratedRegex("^(プロトタイプ初版|First prototype)$")]
    private static partial Regex FirstPrototype();

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
