using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Domain.Templates;
using Cohort.Web.Infrastructure.Auth;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Features.Analytics;

/// <summary>
/// The facts of a programme for the city's internal report, beside the learning analytics: each team's department,
/// size, check-ins, stage reached and accepted prototype, and each showcase's results.
/// </summary>
public static class ProgramReport
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Query(Guid ProgramId) : IRequest<Result>, IProgramRequest;

    public sealed record TeamRow(Guid TeamId, string Name, string? Department, string? ProblemTheme, int Members, int CheckIns, int ActionItemsDone, int ActionItems,
        string? PrototypeTitle, string? PrototypeTool, bool PrototypeAccepted);

    public sealed record ShowcaseRow(Guid Id, string Title, DateOnly Date, bool Cancelled, bool ResultsPublished, string? ResultsSummary,
        IReadOnlyList<(string Team, double? Audience, int AudienceCount, double? Judges)> Teams);

    public sealed record Result(string Title, string OrganizationName, DateOnly Start, DateOnly End, int Participants, int Mentors,
        IReadOnlyList<TeamRow> Teams, IReadOnlyList<ShowcaseRow> Showcases, IReadOnlyList<Submissions.DeliverableStats.Row> Deliverables);

    public sealed class Handler(CohortDbContext db, IMediator mediator) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().Include(p => p.Organization).Include(p => p.Stages).ThenInclude(s => s.Milestones)
                .AsSplitQuery().GetAsync(request.ProgramId, cancellationToken);
            var prototypes = await db.Submissions.AsNoTracking()
                .Where(s => s.ProgramId == program.Id && db.Milestones.Any(m => m.Id == s.MilestoneId && m.Deliverable == DeliverableType.Prototype))
                .Select(s => new
                {
                    s.TeamId,
                    s.Status,
                    Latest = s.Versions.Where(v => v.SubmittedAt != null).OrderByDescending(v => v.Number).Select(v => new { v.Title, v.Tool }).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);
            var teams = await db.Teams.AsNoTracking().Where(t => t.ProgramId == program.Id).OrderBy(t => t.Name)
                .Select(t => new
                {
                    t.Id, t.Name, t.Department, t.ProblemTheme,
                    Members = t.Members.Count,
                    CheckIns = db.CheckIns.Count(c => c.TeamId == t.Id),
                    Done = db.ActionItems.Count(i => i.TeamId == t.Id && i.Status != ActionItemStatus.Open),
                    Items = db.ActionItems.Count(i => i.TeamId == t.Id),
                })
                .ToListAsync(cancellationToken);
            var rows = teams.Select(t =>
            {
                var mine = prototypes.Where(p => p.TeamId == t.Id && p.Latest != null).OrderByDescending(p => p.Status == SubmissionStatus.Accepted).FirstOrDefault();
                return new TeamRow(t.Id, t.Name, t.Department, t.ProblemTheme, t.Members, t.CheckIns, t.Done, t.Items,
                    mine?.Latest?.Title, mine?.Latest?.Tool, mine?.Status == SubmissionStatus.Accepted);
            }).ToList();

            var showcases = new List<ShowcaseRow>();
            foreach (var item in await mediator.Send(new Showcases.ShowcaseList.Query(program.Id), cancellationToken))
            {
                var results = await mediator.Send(new Showcases.ShowcaseResults.Query(program.Id, item.Id), cancellationToken);
                showcases.Add(new ShowcaseRow(item.Id, item.Title, item.Date, item.Cancelled, item.ResultsPublished, results.ResultsSummary,
                    results.Teams.Select(t => (t.TeamName, t.AudienceOverall, t.AudienceCount, t.JudgeAverage)).ToList()));
            }

            var deliverables = await mediator.Send(new Submissions.DeliverableStats.Query(program.Id), cancellationToken);
            var participants = await db.Participants.CountAsync(p => p.ProgramId == program.Id, cancellationToken);
            var mentors = await db.MentorAssignments.Where(a => a.Team!.ProgramId == program.Id).Select(a => a.MentorId).Distinct().CountAsync(cancellationToken);
            var end = program.AllMilestones().Select(m => m.DueDate).Concat(program.Stages.Select(s => s.EndDate)).DefaultIfEmpty(program.StartDate).Max();
            return new Result(program.Title, program.Organization!.Name, program.StartDate, end, participants, mentors, rows, showcases, deliverables.Rows);
        }
    }
}
