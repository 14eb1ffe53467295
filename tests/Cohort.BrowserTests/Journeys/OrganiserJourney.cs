using System.Text;
using Cohort.BrowserTests.Infrastructure;
using Cohort.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Cohort.BrowserTests.Journeys;

/// <summary>
/// The programme office sets up a cohort: an organisation, a programme from the template, teams, participants from
/// a CSV file, a mentor, the showcase, and then reads the dashboard.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OrganiserJourney(BrowserFixture fixture, ITestOutputHelper output)
{
    [SkippableTheory]
    [InlineData("ja")]
    [InlineData("en")]
    public async Task An_organiser_sets_up_a_programme_and_reads_the_dashboard(string language)
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        Given.Now(fixture.App, new DateOnly(2027, 3, 15), 10);
        var city = language == "ja" ? ("みどり市", "Midori City") : ("あおば市", "Aoba City");
        var mentor = (Name: "田中 誠", Affiliation: "DXコンサルティング株式会社", Email: $"tanaka.makoto.{language}@dx-consulting.example.jp");
        await using var s = await BrowserSession.StartAsync(fixture, output, "organiser", language, Device.Desktop);
        var page = s.Page;

        // Sign in with the keyboard alone.
        await s.OpenAsync("/");
        await s.UseLanguageAsync();
        await s.TabToAsync(s.Field("メールアドレス", "E-mail"));
        await s.Keyboard.TypeAsync(CohortApp.AdminEmail);
        await s.Keyboard.PressAsync("Tab");
        await s.Keyboard.TypeAsync(CohortApp.AdminPassword);
        await s.NavigateByAsync(() => s.Keyboard.PressAsync("Enter"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = s.T("研修プログラム", "Programmes"), Level = 1 })).ToBeVisibleAsync();

        // The organisation, with the keyboard alone too: Tab into the form, type, Enter.
        await s.TabToAsync(s.Field("名称（日本語）", "Name (Japanese)"));
        await s.Keyboard.TypeAsync(city.Item1);
        await s.Keyboard.PressAsync("Tab");
        await s.Keyboard.TypeAsync(city.Item2);
        await s.NavigateByAsync(() => s.Keyboard.PressAsync("Enter"));
        var cityName = language == "ja" ? city.Item1 : city.Item2;
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = cityName, Exact = true })).ToBeVisibleAsync();

        // The programme from the two-stage template.
        await s.ClickAsync(page.GetByRole(AriaRole.Link, new() { Name = s.T("テンプレートから研修プログラムを作成", "New programme from a template") }));
        await s.Field("団体", "Organisation").SelectOptionAsync(new SelectOptionValue { Label = cityName });
        await s.Field("テンプレート", "Template").SelectOptionAsync("two-stage-dx");
        var title = s.T("2027年度 DX人材育成研修", "DX training 2027");
        await s.Field("名称", "Title").FillAsync(title);
        await s.Field("開始日", "Start date").FillAsync("2027-04-01");
        await s.ClickAsync(page.GetByRole(AriaRole.Button, new() { Name = s.T("研修プログラムを作成", "Create programme") }));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = s.T("ステージ2：プロトタイプ作成", "Stage 2: Prototype") })).ToBeVisibleAsync();

        // Two teams by hand; the CSV adds people to them and brings a third.
        await s.ClickAsync(page.GetByRole(AriaRole.Link, new() { Name = s.T("チームとメンター", "Teams and mentors") }));
        foreach (var (team, department) in new[] { ("道路公園チーム", "建設課"), ("下水道チーム", "下水道課") })
        {
            await s.Field("チーム名", "Team name").FillAsync(team);
            await s.Field("部署", "Department").FillAsync(department);
            await s.ClickAsync(page.GetByRole(AriaRole.Button, new() { Name = s.T("チームを追加", "Add team") }));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = team, Level = 3 })).ToBeVisibleAsync();
        }

        await s.ClickAsync(page.GetByRole(AriaRole.Link, new() { Name = s.T("研修プログラムに戻る", "Back to the programme") }));
        await s.ClickAsync(page.GetByRole(AriaRole.Link, new() { Name = s.T("受講者", "Participants"), Exact = true }));
        var csv = Path.Combine(fixture.Artifacts.Folder, $"participants-{language}.csv");
        await File.WriteAllTextAsync(csv, ParticipantsCsv(language), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        await s.Field("CSVファイル", "CSV file").SetInputFilesAsync(csv);
        await s.ClickAsync(page.GetByRole(AriaRole.Button, new() { Name = s.T("取り込み", "Import"), Exact = true }));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(s.T("追加 4件", "4 added"));
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "高橋 美咲", Exact = true })).ToBeVisibleAsync();

        // A mentor joins the registry and is assigned to a team.
        await s.ClickAsync(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = s.T("メンター", "Mentors"), Exact = true }));
        await s.Field("名前", "Name").FillAsync(mentor.Name);
        await s.Field("メールアドレス", "E-mail").FillAsync(mentor.Email);
        await s.Field("所属", "Affiliation").FillAsync(mentor.Affiliation);
        await s.ClickAsync(page.GetByRole(AriaRole.Button, new() { Name = s.T("登録", "Register"), Exact = true }));
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = mentor.Email, Exact = true })).ToBeVisibleAsync();
        await s.ClickAsync(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = s.T("研修プログラム", "Programmes"), Exact = true }));
        await s.ClickAsync(page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }));
        await s.ClickAsync(page.GetByRole(AriaRole.Link, new() { Name = s.T("チームとメンター", "Teams and mentors") }));
        var roads = page.GetByRole(AriaRole.Region, new() { Name = "道路公園チーム" });
        await s.Field("メンターの割り当て", "Assign a mentor", roads).SelectOptionAsync(new SelectOptionValue { Label = $"{mentor.Name} ({mentor.Affiliation})" });
        await s.ClickAsync(roads.GetByRole(AriaRole.Button, new() { Name = s.T("割り当て", "Assign"), Exact = true }));
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "道路公園チーム" })).ToContainTextAsync(mentor.Name);
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "福祉オンライン申請チーム" })).ToContainTextAsync("高橋 美咲");

        // The showcase day.
        await s.ClickAsync(page.GetByRole(AriaRole.Link, new() { Name = s.T("研修プログラムに戻る", "Back to the programme") }));
        await s.ClickAsync(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = s.T("成果発表会", "Showcases"), Exact = true }));
        await s.Field("名称", "Title").FillAsync(s.T("2027年度 成果発表会", "Showcase 2027"));
        await s.Field("実施日", "Date").FillAsync("2027-09-10");
        await s.Field("開始時刻", "Start time").FillAsync("13:30");
        await s.Field("終了時刻", "End time").FillAsync("15:30");
        await s.Field("会議の参加リンク", "Meeting join url").FillAsync("https://teams.microsoft.com/l/meetup-join/midori-showcase");
        await s.Field("1チームの発表時間（分）", "Slot minutes").FillAsync("15");
        await s.ClickAsync(page.GetByRole(AriaRole.Button, new() { Name = s.T("予定する", "Schedule"), Exact = true }));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = s.T("2027年度 成果発表会", "Showcase 2027"), Level = 1 })).ToBeVisibleAsync();
        var agenda = page.GetByRole(AriaRole.Table);
        foreach (var team in new[] { "下水道チーム", "福祉オンライン申請チーム", "道路公園チーム" })
        {
            await Expect(agenda).ToContainTextAsync(team);
        }

        await Expect(agenda).ToContainTextAsync("13:30–13:50");
        await s.ScreenshotAsync("showcase");

        // The dashboard.
        await s.ClickAsync(page.GetByRole(AriaRole.Link, new() { Name = "← " + s.T("成果発表会", "Showcases"), Exact = true }));
        await s.ClickAsync(page.GetByRole(AriaRole.Link, new() { Name = s.T("研修プログラムに戻る", "Back to the programme") }));
        await s.ClickAsync(page.GetByRole(AriaRole.Link, new() { Name = s.T("チーム状況ダッシュボード", "Team dashboard") }));
        var rows = page.GetByRole(AriaRole.Table).First.GetByRole(AriaRole.Row);
        await Expect(rows).ToHaveCountAsync(4);
        await Expect(rows.Filter(new() { HasText = "道路公園チーム" })).ToContainTextAsync(mentor.Name);
        var dashboard = await s.ScreenshotAsync("dashboard");
        if (language == "ja")
        {
            output.WriteLine($"docs copy: {Artifacts.PublishToDocs(dashboard, "organiser-dashboard.png") ?? "(set COHORT_UPDATE_SCREENSHOTS=1)"}");
        }

        s.Finish();
    }

    private static string ParticipantsCsv(string language) =>
        (language == "ja" ? "氏名,メールアドレス,部署,チーム\n" : "name,email,department,team\n") +
        "山田 花子,hanako.yamada@midori.example.jp,建設課,道路公園チーム\n" +
        "佐藤 健,ken.sato@midori.example.jp,建設課,道路公園チーム\n" +
        "鈴木 一郎,ichiro.suzuki@midori.example.jp,下水道課,下水道チーム\n" +
        "高橋 美咲,misaki.takahashi@midori.example.jp,福祉課,福祉オンライン申請チーム\n";

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
