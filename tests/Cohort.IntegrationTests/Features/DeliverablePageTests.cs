using System.Net;
using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Domain;
using Cohort.Web.Domain.Templates;
using Cohort.Web.Features.People;
using Cohort.Web.Features.Teams;
using Microsoft.EntityFrameworkCore;

namespace Cohort.IntegrationTests.Features;

/// <summary>The submission loop through the pages: draft, file, submit, review with the rubric, answer.</summary>
public sealed class DeliverablePageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task A_team_submits_and_a_mentor_returns_it_through_the_pages()
    {
        var program = await Seed.ProgramAsync(app);
        var teamId = await app.SendAsync(new CreateTeam.Command(program.Id, "ページチーム", null, null));
        async Task<HttpClient> Join(InvitedRole role)
        {
            var email = $"{role}-{Guid.NewGuid():N}@city.example.jp".ToLowerInvariant();
            var link = await app.SendAsync(new InviteToProgram.Command(program.Id, email, role, teamId, 7));
            await app.SendAsync(new RegisterWithInvitation.Command(link.Token, role.ToString(), CohortApp.AdminPassword));
            return await app.SignedInBrowserAsync(email);
        }

        var member = await Join(InvitedRole.TeamMember);
        var mentor = await Join(InvitedRole.Mentor);
        var milestone = program.Stages[0].Milestones.First(m => m.Deliverable == DeliverableType.Document);
        var page = $"/Programs/{program.Id}/Teams/{teamId}/Deliverables/{milestone.Id}";

        Assert.Contains(page, await member.GetStringAsync($"/Programs/{program.Id}/Teams/{teamId}"), StringComparison.Ordinal);
        var saved = await CohortApp.PostFormAsync(member, page, new() { ["Input.Title"] = "現状分析シート v1", ["Input.Links"] = "https://example.jp/sheet" }, handler: "Save");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var upload = new MultipartFormDataContent();
        var png = new ByteArrayContent(Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="));
        upload.Add(png, "file", "受付画面.png");
        var html = await member.GetStringAsync(page);
        upload.Add(new StringContent(System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value), "__RequestVerificationToken");
        Assert.Equal(HttpStatusCode.Redirect, (await member.PostAsync(page + "?handler=Upload", upload)).StatusCode);
        var listed = await member.GetStringAsync(page);
        Assert.Contains("受付画面.png", listed, StringComparison.Ordinal);
        var fileLink = System.Text.RegularExpressions.Regex.Match(listed, "href=\"(\\?handler=File&amp;fileId=[^\"]+)\"").Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        var download = await member.GetAsync(page + fileLink);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());

        var submitted = await CohortApp.PostFormAsync(member, page, new(), handler: "Submit");
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);

        var form = await mentor.GetStringAsync(page);
        Assert.Contains("Review.Scores[0].CriterionId", form, StringComparison.Ordinal);
        var criteria = await app.QueryDbAsync(db => db.RubricCriteria.Where(c => c.StageId == program.Stages[0].Id).OrderBy(c => c.Order).Select(c => c.Id).ToListAsync());
        var fields = new Dictionary<string, string> { ["versionNumber"] = "1", ["Review.Decision"] = "Return", ["Review.Comment"] = "数字を追加してください" };
        for (var i = 0; i < criteria.Count; i++)
        {
            fields[$"Review.Scores[{i}].CriterionId"] = criteria[i].ToString();
            fields[$"Review.Scores[{i}].Value"] = "2";
        }

        var reviewed = await CohortApp.PostFormAsync(mentor, page, fields, handler: "Review");
        Assert.Equal(HttpStatusCode.Redirect, reviewed.StatusCode);
        // The mentor reviews; writing, submitting and answering the review are the team's.
        var mentorView = await mentor.GetStringAsync(page);
        Assert.DoesNotContain("handler=Save", mentorView, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Respond", mentorView, StringComparison.Ordinal);
        var seen = await member.GetStringAsync(page);
        Assert.Contains("handler=Respond", seen, StringComparison.Ordinal);
        Assert.Contains("handler=Save", seen, StringComparison.Ordinal);
        Assert.Contains("数字を追加してください", seen, StringComparison.Ordinal);
        Assert.Contains("差し戻し", seen, StringComparison.Ordinal);
        Assert.Equal(SubmissionStatus.Returned, await app.QueryDbAsync(db => db.Submissions.Where(s => s.TeamId == teamId).Select(s => s.Status).SingleAsync()));
    }
}
