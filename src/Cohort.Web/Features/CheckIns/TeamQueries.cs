using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure.Auth;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Features.CheckIns;

public sealed record ActionItemView(Guid Id, string Title, string? Owner, DateOnly DueDate, ActionItemStatus Status, int CarryOverCount, bool Overdue, bool Flagged, string? Resolution, string? CompletionComment, string? EvidenceUrl, DateTime? CompletedAt, Guid Version);

public sealed record HealthView(HealthStatus Status, IReadOnlyList<HealthReason> Reasons, DateOnly NextCheckInDue, bool CheckInOverdue, int CadenceWorkingDays);

/// <summary>Loads what team health needs, for one team or many, with the same rule for all.</summary>
internal static class HealthLoader
{
    public static async Task<Dictionary<Guid, (HealthView Health, CheckIn? Latest, List<ActionItem> Open)>> ForTeamsAsync(
        CohortDbContext db, TrainingProgram program, IReadOnlyCollection<Team> teams, DateOnly today, CancellationToken ct)
    {
        var ids = teams.Select(t => t.Id).ToList();
        var checkIns = await db.CheckIns.Where(c => ids.Contains(c.TeamId)).ToListAsync(ct);
        var open = await db.ActionItems.Include(i => i.OwnerParticipant).Where(i => ids.Contains(i.TeamId) && i.Status == ActionItemStatus.Open).ToListAsync(ct);
        var calendar = program.Calendar();
        var result = new Dictionary<Guid, (HealthView, CheckIn?, List<ActionItem>)>();
        foreach (var team in teams)
        {
            var latest = checkIns.Where(c => c.TeamId == team.Id).OrderByDescending(c => c.HeldOn).ThenByDescending(c => c.CreatedAt).FirstOrDefault();
            var items = open.Where(i => i.TeamId == team.Id).ToList();
            var cadence = team.CheckInCadenceWorkingDays ?? program.CheckInCadenceWorkingDays;
            var signal = TeamHealth.Evaluate(today, calendar, cadence, program.StartDate, latest, items);
            result[team.Id] = (new HealthView(signal.Status, signal.Reasons, signal.NextCheckInDue, signal.CheckInOverdue, cadence), latest, items);
        }

        return result;
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
            var program = await db.Programs.GetAsync(request.ProgramId, cancellationToken);
            var team = await db.Teams.Include(t => t.Members).Where(t => t.ProgramId == program.Id).GetAsync(request.TeamId, cancellationToken);
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
            var program = await db.Programs.GetAsync(request.ProgramId, cancellationToken);
            var team = await db.Teams.Where(t => t.ProgramId == program.Id).GetAsync(request.TeamId, cancellationToken);
            var today = TeamHealth.Today(clock, program.TimeZone);
            var loaded = (await HealthLoader.ForTeamsAsync(db, program, [team], today, cancellationToken))[team.Id];
            var caller = await access.RequireProgramAsync(program.Id, ProgramPermission.TeamWork, team.Id, cancellationToken);
            var privateNotes = caller.SeesPrivateNotes(team.Id);

            var checkIns = await db.CheckIns.Include(c => c.Mentor).Include(c => c.Replies).Where(c => c.TeamId == team.Id).ToListAsync(cancellationToken);
            var items = await db.ActionItems.Include(i => i.OwnerParticipant).Where(i => i.TeamId == team.Id).ToListAsync(cancellationToken);
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

            return new Result(team.Id, team.Name, team.Department, team.ProblemTheme, loaded.Health, privateNotes, caller.Allows(ProgramPermission.MentorTeam, team.Id),
                loaded.Open.OrderBy(i => i.DueDate).Select(i => HealthLoader.View(i, today)).ToList(),
                entries.OrderByDescending(e => e.Date).ThenBy(e => e.Kind).ToList());
        }
    }
}
