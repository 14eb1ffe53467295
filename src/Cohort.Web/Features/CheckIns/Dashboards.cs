using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure.Auth;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Features.CheckIns;

/// <summary>The organiser's view of every team: health, last check-in, open and overdue items, next milestone.</summary>
public static class ProgramDashboard
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Query(Guid ProgramId, bool AtRiskOnly = false, Guid? MentorId = null, string? Department = null) : IRequest<Result>, IProgramRequest;

    public sealed record Row(
        Guid TeamId,
        string TeamName,
        string? Department,
        IReadOnlyList<string> Mentors,
        HealthView Health,
        DateOnly? LastCheckIn,
        int OpenItems,
        int OverdueItems,
        string? NextMilestone,
        DateOnly? NextMilestoneDue);

    public sealed record MentorLoad(Guid MentorId, string Name, int Teams, int CheckInsThisMonth, int MinutesThisMonth);

    public sealed record Result(Guid ProgramId, string Title, DateOnly Today, IReadOnlyList<Row> Rows, IReadOnlyList<MentorLoad> Mentors, IReadOnlyList<string> Departments);

    public sealed class Handler(CohortDbContext db, TimeProvider clock) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().GetAsync(request.ProgramId, cancellationToken);
            var today = TeamHealth.Today(clock, program.TimeZone);
            var monthStart = new DateOnly(today.Year, today.Month, 1);
            // One query for every team's row: the health rule's inputs (latest check-in, open items counted), mentors with
            // their check-ins this month, and the programme's next milestone. Its cost follows the programme's teams, not
            // the size of the database (tests/Cohort.Benchmarks compares it with one hand-written query).
            var teams = await db.Teams.Where(t => t.ProgramId == program.Id)
                .Select(t => new
                {
                    t.Id,
                    t.Name,
                    t.Department,
                    t.CheckInCadenceWorkingDays,
                    Mentors = t.Mentors.Select(a => new
                    {
                        a.MentorId,
                        a.Mentor!.Name,
                        CheckIns = db.CheckIns.Count(c => c.ProgramId == program.Id && c.MentorId == a.MentorId && c.HeldOn >= monthStart),
                        Minutes = db.CheckIns.Where(c => c.ProgramId == program.Id && c.MentorId == a.MentorId && c.HeldOn >= monthStart).Sum(c => c.DurationMinutes),
                    }).ToList(),
                    // One scalar subquery per column: SQLite has no APPLY for a row-valued one.
                    LastHeldOn = db.CheckIns.Where(c => c.TeamId == t.Id).OrderByDescending(c => c.HeldOn).ThenByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
                        .Select(c => (DateOnly?)c.HeldOn).FirstOrDefault(),
                    LastHealth = db.CheckIns.Where(c => c.TeamId == t.Id).OrderByDescending(c => c.HeldOn).ThenByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
                        .Select(c => (HealthStatus?)c.Health).FirstOrDefault(),
                    LastReason = db.CheckIns.Where(c => c.TeamId == t.Id).OrderByDescending(c => c.HeldOn).ThenByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
                        .Select(c => c.HealthReason).FirstOrDefault(),
                    Open = db.ActionItems.Count(i => i.TeamId == t.Id && i.Status == ActionItemStatus.Open),
                    Overdue = db.ActionItems.Count(i => i.TeamId == t.Id && i.Status == ActionItemStatus.Open && i.DueDate < today),
                    Carried = db.ActionItems.Count(i => i.TeamId == t.Id && i.Status == ActionItemStatus.Open && i.CarryOverCount >= ActionItem.CarryOverFlag),
                    NextName = db.Milestones.Where(m => m.Stage!.ProgramId == program.Id && m.DueDate >= today).OrderBy(m => m.DueDate)
                        .Select(m => m.Name).FirstOrDefault(),
                    NextDue = db.Milestones.Where(m => m.Stage!.ProgramId == program.Id && m.DueDate >= today).OrderBy(m => m.DueDate)
                        .Select(m => (DateOnly?)m.DueDate).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);

            var rows = teams
                .Where(t => request.MentorId is null || t.Mentors.Any(a => a.MentorId == request.MentorId))
                .Where(t => string.IsNullOrEmpty(request.Department) || t.Department == request.Department)
                .Select(t =>
                {
                    var last = t.LastHeldOn is { } heldOn ? new LastCheckIn(heldOn, t.LastHealth!.Value, t.LastReason) : null;
                    var view = HealthLoader.Evaluate(program, t.CheckInCadenceWorkingDays, today, last, t.Overdue, t.Carried);
                    return new Row(t.Id, t.Name, t.Department, t.Mentors.Select(a => a.Name).Order().ToList(), view, last?.HeldOn,
                        t.Open, t.Overdue, t.NextName, t.NextDue);
                })
                .Where(r => !request.AtRiskOnly || r.Health.Status != HealthStatus.OnTrack)
                .OrderByDescending(r => r.Health.Status).ThenBy(r => r.TeamName)
                .ToList();

            var mentors = teams.SelectMany(t => t.Mentors).GroupBy(a => a.MentorId)
                .Select(g => new MentorLoad(g.Key, g.First().Name, g.Count(), g.First().CheckIns, g.First().Minutes))
                .OrderBy(m => m.Name).ToList();

            return new Result(program.Id, program.Title, today, rows, mentors,
                teams.Select(t => t.Department).OfType<string>().Distinct().Order().ToList());
        }
    }
}

