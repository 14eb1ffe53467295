using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Domain;
using Cohort.Web.Domain.Templates;
using Cohort.Web.Features.People;
using Cohort.Web.Features.Programs;
using Cohort.Web.Features.Submissions;
using Cohort.Web.Features.Teams;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Mediation;
using Microsoft.EntityFrameworkCore;

namespace Cohort.IntegrationTests.Features;

public abstract class SubmissionTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : CohortApp
{
    private async Task<(ProgramOverview.Result Program, Guid TeamId, string Mentor, string Member)> SetupAsync()
    {
        App.Clock.SetUtcNow(new DateTimeOffset(2027, 4, 5, 10, 0, 0, TimeSpan.FromHours(9)));
        var program = await Seed.ProgramAsync(App, new DateOnly(2027, 4, 1));
        var teamId = await App.SendAsync(new CreateTeam.Command(program.Id, "福祉申請チーム", "福祉課", null));
        async Task<string> Join(InvitedRole role)
        {
            var email = $"{role}-{Guid.NewGuid():N}@city.example.jp".ToLowerInvariant();
            var link = await App.SendAsync(new InviteToProgram.Command(program.Id, email, role, teamId, 30));
            await App.SendAsync(new RegisterWithInvitation.Command(link.Token, role.ToString(), CohortApp.AdminPassword));
            return email;
        }

        return (program, teamId, await Join(InvitedRole.Mentor), await Join(InvitedRole.TeamMember));
    }

