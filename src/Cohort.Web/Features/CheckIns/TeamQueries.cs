using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Features.CheckIns;

public sealed record ActionItemView(Guid Id, string Title, string? Owner, DateOnly DueDate, ActionItemStatus Status, int CarryOverCount, bool Overdue, bool Flagged, string? Resolution, string? CompletionComment, string? EvidenceUrl, DateTime? CompletedAt, Guid Version);

public sealed record HealthView(HealthStatus Status, IReadOnlyList<HealthReason> Reasons, DateOnly NextCheckInDue, bool CheckInOverdue, int CadenceWorkingDays);

/// <summary>Loads what team health needs, for one team or many, with the same rule for all.</summary>
internal static class HealthLoader
{
    /// <summary>
    /// Each team's health, latest check-in and open items (with their owners, for views): three queries whatever the
    /// number of teams, and only the latest check-in of each team is read.
    /// </summary>
    public static Task<Dictionary<Guid, (HealthView Health, LastCheckIn? Latest, List<ActionItem> Open)>> ForTeamsAsync(
        CohortDbContext db, TrainingProgram program, IReadOnlyCollection<Team> teams, DateOnly today, CancellationToken ct) =>
        ForTeamsAsync(db, teams, _ => (program, today), ct);

    /// <summary>Teams of several programmes at once (a mentor's): each with its own programme's rule and today.</summary>
    public static async Task<Dictionary<Guid, (HealthView Health, LastCheckIn? Latest, List<ActionItem> Open)>> ForTeamsAsync(
        CohortDbContext db, IReadOnlyCollection<Team> teams, Func<Team, (TrainingProgram Program, DateOnly Today)> programOf, CancellationToken ct)
    {
        var ids = teams.Select(t => t.Id).ToList();
        var latest = await db.Teams.Where(t => ids.Contains(t.Id))
            .Select(t => new
            {
                t.Id,
                // One scalar subquery per column: SQLite has no APPLY for a row-valued one.
                HeldOn = db.CheckIns.Where(c => c.TeamId == t.Id).OrderByDescending(c => c.HeldOn).ThenByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
                    .Select(c => (DateOnly?)c.HeldOn).FirstOrDefault(),
                Health = db.CheckIns.Where(c => c.TeamId == t.Id).OrderByDescending(c => c.HeldOn).ThenByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
                    .Select(c => (HealthStatus?)c.Health).FirstOrDefault(),
                Reason = db.CheckIns.Where(c => c.TeamId == t.Id).OrderByDescending(c => c.HeldOn).ThenByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
                    .Select(c => c.HealthReason).FirstOrDefault(),
            })
            .ToDictionaryAsync(x => x.Id, x => x.HeldOn is { } heldOn ? new LastCheckIn(heldOn, x.Health!.Value, x.Reason) : null, ct);
        var open = await db.ActionItems.AsNoTracking().Include(i => i.OwnerParticipant)
            .Where(i => ids.Contains(i.TeamId) && i.Status == ActionItemStatus.Open).ToListAsync(ct);
        var result = new Dictionary<Guid, (HealthView, LastCheckIn?, List<ActionItem>)>();
        foreach (var team in teams)
        {
            var (program, today) = programOf(team);
            var last = latest.GetValueOrDefault(team.Id);
            var items = open.Where(i => i.TeamId == team.Id).ToList();
            result[team.Id] = (Evaluate(program, team.CheckInCadenceWorkingDays, today, last, items), last, items);
        }

        return result;
    }

    /// <summary>The same rule over a team's check-ins and open items already loaded.</summary>
    public static HealthView FromLoaded(TrainingProgram program, Team team, DateOnly today, IEnumerable<CheckIn> checkIns, IReadOnlyCollection<ActionItem> open) =>
        Evaluate(program, team.CheckInCadenceWorkingDays, today,
            LastCheckIn.Of(checkIns.OrderByDescending(c => c.HeldOn).ThenByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).FirstOrDefault()), open);

    /// <summary>The rule over open items in memory: counted as the database counts them for the dashboard.</summary>
    private static HealthView Evaluate(TrainingProgram program, int? teamCadence, DateOnly today, LastCheckIn? latest, IReadOnlyCollection<ActionItem> open) =>
        Evaluate(program, teamCadence, today, latest, open.Count(i => i.IsOverdue(today)), open.Count(i => i.CarryOverCount >= ActionItem.CarryOverFlag));

    /// <summary>The rule with the open items counted (in the database or in memory).</summary>
    public static HealthView Evaluate(TrainingProgram program, int? teamCadence, DateOnly today, LastCheckIn? latest, int overdueItems, int carriedOverItems)
    {
        var cadence = teamCadence ?? program.CheckInCadenceWorkingDays;
        var signal = TeamHealth.Evaluate(today, program.Calendar(), cadence, program.StartDate, latest, overdueItems, carriedOverItems);
        return new HealthView(signal.Status, signal.Reasons, signal.NextCheckInDue, signal.CheckInOverdue, cadence);
    }

    public static ActionItemView View(ActionItem i, DateOnly today) =>
        new(i.Id, i.Title, i.OwnerParticipant?.Name, i.DueDate, i.Status, i.CarryOverCount, i.IsOverdue(today), i.IsFlagged(today), i.Resolution, i.CompletionComment, i.EvidenceUrl, i.CompletedAt, i.Version);
}

