using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Domain.Templates;
using Cohort.Web.Infrastructure.Auth;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Features.Submissions;

/// <summary>
/// For organisers: per deliverable, how many teams handed it in and how many on time; and every prototype whose
/// latest version declares real personal data, so someone looks before a citizen's data travels in a demo.
/// </summary>
public static class DeliverableStats
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Query(Guid ProgramId) : IRequest<Result>, IProgramRequest;

    public sealed record Row(Guid MilestoneId, string Name, DateOnly DueDate, int Teams, int HandedIn, int OnTime)
    {
        public int? OnTimePercent => HandedIn == 0 ? null : (int)Math.Round(100.0 * OnTime / HandedIn);
    }

    public sealed record PersonalDataWarning(Guid TeamId, string TeamName, Guid MilestoneId, string Deliverable, int Version, string? Explanation);

    public sealed record Result(IReadOnlyList<Row> Rows, IReadOnlyList<PersonalDataWarning> PersonalData);

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var teams = await db.Teams.Where(t => t.ProgramId == request.ProgramId).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken);
            var milestones = await db.Milestones.Where(m => m.Stage!.ProgramId == request.ProgramId && m.Deliverable != DeliverableType.None)
                .OrderBy(m => m.DueDate).Select(m => new { m.Id, m.Name, m.DueDate }).ToListAsync(cancellationToken);
            var versions = await db.SubmissionVersions
                .Where(v => v.SubmittedAt != null && db.Submissions.Any(s => s.Id == v.SubmissionId && s.ProgramId == request.ProgramId))
                .Select(v => new
                {
                    v.SubmissionId,
                    v.Number,
                    v.Late,
                    v.ContainsPersonalData,
                    v.PersonalDataExplanation,
                    Submission = db.Submissions.Where(s => s.Id == v.SubmissionId).Select(s => new { s.TeamId, s.MilestoneId }).First(),
                })
                .ToListAsync(cancellationToken);

            // A deliverable counts as on time when its first submitted version was.
            var first = versions.GroupBy(v => v.SubmissionId).Select(g => g.OrderBy(v => v.Number).First()).ToList();
            var rows = milestones.Select(m =>
            {
                var handed = first.Where(v => v.Submission.MilestoneId == m.Id).ToList();
                return new Row(m.Id, m.Name, m.DueDate, teams.Count, handed.Count, handed.Count(v => !v.Late));
            }).ToList();

            var latest = versions.GroupBy(v => v.SubmissionId).Select(g => g.OrderByDescending(v => v.Number).First());
            var warnings = latest.Where(v => v.ContainsPersonalData == true)
                .Select(v => new PersonalDataWarning(v.Submission.TeamId, teams.FirstOrDefault(t => t.Id == v.Submission.TeamId)?.Name ?? "",
                    v.Submission.MilestoneId, milestones.FirstOrDefault(m => m.Id == v.Submission.MilestoneId)?.Name ?? "", v.Number, v.PersonalDataExplanation))
                .ToList();
            return new Result(rows, warnings);
        }
    }
}
