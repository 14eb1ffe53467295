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
            var program = await db.Programs.GetAsync(request.ProgramId, cancellationToken);
            // Split: as one query SQLite materialises a subquery over every mentor assignment in the database on each request
            // (the benchmark's national dataset); apart, the assignments are found through the programme's teams.
            var teams = await db.Teams.Include(t => t.Mentors).ThenInclude(a => a.Mentor).Where(t => t.ProgramId == program.Id).OrderBy(t => t.Name)
                .AsSplitQuery().ToListAsync(cancellationToken);
            var today = TeamHealth.Today(clock, program.TimeZone);
            var health = await HealthLoader.ForTeamsAsync(db, program, teams, today, cancellationToken);
            var next = await db.Milestones.Where(m => m.Stage!.ProgramId == program.Id && m.DueDate >= today)
                .OrderBy(m => m.DueDate).Select(m => new { m.Name, m.DueDate }).FirstOrDefaultAsync(cancellationToken);

            var rows = teams
                .Where(t => request.MentorId is null || t.Mentors.Any(a => a.MentorId == request.MentorId))
                .Where(t => string.IsNullOrEmpty(request.Department) || t.Department == request.Department)
                .Select(t =>
                {
                    var (view, latest, open) = health[t.Id];
                    return new Row(t.Id, t.Name, t.Department, t.Mentors.Select(a => a.Mentor!.Name).Order().ToList(), view, latest?.HeldOn,
                        open.Count, open.Count(i => i.IsOverdue(today)), next?.Name, next?.DueDate);
                })
                .Where(r => !request.AtRiskOnly || r.Health.Status != HealthStatus.OnTrack)
                .OrderByDescending(r => r.Health.Status).ThenBy(r => r.TeamName)
                .ToList();

            var monthStart = new DateOnly(today.Year, today.Month, 1);
            var checkIns = await db.CheckIns.Where(c => c.ProgramId == program.Id && c.HeldOn >= monthStart && c.MentorId != null)
                .GroupBy(c => c.MentorId!.Value).Select(g => new { MentorId = g.Key, Count = g.Count(), Minutes = g.Sum(c => c.DurationMinutes) })
                .ToListAsync(cancellationToken);
            var mentors = teams.SelectMany(t => t.Mentors).GroupBy(a => a.MentorId)
                .Select(g =>
                {
                    var done = checkIns.FirstOrDefault(c => c.MentorId == g.Key);
                    return new MentorLoad(g.Key, g.First().Mentor!.Name, g.Count(), done?.Count ?? 0, done?.Minutes ?? 0);
                })
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
                .Select(a => a.Team!).Distinct().ToListAsync(cancellationToken);
            var programIds = teams.Select(t => t.ProgramId).Distinct().ToList();
            var programs = await db.Programs.Include(p => p.Organization).Where(p => programIds.Contains(p.Id)).ToListAsync(cancellationToken);

            var rows = new List<TeamRow>();
            var overdue = new List<ActionItemView>();
            foreach (var program in programs)
            {
                var today = TeamHealth.Today(clock, program.TimeZone);
                var weekEnd = program.Calendar().AddWorkingDays(today, 5);
                var mine = teams.Where(t => t.ProgramId == program.Id).ToList();
                var health = await HealthLoader.ForTeamsAsync(db, program, mine, today, cancellationToken);
                foreach (var team in mine)
                {
                    var (view, latest, open) = health[team.Id];
                    rows.Add(new TeamRow(program.Id, program.Title, program.Organization!.Name, team.Id, team.Name, view, latest?.HeldOn,
                        open.Count(i => i.IsOverdue(today)), view.NextCheckInDue <= weekEnd));
                    overdue.AddRange(open.Where(i => i.IsOverdue(today)).Select(i => HealthLoader.View(i, today)));
                }
            }

            // "This month" in Japan: the first programme's time zone (Asia/Tokyo unless configured), not UTC.
            var local = TeamHealth.Today(clock, programs.FirstOrDefault()?.TimeZone ?? "Asia/Tokyo");
            var monthStart = new DateOnly(local.Year, local.Month, 1);
            var load = await db.CheckIns.Where(c => c.MentorId != null && mentorIds.Contains(c.MentorId.Value) && c.HeldOn >= monthStart)
                .Select(c => c.DurationMinutes).ToListAsync(cancellationToken);
            return new Result(
                rows.OrderByDescending(r => r.DueThisWeek).ThenByDescending(r => r.Health.Status).ThenBy(r => r.TeamName).ToList(),
                load.Count, load.Sum(), overdue.OrderBy(i => i.DueDate).ToList());
        }
    }
}
