using System.Text;
using Cohort.BrowserTests.Infrastructure;
using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Domain;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Cohort.BrowserTests.Journeys;

/// <summary>
/// A participant answers the pre-programme self-assessment on a smartphone; the organiser imports the e-learning
/// platform's activity export with the column-mapping step and reads the learning analytics.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LearnerJourney(BrowserFixture fixture, ITestOutputHelper output)
{
    [SkippableTheory]
    [InlineData("ja")]
    [InlineData("en")]
    public async Task A_participant_rates_their_skills_and_the_organiser_reads_the_learning_analytics(string language)
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var app = fixture.App;
        // The programme starts on 1 April 2027; its pre-programme self-assessment is due a few working days later.
        Given.Now(app, new DateOnly(2027, 4, 5), 10);
        var program = await Given.ProgramAsync(app);
        var team = await Given.TeamAsync(app, program, "福祉オンライン申請チーム", "福祉課", "紙の申請書を、スマートフォンでも迷わず書けるオンライン申請に置き換える");
        var member = await Given.PersonAsync(app, program.Id, InvitedRole.TeamMember, team, "佐々木 陽子", "yoko.sasaki", language);

        await using (var s = await BrowserSession.StartAsync(fixture, output, "learner", language, Device.Phone))
        {
            var page = s.Page;
            await s.OpenAsync("/");
            await s.UseLanguageAsync();
            await s.SignInAsync(member, CohortApp.AdminPassword);
            await s.ClickAsync(page.GetByRole(AriaRole.Link, new() { Name = program.Title, Exact = true }));
            await s.ClickAsync(page.GetByRole(AriaRole.Link, new() { Name = s.T("わたしの自己評価", "My self-assessment"), Exact = true }));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = s.T("わたしの自己評価", "My self-assessment"), Level = 1 })).ToBeVisibleAsync();

            // Sending with a statement left out keeps every answer given and says which one is missing.
            var statements = page.GetByRole(AriaRole.Group);
            var count = await statements.CountAsync();
            Assert.True(count >= 20, $"expected the framework's statements, found {count} groups");
            for (var i = 1; i < count; i++)
            {
                await statements.Nth(i).GetByRole(AriaRole.Radio).Nth(1 + (i % 3)).CheckAsync();
            }

            await s.Field("この研修で身につけたいこと・職場で変えたいことを書いてください。", "What do you want to learn in this programme, and what do you want to change at work?")
                .FillAsync("申請の受付を紙からオンラインに変え、窓口の待ち時間を減らしたい。");
            await s.ClickAsync(page.GetByRole(AriaRole.Button, new() { Name = s.T("回答を保存する", "Save my answers"), Exact = true }));
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(s.T("保存されていません", "Nothing was saved"));
            await Expect(statements.First).ToContainTextAsync(s.T("この項目を評価してください。", "Rate this statement."));
            await Expect(statements.Nth(1).GetByRole(AriaRole.Radio).Nth(2)).ToBeCheckedAsync();

            await statements.First.GetByRole(AriaRole.Radio).Nth(2).CheckAsync();
            await s.ClickAsync(page.GetByRole(AriaRole.Button, new() { Name = s.T("回答を保存する", "Save my answers"), Exact = true }));
            await Expect(page.GetByText(s.T("自己評価を保存しました。", "Your self-assessment is saved."))).ToBeVisibleAsync();
            await Expect(page.GetByText(s.T("回答済み", "Answered")).First).ToBeVisibleAsync();
            await s.ScreenshotAsync("self-assessment");
            s.Finish();
        }

        // The organiser brings in the e-learning platform's export and reads the analytics.
        await using (var s = await BrowserSession.StartAsync(fixture, output, "learning-organiser", language, Device.Desktop))
        {
            var page = s.Page;
            await s.OpenAsync("/");
            await s.UseLanguageAsync();
            await s.SignInAsync(CohortApp.AdminEmail, CohortApp.AdminPassword);
            await s.ClickAsync(page.GetByRole(AriaRole.Link, new() { Name = program.Title, Exact = true }));
            await s.ClickAsync(page.GetByRole(AriaRole.Link, new() { Name = s.T("学習分析", "Learning analytics"), Exact = true }));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = s.T("学習分析", "Learning analytics"), Level = 1 })).ToBeVisibleAsync();
            await s.ClickAsync(page.GetByRole(AriaRole.Link, new() { Name = s.T("学習履歴の取り込み", "Import learning activity"), Exact = true }));

            var csv = Path.Combine(fixture.Artifacts.Folder, $"elearning-{language}.csv");
            await File.WriteAllTextAsync(csv, ActivityCsv(member), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            await s.Field("CSVファイル（UTF-8またはShift_JIS、2MBまで）", "CSV file (UTF-8 or Shift_JIS, at most 2 MB)").SetInputFilesAsync(csv);
            await s.ClickAsync(page.GetByRole(AriaRole.Button, new() { Name = s.T("次へ：列を確認する", "Next: check the columns"), Exact = true }));

            // The columns are suggested from the platform's Japanese headings.
            await Expect(s.Field("学習者のメールアドレス", "Learner's e-mail address")).ToHaveValueAsync("ユーザーID(メール)");
            await Expect(s.Field("学習時間（分）", "Minutes spent")).ToHaveValueAsync("学習時間");
            await s.ClickAsync(page.GetByRole(AriaRole.Button, new() { Name = s.T("取り込み", "Import"), Exact = true }));
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(s.T("3行を追加", "3 rows added"));
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("someone.else@example.jp");

            await s.ClickAsync(page.GetByRole(AriaRole.Link, new() { Name = "← " + s.T("学習分析", "Learning analytics"), Exact = true }));
            await Expect(page.GetByText(s.T("受講者 1人・事前回答 1人", "1 participants · 1 answered before"))).ToBeVisibleAsync();
            // One learner is fewer than five: the courses are listed, their numbers are not.
            await Expect(page.GetByRole(AriaRole.Img, new() { Name = s.T("コースごとの学習者数", "Learners per course") })).ToContainTextAsync(s.T("5人未満", "fewer than 5"));
            await s.ScreenshotAsync("analytics");
            s.Finish();
        }
    }

    private static string ActivityCsv(string member) =>
        "ユーザーID(メール),コース名,カテゴリ,学習時間,受講日,修了状況,利用端末\n" +
        $"{member},DX基礎講座,DX基礎,45,2027/4/2,修了,PC\n" +
        $"{member},データ活用入門,データ活用,1:30,2027/4/3 20:15,未修了,iPhone\n" +
        $"{member},kintone入門,ローコード,30分,2027-04-04,完了,スマートフォン\n" +
        "someone.else@example.jp,DX基礎講座,DX基礎,45,2027/4/2,修了,PC\n";

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
