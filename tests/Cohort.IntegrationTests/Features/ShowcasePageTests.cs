using System.Net;
using System.Text.RegularExpressions;
using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Domain;
using Cohort.Web.Features.Teams;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Cohort.IntegrationTests.Features;

/// <summary>The showcase through the pages: schedule, rearrange, judges, the public agenda, audience feedback, judging and results.</summary>
public sealed partial class ShowcasePageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task An_organiser_runs_a_showcase_from_agenda_to_results_through_the_pages()
    {
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 6, 1, 10, 0, 0, TimeSpan.FromHours(9)));
        var program = await Seed.ProgramAsync(app, new DateOnly(2027, 4, 1));
        var a = await app.SendAsync(new CreateTeam.Command(program.Id, "道路公園チーム", "建設課", null));
        await app.SendAsync(new CreateTeam.Command(program.Id, "下水道チーム", "下水道課", null));
        var member = await app.SignedInBrowserAsync(await Seed.JoinAsync(app, program.Id, InvitedRole.TeamMember, a));
        var judgeEmail = (await app.UserAsync($"judge-{Guid.NewGuid():N}@city.example.jp")).Email!;
        var organiser = await app.SignedInBrowserAsync();
        var list = $"/Programs/{program.Id}/Showcases";

        // Bad input: the form comes back with the errors and what was typed.
        var bad = await CohortApp.PostFormAsync(organiser, list, new()
        {
            ["Input.Title"] = "成果発表会", ["Input.Date"] = "2027-06-10", ["Input.StartTime"] = "16:00", ["Input.EndTime"] = "14:00",
            ["Input.Format"] = "Online", ["Input.SlotMinutes"] = "10", ["Input.QaMinutes"] = "5", ["Input.GuestEmails"] = "mayor@city.example.jp",
        });
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("field-error", badHtml, StringComparison.Ordinal);
        Assert.Contains("mayor@city.example.jp", badHtml, StringComparison.Ordinal);
        Assert.Empty(await app.QueryDbAsync(db => db.Showcases.Where(s => s.ProgramId == program.Id).ToListAsync()));

        var created = await CohortApp.PostFormAsync(organiser, list, new()
        {
            ["Input.Title"] = "成果発表会", ["Input.Date"] = "2027-06-10", ["Input.StartTime"] = "14:00", ["Input.EndTime"] = "15:00",
            ["Input.Format"] = "Online", ["Input.SlotMinutes"] = "10", ["Input.QaMinutes"] = "5", ["Input.MeetingJoinUrl"] = "https://teams.microsoft.com/l/meetup-join/x",
            ["Input.InviteParticipants"] = "true", ["Input.InviteMentors"] = "true", ["Input.InviteOrganizers"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = created.Headers.Location!.ToString();
        var html = await organiser.GetStringAsync(page);
        Assert.Matches("14:00–14:15[\\s\\S]*下水道チーム[\\s\\S]*14:15–14:30[\\s\\S]*道路公園チーム", html);
        Assert.Contains("https://teams.microsoft.com/l/meetup-join/x", html, StringComparison.Ordinal);

        // Move the second team (teams start in name order) up; add a break; add a judge.
        var showcase = await app.QueryDbAsync(db => db.Showcases.Include(s => s.Slots).SingleAsync(s => s.ProgramId == program.Id));
        var second = showcase.Slots.Single(s => s.Order == 2);
        Assert.Equal(HttpStatusCode.Redirect, (await CohortApp.PostFormAsync(organiser, page, new(), handler: $"Move&slotId={second.Id}&position=1")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await CohortApp.PostFormAsync(organiser, page, new() { ["Slot.TeamId"] = "", ["Slot.Title"] = "休憩", ["Slot.Minutes"] = "10", ["Slot.QaMinutes"] = "0" }, handler: "AddSlot")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await CohortApp.PostFormAsync(organiser, page, new() { ["Judge.Email"] = judgeEmail }, handler: "AddJudge")).StatusCode);
        var missingJudge = await CohortApp.PostFormAsync(organiser, page, new() { ["Judge.Email"] = "nobody@city.example.jp" }, handler: "AddJudge");
        Assert.Contains("field-error", await missingJudge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        html = await organiser.GetStringAsync(page);
        Assert.Matches("14:00–14:15[\\s\\S]*道路公園チーム[\\s\\S]*14:15–14:30[\\s\\S]*下水道チーム[\\s\\S]*14:30–14:40[\\s\\S]*休憩", html);
        Assert.Contains(judgeEmail, html, StringComparison.Ordinal);

        // A team member reads the agenda but cannot change it.
        var memberHtml = await member.GetStringAsync(page);
        Assert.DoesNotContain("handler=Move", memberHtml, StringComparison.Ordinal);
        var token = Regex.Match(await member.GetStringAsync("/Profile/Tokens"), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var forged = await member.PostAsync($"{page}?handler=Move&slotId={second.Id}&position=2",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal("/Account/Denied", forged.Headers.Location!.AbsolutePath);
        Assert.Equal(1, await app.QueryDbAsync(db => db.ShowcaseSlots.Where(s => s.Id == second.Id).Select(s => s.Order).SingleAsync()));
        Assert.Equal("/Account/Denied", (await member.GetAsync(page + "/Results")).Headers.Location!.AbsolutePath);

        // The QR page for the screen, the public agenda and the feedback form need no account.
        var slotA = showcase.Slots.Single(s => s.TeamId == a);
        var qr = await organiser.GetStringAsync($"{page}/Slots/{slotA.Id}/Qr");
        Assert.Contains("<svg", qr, StringComparison.Ordinal);
        Assert.Contains($"/f/{slotA.FeedbackKey}", qr, StringComparison.Ordinal);
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var agenda = await anonymous.GetStringAsync($"/s/{showcase.PublicKey}");
        Assert.Contains("道路公園チーム", agenda, StringComparison.Ordinal);
        Assert.Contains($"/f/{slotA.FeedbackKey}", agenda, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/s/0000000000000000")).StatusCode);
        Assert.Contains("受付期間外", await anonymous.GetStringAsync($"/f/{slotA.FeedbackKey}"), StringComparison.Ordinal);

        app.Clock.SetUtcNow(new DateTimeOffset(2027, 6, 10, 14, 20, 0, TimeSpan.FromHours(9)));
        var form = await anonymous.GetStringAsync($"/f/{slotA.FeedbackKey}");
        var criteria = CriterionField().Matches(form).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        Assert.Equal(4, criteria.Count);
        var fields = criteria.ToDictionary(c => $"Input.Ratings[{c.Item1}].CriterionId", c => c.Item2);
        fields["Input.Ratings[0].Score"] = "9";
        var invalid = await CohortApp.PostFormAsync(anonymous, $"/f/{slotA.FeedbackKey}", new(fields) { ["Input.Comment"] = "入口が一つで分かりやすい" });
        var invalidHtml = await invalid.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Contains("入口が一つで分かりやすい", invalidHtml, StringComparison.Ordinal);
        fields["Input.Ratings[0].Score"] = "4";
        fields["Input.Ratings[1].Score"] = "3";
        var sent = await CohortApp.PostFormAsync(anonymous, $"/f/{slotA.FeedbackKey}", new(fields) { ["Input.Comment"] = "入口が一つで分かりやすい" });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        // The same device again replaces its answer.
        await CohortApp.PostFormAsync(anonymous, $"/f/{slotA.FeedbackKey}", new(fields) { ["Input.Comment"] = "入口が一つで分かりやすい！" });
        var answers = await app.QueryDbAsync(db => db.AudienceFeedback.Where(f => f.SlotId == slotA.Id).ToListAsync());
        Assert.Equal("入口が一つで分かりやすい！", Assert.Single(answers).Comment);

        // The judge scores through the judging page, linked from the home page.
        var judge = await app.SignedInBrowserAsync(judgeEmail);
        Assert.Contains($"/Judging/{showcase.Id}", await judge.GetStringAsync("/"), StringComparison.Ordinal);
        var sheet = $"/Judging/{showcase.Id}";
        var judgeFields = criteria.ToDictionary(c => $"Input.Ratings[{c.Item1}].CriterionId", c => c.Item2);
        for (var i = 0; i < criteria.Count; i++)
        {
            judgeFields[$"Input.Ratings[{i}].Score"] = "4";
        }

        judgeFields["Input.SlotId"] = slotA.Id.ToString();
        judgeFields["Input.Comment"] = "業務理解が深い";
        Assert.Equal(HttpStatusCode.Redirect, (await CohortApp.PostFormAsync(judge, sheet, judgeFields)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync(sheet)).StatusCode);

        // Results: totals, the hidden comment, the published summary on the public agenda.
        var results = await organiser.GetStringAsync(page + "/Results");
        Assert.Contains("業務理解が深い", results, StringComparison.Ordinal);
        Assert.Contains("入口が一つで分かりやすい！", results, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await CohortApp.PostFormAsync(organiser, page + "/Results", new() { ["Input.Summary"] = "**最優秀賞** 道路公園チーム", ["Input.Publish"] = "true" })).StatusCode);
        Assert.Contains("<strong>最優秀賞</strong>", await anonymous.GetStringAsync($"/s/{showcase.PublicKey}"), StringComparison.Ordinal);

        // After the event the team reads the comments on its page; judges' scores are not shown.
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 6, 10, 16, 0, 0, TimeSpan.FromHours(9)));
        var team = await member.GetStringAsync($"/Programs/{program.Id}/Teams/{a}");
        Assert.Contains("入口が一つで分かりやすい！", team, StringComparison.Ordinal);
        Assert.Contains("業務理解が深い", team, StringComparison.Ordinal);

        // Cancelling needs the confirmation box.
        var unconfirmed = await CohortApp.PostFormAsync(organiser, page, new() { ["Cancel.Reason"] = "中止" }, handler: "Cancel");
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Null(await app.QueryDbAsync(db => db.Showcases.Where(s => s.Id == showcase.Id).Select(s => s.CancelledAt).SingleAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await CohortApp.PostFormAsync(organiser, page, new() { ["Cancel.Reason"] = "中止", ["ConfirmCancel"] = "true" }, handler: "Cancel")).StatusCode);
        Assert.Contains("中止", await anonymous.GetStringAsync($"/s/{showcase.PublicKey}"), StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"Input.Ratings\\[(\\d+)\\].CriterionId\" value=\"([0-9a-f-]+)\"")]
    private static partial Regex CriterionField();
}
