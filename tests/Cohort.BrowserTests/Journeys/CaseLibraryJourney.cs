using Cohort.BrowserTests.Infrastructure;
using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Domain;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Cohort.BrowserTests.Journeys;

/// <summary>
/// A team member writes the team's case from the team page and asks to share it; an organiser approves; an organiser of
/// another city finds it by a Japanese word inside a longer one.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CaseLibraryJourney(BrowserFixture fixture, ITestOutputHelper output)
{
    [SkippableTheory]
    [InlineData("ja")]
    [InlineData("en")]
    public async Task A_case_is_written_shared_with_approval_and_found_by_another_city(string language)
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var app = fixture.App;
        Given.Now(app, new DateOnly(2027, 12, 1), 10);
        var program = await Given.ProgramAsync(app);
        var team = await Given.TeamAsync(app, program, "福祉オンライン申請チーム", "福祉課", "紙の申請書をやさしいオンラインフォームにする");
        var member = await Given.PersonAsync(app, program.Id, InvitedRole.TeamMember, team, "井上 さくら", "sakura.inoue", language);
        var organiser = await Seed.JoinAsync(app, program.Id, InvitedRole.Organizer, name: "田中 一郎");
        var elsewhere = await Seed.ProgramAsync(app, new DateOnly(2027, 4, 1));
        var outsider = await Seed.JoinAsync(app, elsewhere.Id, InvitedRole.Organizer, name: "遠藤 真");
        var title = $"児童手当のオンライン申請書（{language}）";

        string casePage;
        await using (var s = await BrowserSession.StartAsync(fixture, output, "case-writer", language, Device.Desktop))
        {
            var page = s.Page;
            await s.OpenAsync($"/Programs/{program.Id}/Teams/{team}");
            await s.UseLanguageAsync();
            await s.SignInAsync(member, CohortApp.AdminPassword);
            await s.ClickAsync(page.GetByRole(AriaRole.Link, new() { Name = s.T("事例ライブラリにチームの事例を書く", "Write the team's case for the case library") }));
            await s.Field("名称", "Title").FillAsync(title);
            await s.Field("部門分野", "Department area").SelectOptionAsync("childcare");
            await s.Field("課題の種類", "Problem type").SelectOptionAsync("paper-forms");
            await s.Field("使用ツール", "Tool").FillAsync("LoGoフォーム");
            await s.Field("課題（現状）", "The problem (as-is)").FillAsync("紙の申請書の記入漏れが多く、窓口で平均15分かかっていた。");
            await s.Field("解決策（あるべき姿）", "The solution (to-be)").FillAsync("スマートフォンで入力でき、記入漏れをその場で知らせるフォーム。");
            await s.Field("うまくいかなかったことと学び", "What did not work, and what we learned").FillAsync("最初は説明文が長すぎて読まれなかった。短い例を添えると入力ミスが減った。");
            await s.ClickAsync(page.GetByRole(AriaRole.Button, new() { Name = s.T("事例を保存", "Save the case") }));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
            casePage = new Uri(page.Url).AbsolutePath;

            await s.ClickAsync(page.GetByRole(AriaRole.Button, new() { Name = s.T("公開範囲の変更を依頼：全団体で共有", "Ask to make it: Shared with all organisations") }));
            await Expect(page.GetByText(s.T("承認待ち：全団体で共有", "Waiting for approval: Shared with all organisations"))).ToBeVisibleAsync();
            await s.ScreenshotAsync("asked");
            s.Finish();
        }

        await using (var s = await BrowserSession.StartAsync(fixture, output, "case-approver", language, Device.Desktop))
        {
            await s.OpenAsync(casePage);
            await s.UseLanguageAsync();
            await s.SignInAsync(organiser, CohortApp.AdminPassword);
            await s.ClickAsync(s.Page.GetByRole(AriaRole.Button, new() { Name = s.T("承認する：全団体で共有", "Approve: Shared with all organisations") }));
            await Expect(s.Page.GetByRole(AriaRole.Button, new() { Name = s.T("承認する：一般公開", "Approve: Public") })).ToHaveCountAsync(0);
            s.Finish();
        }

        await using (var s = await BrowserSession.StartAsync(fixture, output, "case-reader", language, Device.Desktop))
        {
            var page = s.Page;
            await s.OpenAsync("/Cases");
            await s.UseLanguageAsync();
            await s.SignInAsync(outsider, CohortApp.AdminPassword);
            await s.Field("事例を検索", "Search cases").FillAsync($"申請 {language}");
            await s.ClickAsync(page.GetByRole(AriaRole.Button, new() { Name = s.T("検索", "Search"), Exact = true }));
            await s.ScreenshotAsync("found");
            await s.ClickAsync(page.GetByRole(AriaRole.Link, new() { Name = title }));
            await Expect(page.GetByText("短い例を添えると入力ミスが減った")).ToBeVisibleAsync();
            s.Finish();
        }
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