/// <summary>A mentor's week across every programme and organisation they serve.</summary>
public static class MentorHome
{
    [SignedIn]
    public sealed record Query : IRequest<Result>;

    public sealed record TeamRow(Guid ProgramId, string ProgramTitle, string OrganizationName, Guid TeamId, string TeamName, HealthView Health, DateOnly? LastCheckIn, int OverdueItems, bool DueThisWeek);

    public sealed record Result(IReadOnlyList<TeamRow> Teams, int CheckInsThisMonth, int MinutesThisMonth, IReadOnlyList<ActionItemView> OverdueItems);

    public sealed class Handler(CohortDbContext db, CurrentUser user, TimeProvider clock) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var userId = user.Id!.Value;
            var mentorIds = await db.Mentors.Where(m => m.UserId == userId).Select(m => m.Id).ToListAsync(cancellationToken);
            var teams = await db.MentorAssignments.Where(a => mentorIds.Contains(a.MentorId))
                .Select(a => a.Team!).Distinct().AsNoTracking().ToListAsync(cancellationToken);
            var programIds = teams.Select(t => t.ProgramId).Distinct().ToList();
            var programs = await db.Programs.AsNoTracking().Include(p => p.Organization).Where(p => programIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
            var todays = programs.Values.ToDictionary(p => p.Id, p => TeamHealth.Today(clock, p.TimeZone));

            // Every team's health in one pass (three queries), whatever the number of programmes.
            var health = await HealthLoader.ForTeamsAsync(db, teams, t => (programs[t.ProgramId], todays[t.ProgramId]), cancellationToken);
            var rows = new List<TeamRow>();
            var overdue = new List<ActionItemView>();
            foreach (var team in teams)
            {
                var program = programs[team.ProgramId];
                var today = todays[program.Id];
                var weekEnd = program.Calendar().AddWorkingDays(today, 5);
                var (view, latest, open) = health[team.Id];
                rows.Add(new TeamRow(program.Id, program.Title, program.Organization!.Name, team.Id, team.Name, view, latest?.HeldOn,
                    open.Count(i => i.IsOverdue(today)), view.NextCheckInDue <= weekEnd));
                overdue.AddRange(open.Where(i => i.IsOverdue(today)).Select(i => HealthLoader.View(i, today)));
            }

            // "This month" in Japan: the first programme's time zone (Asia/Tokyo unless configured), not UTC.
            var local = TeamHealth.Today(clock, programs.Values.FirstOrDefault()?.TimeZone ?? "Asia/Tokyo");
            var monthStart = new DateOnly(local.Year, local.Month, 1);
            var load = await db.CheckIns.Where(c => c.MentorId != null && mentorIds.Contains(c.MentorId.Value) && c.HeldOn >= monthStart)
                .Select(c => c.DurationMinutes).ToListAsync(cancellationToken);
            return new Result(
                rows.OrderByDescending(r => r.DueThisWeek).ThenByDescending(r => r.Health.Status).ThenBy(r => r.TeamName).ToList(),
                load.Count, load.Sum(), overdue.OrderBy(i => i.DueDate).ToList());
        }
    }
}
