using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Domain.Templates;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Files;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Features.Submissions;

/// <summary>
/// A team's accepted work, stage by stage: each accepted deliverable as it was accepted, with the accepting
/// review's rubric scores and the version's files, and where each file goes in the ZIP download.
/// </summary>
public static class PortfolioExport
{
    [ProgramAccess(ProgramPermission.TeamWork)]
    public sealed record Query(Guid ProgramId, Guid TeamId) : IRequest<Result>, ITeamRequest;

    public sealed record Score(string Criterion, string? CriterionEn, int Value, int MaxScore, string? Comment);

    /// <param name="ArchivePath">Where the file is in the ZIP download: <c>{stage}/{milestone}/v{n}/{file name}</c>, every part made safe.</param>
    public sealed record ExportFile(Guid Id, string FileName, string ContentType, long Bytes, DateTime UploadedAt, string ArchivePath);

    public sealed record Deliverable(Guid MilestoneId, string Name, string? NameEn, DateOnly DueDate, DeliverableType Type, Guid SubmissionId, int Version,
        string Title, string? Description, string? Links, string? PrototypeWhat, string? UserTestNotes, string? Tool, bool? ContainsPersonalData, string? PersonalDataExplanation,
        string AuthorName, DateTime? SubmittedAt, bool Late, string ReviewerName, DateTime AcceptedAt, string? ReviewComment, IReadOnlyList<Score> Scores, IReadOnlyList<ExportFile> Files)
    {
        public IEnumerable<string> LinkList => (Links ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public sealed record StageExport(Guid StageId, string Name, string? NameEn, IReadOnlyList<Deliverable> Deliverables);

    public sealed record Result(Guid ProgramId, string ProgramTitle, Guid TeamId, string TeamName, string? Department, string? ProblemTheme, string TimeZone,
        IReadOnlyList<StageExport> Stages)
    {
        public IEnumerable<ExportFile> Files => Stages.SelectMany(s => s.Deliverables).SelectMany(d => d.Files);
    }

    /// <summary>The portfolio as a document: on the print page files link to their downloads, inside the ZIP to the files beside it.</summary>
    public sealed record Document(Result Export, bool ForArchive)
    {
        public string FileHref(Deliverable deliverable, ExportFile file) => ForArchive
            ? string.Join('/', file.ArchivePath.Split('/').Select(Uri.EscapeDataString))
            : $"/Programs/{Export.ProgramId}/Teams/{Export.TeamId}/Deliverables/{deliverable.MilestoneId}?handler=File&fileId={file.Id}";

        /// <summary>A picture of an image file: its preview on the page, the file itself inside the ZIP (shown small); null for other files.</summary>
        public string? PreviewHref(Deliverable deliverable, ExportFile file) => !Thumbnails.CanPreview(file.ContentType) ? null : ForArchive
            ? FileHref(deliverable, file)
            : $"/Programs/{Export.ProgramId}/Teams/{Export.TeamId}/Deliverables/{deliverable.MilestoneId}?handler=Thumbnail&fileId={file.Id}";
    }

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var team = await db.Teams.AsNoTracking().Where(t => t.ProgramId == request.ProgramId).GetAsync(request.TeamId, cancellationToken);
            var program = await db.Programs.AsNoTracking().Where(p => p.Id == request.ProgramId).Select(p => new { p.Title, p.TimeZone }).SingleAsync(cancellationToken);
            var stages = await db.Stages.AsNoTracking().Include(s => s.Milestones).Include(s => s.Rubric).AsSplitQuery()
                .Where(s => s.ProgramId == request.ProgramId).OrderBy(s => s.Order).ToListAsync(cancellationToken);

            // The accepted version of a deliverable is the one its accepting review belongs to.
            var submissions = await db.Submissions.AsNoTracking().Include(s => s.Versions)
                .Where(s => s.TeamId == team.Id && s.ProgramId == request.ProgramId && s.Status == SubmissionStatus.Accepted).ToListAsync(cancellationToken);
            var versionIds = submissions.SelectMany(s => s.Versions).Select(v => v.Id).ToList();
            var reviews = await db.Reviews.AsNoTracking().Include(r => r.Scores)
                .Where(r => r.Decision == ReviewDecision.Accept && versionIds.Contains(r.SubmissionVersionId)).ToListAsync(cancellationToken);
            var acceptedIds = reviews.Select(r => r.SubmissionVersionId).ToList();
            var files = await db.SubmissionFiles.AsNoTracking().Where(f => acceptedIds.Contains(f.SubmissionVersionId))
                .OrderBy(f => f.UploadedAt).ThenBy(f => f.FileName).ToListAsync(cancellationToken);
            var authors = submissions.SelectMany(s => s.Versions).Select(v => v.AuthorUserId).Distinct().ToList();
            var names = await db.Users.Where(u => authors.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);

            var paths = new ArchivePaths(PortfolioArchive.IndexName);
            var result = new List<StageExport>();
            foreach (var stage in stages)
            {
                var stageFolder = paths.Folder("", stage.Name);
                var rubric = stage.Rubric.ToDictionary(c => c.Id);
                var deliverables = new List<Deliverable>();
                foreach (var milestone in stage.Milestones.OrderBy(m => m.DueDate).ThenBy(m => m.Name))
                {
                    var submission = submissions.SingleOrDefault(s => s.MilestoneId == milestone.Id);
                    var review = submission is null ? null : reviews.Where(r => submission.Versions.Any(v => v.Id == r.SubmissionVersionId)).OrderBy(r => r.CreatedAt).LastOrDefault();
                    if (submission is null || review is null)
                    {
                        continue;
                    }

                    var version = submission.Versions.Single(v => v.Id == review.SubmissionVersionId);
                    var versionFolder = paths.Folder(paths.Folder(stageFolder, milestone.Name), "v" + version.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    var scores = review.Scores
                        .Select(s => (Score: s, Criterion: rubric.GetValueOrDefault(s.CriterionId)))
                        .OrderBy(x => x.Criterion?.Order ?? int.MaxValue)
                        .Select(x => new Score(x.Criterion?.Name ?? "", x.Criterion?.NameEn, x.Score.Score, x.Criterion?.MaxScore ?? 0, x.Score.Comment))
                        .ToList();
                    deliverables.Add(new Deliverable(milestone.Id, milestone.Name, milestone.NameEn, milestone.DueDate, milestone.Deliverable, submission.Id, version.Number,
                        version.Title, version.Description, version.Links, version.PrototypeWhat, version.UserTestNotes, version.Tool, version.ContainsPersonalData, version.PersonalDataExplanation,
                        names.GetValueOrDefault(version.AuthorUserId, ""), version.SubmittedAt, version.Late, review.ReviewerName, review.CreatedAt, review.Comment, scores,
                        files.Where(f => f.SubmissionVersionId == version.Id)
                            .Select(f => new ExportFile(f.Id, f.FileName, f.ContentType, f.Bytes, f.UploadedAt, paths.File(versionFolder, f.FileName)))
                            .ToList()));
                }

                result.Add(new StageExport(stage.Id, stage.Name, stage.NameEn, deliverables));
            }

            return new Result(request.ProgramId, program.Title, team.Id, team.Name, team.Department, team.ProblemTheme, program.TimeZone, result);
        }
    }
}