/// <summary>What a mentor needs to start a check-in: the open items to decide on and who can own new ones.</summary>
public static class CheckInForm
{
    [ProgramAccess(ProgramPermission.MentorTeam)]
    public sealed record Query(Guid ProgramId, Guid TeamId) : IRequest<Result>, ITeamRequest;

    public sealed record Member(Guid Id, string Name);

    public sealed record Result(Guid TeamId, string TeamName, DateOnly Today, IReadOnlyList<ActionItemView> OpenItems, IReadOnlyList<Member> Members, HealthView Health);

    public sealed class Handler(CohortDbContext db, TimeProvider clock) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().GetAsync(request.ProgramId, cancellationToken);
            var team = await db.Teams.AsNoTracking().Include(t => t.Members).Where(t => t.ProgramId == program.Id).GetAsync(request.TeamId, cancellationToken);
            var today = TeamHealth.Today(clock, program.TimeZone);
            var loaded = (await HealthLoader.ForTeamsAsync(db, program, [team], today, cancellationToken))[team.Id];
            return new Result(team.Id, team.Name, today,
                loaded.Open.OrderBy(i => i.DueDate).Select(i => HealthLoader.View(i, today)).ToList(),
                team.Members.OrderBy(m => m.Name).Select(m => new Member(m.Id, m.Name)).ToList(),
                loaded.Health);
        }
    }
}

/// <summary>A team's page: health with reasons, action items, and check-ins with replies in one chronological view.</summary>
public static class TeamTimeline
{
    [ProgramAccess(ProgramPermission.TeamWork)]
    public sealed record Query(Guid ProgramId, Guid TeamId) : IRequest<Result>, ITeamRequest;

    public sealed record Reply(string AuthorName, string Text, DateTime At);

    public sealed record CheckInView(Guid Id, DateOnly HeldOn, int DurationMinutes, CheckInFormat Format, string? Mentor, string? Attendees, string? SharedNotes, string? PrivateNotes, HealthStatus Health, string? HealthReason, string? Blockers, IReadOnlyList<Reply> Replies, IReadOnlyList<string> Raised, Guid Version);

    public sealed record Entry(DateOnly Date, string Kind, CheckInView? CheckIn, ActionItemView? Item);

    public sealed record Result(Guid TeamId, string TeamName, string? Department, string? ProblemTheme, HealthView Health, bool SeesPrivateNotes, bool CanRecordCheckIns, IReadOnlyList<ActionItemView> OpenItems, IReadOnlyList<Entry> Entries);

    public sealed class Handler(CohortDbContext db, TimeProvider clock, AccessService access) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var found = await db.Teams.AsNoTracking().Where(t => t.Id == request.TeamId && t.ProgramId == request.ProgramId)
                .Select(t => new { Team = t, t.Program }).SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException(nameof(Team));
            var (team, program) = (found.Team, found.Program!);
            var today = TeamHealth.Today(clock, program.TimeZone);
            var caller = await access.RequireProgramAsync(program.Id, ProgramPermission.TeamWork, team.Id, cancellationToken);
            var privateNotes = caller.SeesPrivateNotes(team.Id);

            // Health comes from the same check-ins and items the page lists, not from a second read of them.
            var checkIns = await db.CheckIns.AsNoTracking().Include(c => c.Mentor).Include(c => c.Replies).Where(c => c.TeamId == team.Id)
                .ToListAsync(cancellationToken);
            var items = await db.ActionItems.AsNoTracking().Include(i => i.OwnerParticipant).Where(i => i.TeamId == team.Id).ToListAsync(cancellationToken);
            var open = items.Where(i => i.Status == ActionItemStatus.Open).ToList();
            var health = HealthLoader.FromLoaded(program, team, today, checkIns, open);
            var entries = new List<Entry>();
            foreach (var c in checkIns)
            {
                var view = new CheckInView(c.Id, c.HeldOn, c.DurationMinutes, c.Format, c.Mentor?.Name, c.Attendees, c.SharedNotes,
                    privateNotes ? c.PrivateNotes : null, c.Health, c.HealthReason, c.Blockers,
                    c.Replies.OrderBy(r => r.CreatedAt).Select(r => new Reply(r.AuthorName, r.Text, r.CreatedAt)).ToList(),
                    items.Where(i => i.RaisedInCheckInId == c.Id).Select(i => i.Title).ToList(), c.Version);
                entries.Add(new Entry(c.HeldOn, "CheckIn", view, null));
            }

            foreach (var i in items.Where(i => i.Status != ActionItemStatus.Open || i.CompletedAt is not null))
            {
                var date = i.CompletedAt is { } done && i.Status == ActionItemStatus.Open
                    ? DateOnly.FromDateTime(done)
                    : checkIns.FirstOrDefault(c => c.Id == i.ClosedInCheckInId)?.HeldOn ?? i.DueDate;
                entries.Add(new Entry(date, i.Status == ActionItemStatus.Open ? "ItemMarkedDone" : i.Status.ToString(), null, HealthLoader.View(i, today)));
            }

            return new Result(team.Id, team.Name, team.Department, team.ProblemTheme, health, privateNotes, caller.Allows(ProgramPermission.MentorTeam, team.Id),
                open.OrderBy(i => i.DueDate).Select(i => HealthLoader.View(i, today)).ToList(),
                entries.OrderByDescending(e => e.Date).ThenBy(e => e.Kind).ToList());
        }
    }
}
