using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Domain.Templates;
using Cohort.Web.Infrastructure.Auth;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Features.Submissions;

/// <summary>A team's stages, whether each is open for it, and every deliverable with its state: the portfolio.</summary>
public static class TeamPortfolio
{
    [ProgramAccess(ProgramPermission.TeamWork)]
    public sealed record Query(Guid ProgramId, Guid TeamId) : IRequest<Result>, ITeamRequest;

    public sealed record Deliverable(Guid MilestoneId, string Name, DateOnly DueDate, DeliverableType Type, Guid? SubmissionId, SubmissionStatus? Status, int? LatestVersion, bool Late)
    {
        public string? NameEn { get; init; }
    }

    public sealed record StageRow(Guid StageId, string Name, bool Open, IReadOnlyList<Deliverable> Deliverables)
    {
        public string? NameEn { get; init; }
    }

    public sealed record Result(Guid TeamId, IReadOnlyList<StageRow> Stages);

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var team = await db.Teams.Where(t => t.ProgramId == request.ProgramId).GetAsync(request.TeamId, cancellationToken);
            var stages = await db.Stages.Include(s => s.Milestones).Where(s => s.ProgramId == request.ProgramId).OrderBy(s => s.Order).ToListAsync(cancellationToken);
            var submissions = await db.Submissions.Include(s => s.Versions).Where(s => s.TeamId == team.Id).ToListAsync(cancellationToken);
            var rows = new List<StageRow>();
            foreach (var stage in stages)
            {
                var deliverables = stage.Milestones.Where(m => m.Deliverable != DeliverableType.None).OrderBy(m => m.DueDate)
                    .Select(m =>
                    {
                        var s = submissions.SingleOrDefault(x => x.MilestoneId == m.Id);
                        var latest = s?.Latest;
                        return new Deliverable(m.Id, m.Name, m.DueDate, m.Deliverable, s?.Id, s?.Status, latest?.Number, s?.Versions.Any(v => v.Late) ?? false) { NameEn = m.NameEn };
                    }).ToList();
                rows.Add(new StageRow(stage.Id, stage.Name, await Gates.IsOpenAsync(db, team.Id, stage, cancellationToken), deliverables) { NameEn = stage.NameEn });
            }

            return new Result(team.Id, rows);
        }
    }
}

/// <summary>Every version of a deliverable with who submitted it when, and the reviews of each.</summary>
public static class SubmissionDetail
{
    [ProgramAccess(ProgramPermission.TeamWork)]
    public sealed record Query(Guid ProgramId, Guid TeamId, Guid SubmissionId) : IRequest<Result>, ITeamRequest;

    public sealed record ScoreView(Guid CriterionId, string Criterion, int Score, int MaxScore, string? Comment);

    public sealed record ReviewView(Guid Id, string ReviewerName, ReviewDecision Decision, string? Comment, IReadOnlyList<ScoreView> Scores, string? TeamResponse, DateTime CreatedAt);

    public sealed record FileView(Guid Id, string FileName, long Bytes, string ContentType)
    {
        public bool HasPreview => Infrastructure.Files.Thumbnails.CanPreview(ContentType);
    }

    public sealed record VersionView(int Number, string Title, string? Description, string? Links, string? PrototypeWhat, string? UserTestNotes, string? Tool,
        bool? ContainsPersonalData, string? PersonalDataExplanation, string AuthorName, DateTime? SubmittedAt, bool Late, IReadOnlyList<ReviewView> Reviews)
    {
        public IReadOnlyList<FileView> Files { get; init; } = [];
    }

    public sealed record Result(Guid Id, Guid MilestoneId, SubmissionStatus Status, IReadOnlyList<VersionView> Versions);

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var submission = await db.Submissions.Include(s => s.Versions).Include(s => s.Milestone).ThenInclude(m => m!.Stage).ThenInclude(s => s!.Rubric)
                .Where(s => s.ProgramId == request.ProgramId && s.TeamId == request.TeamId).GetAsync(request.SubmissionId, cancellationToken);
            var versionIds = submission.Versions.Select(v => v.Id).ToList();
            var reviews = await db.Reviews.Include(r => r.Scores).Where(r => versionIds.Contains(r.SubmissionVersionId)).ToListAsync(cancellationToken);
            var authors = submission.Versions.Select(v => v.AuthorUserId).Distinct().ToList();
            var names = await db.Users.Where(u => authors.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
            var rubric = submission.Milestone!.Stage!.Rubric.ToDictionary(c => c.Id);
            var files = await db.SubmissionFiles.Where(f => versionIds.Contains(f.SubmissionVersionId)).OrderBy(f => f.UploadedAt)
                .Select(f => new { f.SubmissionVersionId, View = new FileView(f.Id, f.FileName, f.Bytes, f.ContentType) }).ToListAsync(cancellationToken);
            return new Result(submission.Id, submission.MilestoneId, submission.Status, submission.Versions.OrderByDescending(v => v.Number).Select(v => new VersionView(
                v.Number, v.Title, v.Description, v.Links, v.PrototypeWhat, v.UserTestNotes, v.Tool, v.ContainsPersonalData, v.PersonalDataExplanation,
                names.GetValueOrDefault(v.AuthorUserId, ""), v.SubmittedAt, v.Late,
                reviews.Where(r => r.SubmissionVersionId == v.Id).OrderBy(r => r.CreatedAt).Select(r => new ReviewView(r.Id, r.ReviewerName, r.Decision, r.Comment,
                    r.Scores.OrderBy(s => rubric.TryGetValue(s.CriterionId, out var o) ? o.Order : int.MaxValue).Select(s => new ScoreView(s.CriterionId, rubric.TryGetValue(s.CriterionId, out var c) ? c.Name : "", s.Score, rubric.TryGetValue(s.CriterionId, out var c2) ? c2.MaxScore : 0, s.Comment)).ToList(),
                    r.TeamResponse, r.CreatedAt)).ToList())
            {
                Files = files.Where(f => f.SubmissionVersionId == v.Id).Select(f => f.View).ToList(),
            }).ToList());
        }
    }
}
