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
        var seen = await member.GetStringAsync(page);
        Assert.Contains("数字を追加してください", seen, StringComparison.Ordinal);
        Assert.Contains("差し戻し", seen, StringComparison.Ordinal);
        Assert.Equal(SubmissionStatus.Returned, await app.QueryDbAsync(db => db.Submissions.Where(s => s.TeamId == teamId).Select(s => s.Status).SingleAsync()));
    }
}
