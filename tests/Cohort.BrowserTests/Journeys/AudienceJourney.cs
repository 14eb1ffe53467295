using System.Text.RegularExpressions;
using Cohort.BrowserTests.Infrastructure;
using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Domain;
using Cohort.Web.Features.Showcases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Cohort.BrowserTests.Journeys;

/// <summary>
/// During the showcase the organiser puts a presentation's QR code on the shared screen; someone in the audience,
/// with no account, opens its link on a phone, rates the presentation and leaves a comment, with the keyboard alone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AudienceJourney(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string Comment = "地図から場所を選べるのが便利そうです。高齢の方にも使えますか？";

    [SkippableTheory]
    [InlineData("ja")]
    [InlineData("en")]
    public async Task Someone_in_the_audience_gives_feedback_through_the_QR_link_without_an_account(string language)
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var app = fixture.App;
        Given.Now(app, new DateOnly(2027, 9, 10), 13, 40);
        var program = await Given.ProgramAsync(app);
        await Given.TeamAsync(app, program, "道路公園チーム", "建設課", "道路や公園への市民の要望を一つの窓口で受け付ける");
        await Given.TeamAsync(app, program, "福祉オンライン申請チーム", "福祉課", "紙の申請書をやさしいオンラインフォームにする");
        var showcaseId = await app.SendAsync(new ScheduleShowcase.Command(program.Id, "2027年度 成果発表会", null, new DateOnly(2027, 9, 10),
            new TimeOnly(13, 30), new TimeOnly(15, 0), ShowcaseFormat.Online, null, null, "https://teams.microsoft.com/l/meetup-join/midori-showcase"));

        // The organiser opens the presentation's QR code for the shared screen.
        string link;
        await using (var screen = await BrowserSession.StartAsync(fixture, output, "audience-screen", language, Device.Desktop))
        {
            await screen.OpenAsync($"/Programs/{program.Id}/Showcases/{showcaseId}");
            await screen.UseLanguageAsync();
            await screen.SignInAsync(CohortApp.AdminEmail, CohortApp.AdminPassword);
            var slot = screen.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "道路公園チーム" });
            await screen.ClickAsync(slot.GetByRole(AriaRole.Link, new() { Name = screen.T("画面表示用QRコード", "QR code for the screen") }));
            await Assertions.Expect(screen.Page.GetByRole(AriaRole.Img, new() { NameRegex = FeedbackLink() })).ToBeVisibleAsync();
            link = (await screen.Page.GetByText(FeedbackLink()).TextContentAsync())!.Trim();
            await screen.ScreenshotAsync("qr");
            screen.Finish();
        }

        // Someone in the audience follows it on a phone, without an account.
        await using var s = await BrowserSession.StartAsync(fixture, output, "audience", language, Device.Phone);
        var page = s.Page;
        await s.OpenAsync(link);
        await s.UseLanguageAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = s.T("道路公園チームへのフィードバック", "Feedback for 道路公園チーム"), Level = 1 })).ToBeVisibleAsync();

        // Keyboard alone: Tab into each rating, Space to choose, arrows to move; Tab to the comment; Enter sends.
        var criteria = page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Group);
        var count = await criteria.CountAsync();
        Assert.True(count >= 3, $"expected the rubric's criteria on the feedback form, found {count}");
        var chosen = new List<int>();
        await s.TabToAsync(criteria.First.GetByRole(AriaRole.Radio).First);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                await s.Keyboard.PressAsync("Tab");
            }

            await Expect(criteria.Nth(i).GetByRole(AriaRole.Radio).First).ToBeFocusedAsync();
            await s.Keyboard.PressAsync("Space");
            var steps = i % 2 == 0 ? 3 : 2;
            for (var step = 0; step < steps; step++)
            {
                await s.Keyboard.PressAsync("ArrowRight");
            }

            chosen.Add(1 + steps);
        }

        await s.Keyboard.PressAsync("Tab");
        await Expect(s.Field("チームへの質問・コメント", "A question or comment for the team")).ToBeFocusedAsync();
        await s.Keyboard.TypeAsync(Comment);
        await s.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = s.T("送信", "Send"), Exact = true })).ToBeFocusedAsync();
        await s.NavigateByAsync(() => s.Keyboard.PressAsync("Enter"));
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(s.T("フィードバックをありがとうございました！", "Thank you for your feedback!"));
        await s.ScreenshotAsync("thanks", cssPixels: true);

        var answer = await app.QueryDbAsync(db => db.AudienceFeedback.Include(f => f.Scores).SingleAsync(f => f.ShowcaseId == showcaseId));
        Assert.Equal(Comment, answer.Comment);
        Assert.Equal(chosen.Order(), answer.Scores.Select(x => x.Score).Order());
        s.Finish();
    }

    // Slashes escaped: the pattern travels to the browser as a JavaScript regular expression literal.
    [GeneratedRegex("\\/f\\/[0-9A-Za-z_-]+")]
    private static partial Regex FeedbackLink();

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
