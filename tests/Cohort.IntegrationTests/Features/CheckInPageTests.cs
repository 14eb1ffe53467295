using System.Net;
using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Domain;
using Cohort.Web.Features.CheckIns;
using Cohort.Web.Features.People;
using Cohort.Web.Features.Teams;
using Microsoft.EntityFrameworkCore;

namespace Cohort.IntegrationTests.Features;

/// <summary>The check-in loop through the real forms, as a mentor and a team member would use them.</summary>
public sealed class CheckInPageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task A_mentor_records_check_ins_through_the_form_and_the_team_answers()
    {
        var program = await Seed.ProgramAsync(app, new DateOnly(2026, 10, 1));
        var teamId = await app.SendAsync(new CreateTeam.Command(program.Id, "窓口チーム", "市民課", null));
        async Task<string> Join(InvitedRole role)
        {
            var email = $"{role}-{Guid.NewGuid():N}@city.example.jp".ToLowerInvariant();
            var link = await app.SendAsync(new InviteToProgram.Command(program.Id, email, role, teamId, 7));
            await app.SendAsync(new RegisterWithInvitation.Command(link.Token, role.ToString(), CohortApp.AdminPassword));
            return email;
        }

        var mentor = await app.SignedInBrowserAsync(await Join(InvitedRole.Mentor));
        var memberEmail = await Join(InvitedRole.TeamMember);
        var member = await app.SignedInBrowserAsync(memberEmail);
        var memberId = await app.QueryDbAsync(db => db.Participants.Where(p => p.Email == memberEmail).Select(p => p.Id).SingleAsync());
        var page = $"/Programs/{program.Id}/Teams/{teamId}";
        var today = (await app.SendAsync(new CheckInForm.Query(program.Id, teamId))).Today;

        // A team member cannot open the mentor's form.
        AssertDenied(await member.GetAsync(page + "/CheckIns/New"));

        // An empty form is refused with the reason, and nothing is saved.
        var empty = await CohortApp.PostFormAsync(mentor, page + "/CheckIns/New", new()
        {
            ["Input.HeldOn"] = today.ToString("yyyy-MM-dd"),
            ["Input.DurationMinutes"] = "60",
            ["Input.Format"] = "Online",
            ["Input.Health"] = "OnTrack",
        });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Input_SharedNotes-error", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryDbAsync(db => db.CheckIns.CountAsync(c => c.TeamId == teamId)));

        var first = await CohortApp.PostFormAsync(mentor, page + "/CheckIns/New", new()
        {
            ["Input.HeldOn"] = today.ToString("yyyy-MM-dd"),
            ["Input.DurationMinutes"] = "45",
            ["Input.Format"] = "OnSite",
            ["Input.SharedNotes"] = "**受付の流れ**を整理しました <script>alert(1)</script>",
            ["Input.PrivateNotes"] = "課長の理解が鍵",
            ["Input.Health"] = "AtRisk",
            ["Input.HealthReason"] = "業務繁忙期",
            ["Input.NewItems[0].Title"] = "申請書の項目を洗い出す",
            ["Input.NewItems[0].OwnerParticipantId"] = memberId.ToString(),
            ["Input.NewItems[0].DueDate"] = today.AddDays(7).ToString("yyyy-MM-dd"),
            ["Input.NewItems[1].Title"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        // The member sees shared notes (sanitised Markdown), not the private ones, and marks the item done.
        var seen = await member.GetStringAsync(page);
        Assert.Contains("<strong>受付の流れ</strong>", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("課長の理解が鍵", seen, StringComparison.Ordinal);
        var itemId = await app.QueryDbAsync(db => db.ActionItems.Where(i => i.TeamId == teamId).Select(i => i.Id).SingleAsync());
        var done = await CohortApp.PostFormAsync(member, page, new() { ["actionItemId"] = itemId.ToString(), ["comment"] = "洗い出し済み" }, handler: "Complete");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Contains("課長の理解が鍵", await mentor.GetStringAsync(page), StringComparison.Ordinal);

        // Next check-in: the form lists the open item, pre-selected as closed because the team marked it done.
        var form = await mentor.GetStringAsync(page + "/CheckIns/New");
        Assert.Contains("申請書の項目を洗い出す", form, StringComparison.Ordinal);
        Assert.Contains("value=\"Close\" checked", form, StringComparison.Ordinal);
        var second = await CohortApp.PostFormAsync(mentor, page + "/CheckIns/New", new()
        {
            ["Input.HeldOn"] = today.ToString("yyyy-MM-dd"),
            ["Input.DurationMinutes"] = "30",
            ["Input.Format"] = "Online",
            ["Input.SharedNotes"] = "順調です",
            ["Input.Health"] = "OnTrack",
            ["Input.Decisions[0].ActionItemId"] = itemId.ToString(),
            ["Input.Decisions[0].Outcome"] = "Close",
        });
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var item = await app.QueryDbAsync(db => db.ActionItems.SingleAsync(i => i.Id == itemId));
        Assert.Equal((ActionItemStatus.Done, "洗い出し済み"), (item.Status, item.Resolution));

        // The organiser's dashboard downloads as CSV that Excel reads (BOM), formulas neutralised.
        var admin = await app.SignedInBrowserAsync();
        var csv = await admin.GetAsync($"/Programs/{program.Id}/Dashboard?handler=Csv");
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Contains("窓口チーム", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        AssertDenied(await mentor.GetAsync($"/Programs/{program.Id}/Dashboard"));
    }

    /// <summary>A browser that may not see a page is sent to the access-denied page.</summary>
    private static void AssertDenied(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
