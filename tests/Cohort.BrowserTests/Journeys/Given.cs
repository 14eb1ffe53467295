using Cohort.BrowserTests.Infrastructure;
using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Domain;
using Cohort.Web.Domain.Templates;
using Cohort.Web.Features.People;
using Cohort.Web.Features.Programs;
using Cohort.Web.Features.Submissions;
using Cohort.Web.Features.Teams;
using Microsoft.EntityFrameworkCore;

namespace Cohort.BrowserTests.Journeys;

/// <summary>
/// What a journey needs before it starts and does not exercise itself, made through the mediator as the
/// integration tests do. People get readable addresses (they show in the header of every screenshot).
/// </summary>
internal static class Given
{
    private static readonly TimeSpan Japan = TimeSpan.FromHours(9);

    /// <summary>Sets the app's clock to a time in Japan.</summary>
    public static void Now(BrowserApp app, DateOnly date, int hour, int minute = 0) =>
        app.Clock.SetUtcNow(new DateTimeOffset(date.ToDateTime(new TimeOnly(hour, minute)), Japan));

    public static Task<ProgramOverview.Result> ProgramAsync(BrowserApp app) => Seed.ProgramAsync(app, new DateOnly(2027, 4, 1));

    public static Task<Guid> TeamAsync(BrowserApp app, ProgramOverview.Result program, string name, string department, string theme) =>
        app.SendAsync(new CreateTeam.Command(program.Id, name, department, theme));

    /// <summary>A person invited to the programme in a role who accepted and set a password; returns their e-mail.</summary>
    public static async Task<string> PersonAsync(BrowserApp app, Guid programId, InvitedRole role, Guid teamId, string name, string login, string language)
    {
        var email = $"{login}.{language}@midori.example.jp";
        var link = await app.SendAsync(new InviteToProgram.Command(programId, email, role, teamId, 30));
        await app.SendAsync(new RegisterWithInvitation.Command(link.Token, name, CohortApp.AdminPassword));
        return email;
    }

    /// <summary>The team hands in a document for the first stage, as its member.</summary>
    public static async Task<Guid> SubmittedDocumentAsync(BrowserApp app, ProgramOverview.Result program, Guid teamId, string memberEmail, string title)
    {
        var milestone = program.Stages[0].Milestones.First(m => m.Deliverable == DeliverableType.Document);
        var submission = await app.SendAsAsync(memberEmail, new SaveSubmissionDraft.Command(program.Id, teamId, milestone.Id, title,
            "現在の業務フローと件数を整理しました。", "https://example.jp/docs/as-is", null, null, null, null, null));
        await app.SendAsAsync(memberEmail, new SubmitDeliverable.Command(program.Id, teamId, submission));
        return milestone.Id;
    }

    /// <summary>An organiser opens a later stage for the team by hand (instead of going through the first stage's acceptance).</summary>
    public static Task OpenStageAsync(BrowserApp app, ProgramOverview.Result program, Guid teamId, int stageIndex) =>
        app.SendAsync(new SetStageGate.Command(program.Id, teamId, program.Stages[stageIndex].Id, GateState.Open, "ステージ1レビュー通過"));

    /// <summary>The team's mentor reviews the latest submitted version of a deliverable and returns it with a comment.</summary>
    public static async Task ReturnedForChangesAsync(BrowserApp app, ProgramOverview.Result program, Guid teamId, Guid milestoneId, string mentorEmail, string comment)
    {
        var (submissionId, stageId) = await app.QueryDbAsync(db => db.Submissions.Where(s => s.TeamId == teamId && s.MilestoneId == milestoneId)
            .Select(s => new ValueTuple<Guid, Guid>(s.Id, s.Milestone!.StageId)).SingleAsync());
        var criteria = await app.QueryDbAsync(db => db.RubricCriteria.Where(c => c.StageId == stageId).OrderBy(c => c.Order).Select(c => c.Id).ToListAsync());
        var scores = criteria.Select(id => new ReviewSubmission.Score(id, 3, null)).ToList();
        await app.SendAsAsync(mentorEmail, new ReviewSubmission.Command(program.Id, teamId, submissionId, 1, ReviewDecision.Return, comment, scores));
    }
}
