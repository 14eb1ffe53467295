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
            // From the programme's submissions to their versions: a correlated First() per version became a ROW_NUMBER over
            // every submission in the database on SQLite (the benchmark's national dataset), so the page grew with it.
            var versions = await db.Submissions.Where(s => s.ProgramId == request.ProgramId)
                .Join(db.SubmissionVersions.Where(v => v.SubmittedAt != null), s => s.Id, v => v.SubmissionId, (s, v) => new
                {
                    v.SubmissionId,
                    v.Number,
                    v.Late,
                    v.ContainsPersonalData,
                    v.PersonalDataExplanation,
                    s.TeamId,
                    s.MilestoneId,
                })
                .ToListAsync(cancellationToken);

            // A deliverable counts as on time when its first submitted version was.
            var first = versions.GroupBy(v => v.SubmissionId).Select(g => g.OrderBy(v => v.Number).First()).ToList();
            var rows = milestones.Select(m =>
            {
                var handed = first.Where(v => v.MilestoneId == m.Id).ToList();
                return new Row(m.Id, m.Name, m.DueDate, teams.Count, handed.Count, handed.Count(v => !v.Late));
            }).ToList();

            var latest = versions.GroupBy(v => v.SubmissionId).Select(g => g.OrderByDescending(v => v.Number).First());
            var warnings = latest.Where(v => v.ContainsPersonalData == true)
                .Select(v => new PersonalDataWarning(v.TeamId, teams.FirstOrDefault(t => t.Id == v.TeamId)?.Name ?? "",
                    v.MilestoneId, milestones.FirstOrDefault(m => m.Id == v.MilestoneId)?.Name ?? "", v.Number, v.PersonalDataExplanation))
                .ToList();
            return new Result(rows, warnings);
        }
    }
}