    [SkippableFact]
    public async Task Submit_review_return_resubmit_accept_opens_stage_2_for_that_team()
    {
        var (program, teamId, mentor, member) = await SetupAsync();
        var stage1 = program.Stages[0];
        var stage2 = program.Stages[1];
        var final = stage1.Milestones.Where(m => m.Deliverable != DeliverableType.None).OrderBy(m => m.DueDate).Last();
        var prototype = stage2.Milestones.First(m => m.Deliverable == DeliverableType.Prototype);
        var rubric = await App.QueryDbAsync(db => db.RubricCriteria.Where(c => c.StageId == stage1.Id).OrderBy(c => c.Order).Select(c => new { c.Id, c.MaxScore }).ToListAsync());
        // Scores sent in reverse order: the review shows them in the rubric's order all the same.
        List<ReviewSubmission.Score> Score(int v) => rubric.AsEnumerable().Reverse().Select(c => new ReviewSubmission.Score(c.Id, Math.Min(v, c.MaxScore), "コメント")).ToList();

        // Stage 2 is closed for the team until Stage 1's final deliverable is accepted.
        await Assert.ThrowsAsync<ConflictException>(() => App.SendAsAsync(member, new SaveSubmissionDraft.Command(program.Id, teamId, prototype.Id, "早すぎる", null, null, null, null, null, null, null)));

        var id = await App.SendAsAsync(member, new SaveSubmissionDraft.Command(program.Id, teamId, final.Id, "レビュー資料 v1", "現状と課題", "https://example.jp/doc1", null, null, null, null, null));
        Assert.Equal(1, await App.SendAsAsync(member, new SubmitDeliverable.Command(program.Id, teamId, id)));

        // Incomplete rubric: refused with a field error; a member cannot review.
        await Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsAsync(mentor, new ReviewSubmission.Command(program.Id, teamId, id, 1, ReviewDecision.Return, "不足", Score(2).Take(1).ToList())));
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsAsync(member, new ReviewSubmission.Command(program.Id, teamId, id, 1, ReviewDecision.Accept, null, Score(4))));

        var returned = await App.SendAsAsync(mentor, new ReviewSubmission.Command(program.Id, teamId, id, 1, ReviewDecision.Return, "効果の数字を入れてください", Score(2)));
        await App.SendAsAsync(member, new RespondToReview.Command(program.Id, teamId, returned, "次の版で追記します"));

        // A resubmission is a new version; version 1 stays as it was.
        await App.SendAsAsync(member, new SaveSubmissionDraft.Command(program.Id, teamId, final.Id, "レビュー資料 v2", "効果: 年間120時間削減", "https://example.jp/doc2", null, null, null, null, null));
        Assert.Equal(2, await App.SendAsAsync(member, new SubmitDeliverable.Command(program.Id, teamId, id)));
        await App.SendAsAsync(mentor, new ReviewSubmission.Command(program.Id, teamId, id, 2, ReviewDecision.Accept, "よくできました", Score(4)));

        var detail = await App.SendAsAsync(member, new SubmissionDetail.Query(program.Id, teamId, id));
        Assert.Equal(SubmissionStatus.Accepted, detail.Status);
        Assert.Equal(["レビュー資料 v2", "レビュー資料 v1"], detail.Versions.Select(v => v.Title).ToArray());
        var v1 = detail.Versions.Single(v => v.Number == 1);
        Assert.Equal(("現状と課題", ReviewDecision.Return, "次の版で追記します"), (v1.Description, v1.Reviews.Single().Decision, v1.Reviews.Single().TeamResponse));
        Assert.Equal(rubric.Select(c => c.Id), detail.Versions.Single(v => v.Number == 2).Reviews.Single().Scores.Select(s => s.CriterionId));
        await Assert.ThrowsAsync<ConflictException>(() => App.SendAsAsync(member, new SaveSubmissionDraft.Command(program.Id, teamId, final.Id, "受理後の変更", null, null, null, null, null, null, null)));

        var portfolio = await App.SendAsAsync(member, new TeamPortfolio.Query(program.Id, teamId));
        Assert.True(portfolio.Stages[1].Open);
        var prototypeDraft = await App.SendAsAsync(member, new SaveSubmissionDraft.Command(program.Id, teamId, prototype.Id, "申請フォーム試作", null, "https://example.jp/app", null, null, "kintone", null, null));

        // A prototype needs what it does and the personal-data declaration before it can be submitted.
        var missing = await Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsAsync(member, new SubmitDeliverable.Command(program.Id, teamId, prototypeDraft)));
        Assert.Contains(missing.Errors, e => e.PropertyName == "ContainsPersonalData");
        await App.SendAsAsync(member, new SaveSubmissionDraft.Command(program.Id, teamId, prototype.Id, "申請フォーム試作", null, "https://example.jp/app", "オンライン申請", "3人で試用", "kintone", true, null));
        var explanation = await Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsAsync(member, new SubmitDeliverable.Command(program.Id, teamId, prototypeDraft)));
        Assert.Contains(explanation.Errors, e => e.PropertyName == "PersonalDataExplanation");

        // Declared with a reason, it goes in, and the organisers see the warning.
        await App.SendAsAsync(member, new SaveSubmissionDraft.Command(program.Id, teamId, prototype.Id, "申請フォーム試作", null, "https://example.jp/app", "オンライン申請", "3人で試用", "kintone", true, "職員の氏名のみ（同意済み）"));
        await App.SendAsAsync(member, new SubmitDeliverable.Command(program.Id, teamId, prototypeDraft));
        var warning = Assert.Single((await App.SendAsync(new DeliverableStats.Query(program.Id))).PersonalData);
        Assert.Equal(("福祉申請チーム", "職員の氏名のみ（同意済み）"), (warning.TeamName, warning.Explanation));
    }

    [SkippableFact]
    public async Task Late_submissions_are_accepted_and_marked_and_organisers_can_open_a_gate_by_hand()
    {
        var (program, teamId, _, member) = await SetupAsync();
        var first = program.Stages[0].Milestones.First(m => m.Deliverable != DeliverableType.None);
        App.Clock.SetUtcNow(new DateTimeOffset(first.DueDate.AddDays(3).ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(9)));

        var id = await App.SendAsAsync(member, new SaveSubmissionDraft.Command(program.Id, teamId, first.Id, "遅れて提出", null, null, null, null, null, null, null));
        await App.SendAsAsync(member, new SubmitDeliverable.Command(program.Id, teamId, id));
        Assert.True((await App.SendAsAsync(member, new SubmissionDetail.Query(program.Id, teamId, id))).Versions.Single().Late);

        var stats = await App.SendAsync(new DeliverableStats.Query(program.Id));
        var row = stats.Rows.Single(r => r.MilestoneId == first.Id);
        Assert.Equal((1, 0, (int?)0), (row.HandedIn, row.OnTime, row.OnTimePercent));

        await Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new SetStageGate.Command(program.Id, teamId, program.Stages[1].Id, GateState.Open, "")));
        await App.SendAsync(new SetStageGate.Command(program.Id, teamId, program.Stages[1].Id, GateState.Open, "ステージ1の内容を口頭で確認済み"));
        Assert.True((await App.SendAsAsync(member, new TeamPortfolio.Query(program.Id, teamId))).Stages[1].Open);
        Assert.Contains(await App.SendAsync(new Cohort.Web.Features.Audit.ProgramAuditLog.Query(program.Id)), e => e.Action == "SetStageGate" && e.Details!.Contains("口頭で確認済み", StringComparison.Ordinal));
    }
}

public sealed class SubmissionTests_Sqlite(SqliteApp app) : SubmissionTests<SqliteApp>(app);

public sealed class SubmissionTests_Postgres(PostgresApp app) : SubmissionTests<PostgresApp>(app);
