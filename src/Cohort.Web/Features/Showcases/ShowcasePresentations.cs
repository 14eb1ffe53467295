using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Domain.Templates;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Features.Showcases;

/// <summary>
/// What a team presents at a showcase: of the last stage's presentation and document deliverables, the latest-due one
/// whose latest submitted version has files. The showcase page shows it; a slotted team without one is reminded to
/// upload it.
/// </summary>
public static class ShowcasePresentations
{
    public sealed record Deck(Guid MilestoneId, Guid SubmissionId, int Version, string Title, SubmissionStatus Status, IReadOnlyList<DeckFile> Files);

    public sealed record DeckFile(Guid FileId, string FileName);

    /// <summary>The presentation of each of the teams that has one.</summary>
    public static async Task<Dictionary<Guid, Deck>> ForTeamsAsync(CohortDbContext db, Guid programId, IReadOnlyCollection<Guid> teamIds, CancellationToken ct)
    {
        var result = new Dictionary<Guid, Deck>();
        var lastStage = await LastStageAsync(db, programId, ct);
        if (teamIds.Count == 0 || lastStage is null)
        {
            return result;
        }

        var rows = await db.Submissions
            .Where(s => teamIds.Contains(s.TeamId) && s.Milestone!.StageId == lastStage
                && (s.Milestone.Deliverable == DeliverableType.Presentation || s.Milestone.Deliverable == DeliverableType.Document))
            .Select(s => new
            {
                s.Id, s.TeamId, s.MilestoneId, s.Status, s.Milestone!.DueDate,
                Versions = s.Versions.Where(v => v.SubmittedAt != null).Select(v => new { v.Id, v.Number, v.Title }).ToList(),
            })
            .ToListAsync(ct);
        var latestIds = rows.Where(r => r.Versions.Count > 0).Select(r => r.Versions.MaxBy(v => v.Number)!.Id).ToList();
        var files = await db.SubmissionFiles.Where(f => latestIds.Contains(f.SubmissionVersionId)).OrderBy(f => f.FileName)
            .Select(f => new { f.SubmissionVersionId, f.Id, f.FileName }).ToListAsync(ct);
        foreach (var team in rows.GroupBy(r => r.TeamId))
        {
            foreach (var deck in team.Where(r => r.Versions.Count > 0).OrderByDescending(r => r.DueDate))
            {
                var latest = deck.Versions.MaxBy(v => v.Number)!;
                var deckFiles = files.Where(f => f.SubmissionVersionId == latest.Id).Select(f => new DeckFile(f.Id, f.FileName)).ToList();
                if (deckFiles.Count > 0)
                {
                    result[team.Key] = new Deck(deck.MilestoneId, deck.Id, latest.Number, latest.Title, deck.Status, deckFiles);
                    break;
                }
            }
        }

        return result;
    }

    /// <summary>The deliverable a team uploads its presentation to: the last stage's latest-due presentation or document, if it has one.</summary>
    public static async Task<Guid?> DeliverableAsync(CohortDbContext db, Guid programId, CancellationToken ct)
    {
        var lastStage = await LastStageAsync(db, programId, ct);
        return await db.Milestones
            .Where(m => m.StageId == lastStage && (m.Deliverable == DeliverableType.Presentation || m.Deliverable == DeliverableType.Document))
            .OrderByDescending(m => m.DueDate).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(ct);
    }

    private static Task<Guid?> LastStageAsync(CohortDbContext db, Guid programId, CancellationToken ct) =>
        db.Stages.Where(s => s.ProgramId == programId).OrderByDescending(s => s.Order).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
}
