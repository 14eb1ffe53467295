using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Domain.Templates;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Features.Showcases;

public sealed record CriterionView(Guid Id, string Name, string? NameEn, string? Description, int MaxScore);

public sealed record MeetingView(MeetingState State, string? JoinUrl, string? WebLink, string? Error, int Attempts, DateTime? NextAttemptAt);

public static class ShowcaseList
{
    [ProgramAccess(ProgramPermission.Read)]
    public sealed record Query(Guid ProgramId) : IRequest<IReadOnlyList<Item>>, IProgramRequest;

    public sealed record Item(Guid Id, string Title, DateOnly Date, TimeOnly StartTime, TimeOnly EndTime, ShowcaseFormat Format, MeetingState MeetingState,
        bool Cancelled, bool ResultsPublished, int Slots);

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Query, IReadOnlyList<Item>>
    {
        public async Task<IReadOnlyList<Item>> Handle(Query request, CancellationToken cancellationToken) =>
            await db.Showcases.Where(s => s.ProgramId == request.ProgramId).OrderBy(s => s.Date).ThenBy(s => s.StartTime)
                .Select(s => new Item(s.Id, s.Title, s.Date, s.StartTime, s.EndTime, s.Format, s.MeetingState, s.CancelledAt != null, s.ResultsPublishedAt != null, s.Slots.Count))
                .ToListAsync(cancellationToken);
    }
}

/// <summary>A showcase with its agenda (times computed), each team's prototype and presentation, judges and the meeting.</summary>
public static class ShowcaseDetail
{
    [ProgramAccess(ProgramPermission.Read)]
    public sealed record Query(Guid ProgramId, Guid ShowcaseId) : IRequest<Result>, IProgramRequest;

    public sealed record FileLink(Guid SubmissionId, Guid FileId, string FileName);

    public sealed record WorkLink(Guid MilestoneId, Guid SubmissionId, int Version, string Title, SubmissionStatus Status);

    public sealed record SlotView(Guid Id, int Order, TimeOnly Start, TimeOnly End, Guid? TeamId, string? TeamName, string? Department, string? Title, int Minutes, int QaMinutes,
        string FeedbackKey, WorkLink? Prototype, WorkLink? Presentation, IReadOnlyList<FileLink> PresentationFiles);

    public sealed record JudgeView(Guid Id, Guid UserId, string Name, string? Email);

    public sealed record Result(Guid Id, Guid ProgramId, Guid Version, string Title, string? Description, DateOnly Date, TimeOnly StartTime, TimeOnly EndTime, string TimeZone,
        ShowcaseFormat Format, IReadOnlyList<string> Venues, bool InviteParticipants, bool InviteMentors, bool InviteOrganizers, IReadOnlyList<string> Guests,
        string PublicKey, MeetingView Meeting, DateTime? CancelledAt, string? CancelReason, string? ResultsSummary, DateTime? ResultsPublishedAt,
        IReadOnlyList<SlotView> Agenda, int OverrunMinutes, IReadOnlyList<JudgeView> Judges, int InviteeCount, bool CanManage, bool IsJudge, IReadOnlyList<TeamOption> TeamsWithoutSlot);

    public sealed record TeamOption(Guid Id, string Name);

    public sealed class Handler(CohortDbContext db, AccessService access, CurrentUser user) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var showcase = await db.Showcases.AsNoTracking().Include(s => s.Slots).ThenInclude(x => x.Team).Include(s => s.Judges).ThenInclude(j => j.User)
                .Where(s => s.ProgramId == request.ProgramId).GetAsync(request.ShowcaseId, cancellationToken);
            var program = await db.Programs.AsNoTracking().SingleAsync(p => p.Id == showcase.ProgramId, cancellationToken);
            var canManage = (await access.ForProgramAsync(program.Id, cancellationToken))?.Allows(ProgramPermission.Manage) ?? false;
            var work = await TeamWorkAsync(showcase, cancellationToken);
            var agenda = showcase.Agenda().Select(a => new SlotView(a.Slot.Id, a.Slot.Order, a.Start, a.End, a.Slot.TeamId, a.Slot.Team?.Name, a.Slot.Team?.Department,
                a.Slot.Title, a.Slot.Minutes, a.Slot.QaMinutes, a.Slot.FeedbackKey,
                a.Slot.TeamId is { } t && work.Prototypes.TryGetValue(t, out var p) ? p : null,
                a.Slot.TeamId is { } t2 && work.Presentations.TryGetValue(t2, out var d) ? d.Work : null,
                a.Slot.TeamId is { } t3 && work.Presentations.TryGetValue(t3, out var d2) ? d2.Files : [])).ToList();
            var slotted = showcase.Slots.Where(s => s.TeamId != null).Select(s => s.TeamId!.Value).ToHashSet();
            var unslotted = await db.Teams.Where(t => t.ProgramId == program.Id).OrderBy(t => t.Name).Select(t => new TeamOption(t.Id, t.Name)).ToListAsync(cancellationToken);
            var meeting = new MeetingView(showcase.MeetingState, showcase.IsCancelled ? null : showcase.MeetingJoinUrl, canManage ? showcase.MeetingWebLink : null,
                canManage ? showcase.MeetingError : null, showcase.MeetingAttempts, showcase.MeetingNextAttemptAt);
            var userId = user.Id;
            return new Result(showcase.Id, program.Id, showcase.Version, showcase.Title, showcase.Description, showcase.Date, showcase.StartTime, showcase.EndTime, program.TimeZone,
                showcase.Format, showcase.VenueList(), showcase.InviteParticipants, showcase.InviteMentors, showcase.InviteOrganizers, canManage ? showcase.GuestList() : [],
                showcase.PublicKey, meeting, showcase.CancelledAt, showcase.CancelReason, showcase.ResultsPublishedAt is null ? null : showcase.ResultsSummary, showcase.ResultsPublishedAt,
                agenda, showcase.OverrunMinutes(),
                showcase.Judges.OrderBy(j => j.User!.DisplayName).Select(j => new JudgeView(j.Id, j.UserId, j.User!.DisplayName, canManage ? j.User.Email : null)).ToList(),
                (await Invitees.ForAsync(db, showcase, cancellationToken)).Count, canManage, showcase.Judges.Any(j => j.UserId == userId),
                unslotted.Where(t => !slotted.Contains(t.Id)).ToList());
        }

        private sealed record Work(Dictionary<Guid, WorkLink> Prototypes, Dictionary<Guid, (WorkLink Work, IReadOnlyList<FileLink> Files)> Presentations);

        /// <summary>
        /// Per team: the prototype (the latest-due prototype deliverable, its latest accepted version or else its latest
        /// submitted one) and the presentation (see <see cref="ShowcasePresentations"/>).
        /// </summary>
        private async Task<Work> TeamWorkAsync(Showcase showcase, CancellationToken ct)
        {
            var teamIds = showcase.Slots.Where(s => s.TeamId != null).Select(s => s.TeamId!.Value).ToList();
            var rows = await db.Submissions.Where(s => teamIds.Contains(s.TeamId) && s.Milestone!.Deliverable == DeliverableType.Prototype)
                .Select(s => new
                {
                    s.Id, s.TeamId, s.MilestoneId, s.Status, s.Milestone!.DueDate,
                    Versions = s.Versions.Where(v => v.SubmittedAt != null).Select(v => new { v.Id, v.Number, v.Title }).ToList(),
                })
                .ToListAsync(ct);
            var versionIds = rows.SelectMany(r => r.Versions.Select(v => v.Id)).ToList();
            var accepted = await db.Reviews.Where(r => versionIds.Contains(r.SubmissionVersionId) && r.Decision == ReviewDecision.Accept)
                .Select(r => r.SubmissionVersionId).ToListAsync(ct);
            var work = new Work([], []);
            foreach (var team in rows.GroupBy(r => r.TeamId))
            {
                var prototype = team.Where(r => r.Versions.Count > 0).OrderByDescending(r => r.DueDate).FirstOrDefault();
                if (prototype is not null)
                {
                    var version = prototype.Versions.Where(v => accepted.Contains(v.Id)).MaxBy(v => v.Number) ?? prototype.Versions.MaxBy(v => v.Number)!;
                    work.Prototypes[team.Key] = new WorkLink(prototype.MilestoneId, prototype.Id, version.Number, version.Title, prototype.Status);
                }
            }

            foreach (var (teamId, deck) in await ShowcasePresentations.ForTeamsAsync(db, showcase.ProgramId, teamIds, ct))
            {
                work.Presentations[teamId] = (new WorkLink(deck.MilestoneId, deck.SubmissionId, deck.Version, deck.Title, deck.Status),
                    deck.Files.Select(f => new FileLink(deck.SubmissionId, f.FileId, f.FileName)).ToList());
            }

            return work;
        }
    }
}

/// <summary>The agenda as invitees without an account see it through the showcase's public link.</summary>
public static class PublicAgenda
{
    [Anyone]
    public sealed record Query(string PublicKey) : IRequest<Result>;

    public sealed record Row(TimeOnly Start, TimeOnly End, string? TeamName, string? Department, string? Title, bool IsBreak, string? FeedbackKey);

    public sealed record Result(string Title, string? Description, string ProgramTitle, DateOnly Date, TimeOnly StartTime, TimeOnly EndTime, string TimeZone, ShowcaseFormat Format,
        IReadOnlyList<string> Venues, string? JoinUrl, bool Cancelled, string? CancelReason, string? ResultsSummary, IReadOnlyList<Row> Agenda);

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var showcase = await db.Showcases.AsNoTracking().Include(s => s.Slots).ThenInclude(x => x.Team)
                .SingleOrDefaultAsync(s => s.PublicKey == request.PublicKey, cancellationToken) ?? throw new NotFoundException("Showcase");
            var program = await db.Programs.AsNoTracking().SingleAsync(p => p.Id == showcase.ProgramId, cancellationToken);
            return new Result(showcase.Title, showcase.Description, program.Title, showcase.Date, showcase.StartTime, showcase.EndTime, program.TimeZone, showcase.Format,
                showcase.VenueList(), showcase.IsCancelled ? null : showcase.MeetingJoinUrl, showcase.IsCancelled, showcase.CancelReason,
                showcase.ResultsPublishedAt is null ? null : showcase.ResultsSummary,
                showcase.Agenda().Select(a => new Row(a.Start, a.End, a.Slot.Team?.Name, a.Slot.Team?.Department, a.Slot.Title, a.Slot.IsBreak,
                    a.Slot.IsBreak || showcase.IsCancelled ? null : a.Slot.FeedbackKey)).ToList());
        }
    }
}

/// <summary>What the audience's feedback form shows for one slot (reached by its link or QR code).</summary>
public static class FeedbackForm
{
    [Anyone]
    public sealed record Query(string FeedbackKey) : IRequest<Result>;

    public sealed record Result(string ShowcaseTitle, string TeamName, string? Title, DateOnly Date, TimeOnly Start, bool Open, IReadOnlyList<CriterionView> Criteria);

    public sealed class Handler(CohortDbContext db, TimeProvider clock) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var slot = await db.ShowcaseSlots.AsNoTracking().Include(s => s.Team)
                .SingleOrDefaultAsync(s => s.FeedbackKey == request.FeedbackKey && s.TeamId != null, cancellationToken) ?? throw new NotFoundException("Feedback form");
            var showcase = await db.Showcases.AsNoTracking().Include(s => s.Slots).SingleAsync(s => s.Id == slot.ShowcaseId, cancellationToken);
            var timeZone = await db.Programs.Where(p => p.Id == showcase.ProgramId).Select(p => p.TimeZone).SingleAsync(cancellationToken);
            var start = showcase.Agenda().Single(a => a.Slot.Id == slot.Id).Start;
            var criteria = (await ShowcaseRubric.ForAsync(db, showcase.ProgramId, cancellationToken))
                .Select(c => new CriterionView(c.Id, c.Name, c.NameEn, c.Description, c.MaxScore)).ToList();
            return new Result(showcase.Title, slot.Team!.Name, slot.Title, showcase.Date, start,
                ShowcaseRubric.FeedbackOpen(showcase, timeZone, clock.GetUtcNow().UtcDateTime), criteria);
        }
    }
}

/// <summary>Totals, averages and comments per team, from the audience and (privately) the judges: organisers only.</summary>
public static class ShowcaseResults
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Query(Guid ProgramId, Guid ShowcaseId) : IRequest<Result>, IProgramRequest;

    public sealed record Comment(Guid Id, string Text, bool Hidden, DateTime At);

    public sealed record JudgeComment(string JudgeName, string Text, int Total);

    public sealed record TeamResult(Guid SlotId, Guid TeamId, string TeamName, int AudienceCount, IReadOnlyDictionary<Guid, double> AudienceAverages, double? AudienceOverall,
        int JudgeCount, int JudgeTotal, double? JudgeAverage, IReadOnlyDictionary<Guid, double> JudgeAverages, IReadOnlyList<Comment> Comments, IReadOnlyList<JudgeComment> JudgeComments);

    public sealed record Result(Guid ShowcaseId, string Title, IReadOnlyList<CriterionView> Criteria, IReadOnlyList<TeamResult> Teams, int JudgeCount,
        string? ResultsSummary, DateTime? ResultsPublishedAt);

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var showcase = await db.Showcases.AsNoTracking().Include(s => s.Slots).ThenInclude(x => x.Team).Include(s => s.Judges).ThenInclude(j => j.User)
                .Where(s => s.ProgramId == request.ProgramId).GetAsync(request.ShowcaseId, cancellationToken);
            var criteria = await ShowcaseRubric.ForAsync(db, showcase.ProgramId, cancellationToken);
            var feedback = await db.AudienceFeedback.AsNoTracking().Include(f => f.Scores).Where(f => f.ShowcaseId == showcase.Id).ToListAsync(cancellationToken);
            var cards = await db.JudgeScoreCards.AsNoTracking().Include(c => c.Scores).Where(c => c.ShowcaseId == showcase.Id).ToListAsync(cancellationToken);
            var judgeNames = await db.Users.Where(u => cards.Select(c => c.JudgeUserId).Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
            var teams = showcase.Slots.Where(s => s.TeamId != null).OrderBy(s => s.Order).Select(slot =>
            {
                var mine = feedback.Where(f => f.SlotId == slot.Id).ToList();
                var scored = cards.Where(c => c.SlotId == slot.Id).ToList();
                var audienceScores = mine.SelectMany(f => f.Scores).ToList();
                var judgeScores = scored.SelectMany(c => c.Scores).ToList();
                return new TeamResult(slot.Id, slot.TeamId!.Value, slot.Team!.Name, mine.Count,
                    Averages(audienceScores), audienceScores.Count == 0 ? null : Math.Round(audienceScores.Average(s => s.Score), 2),
                    scored.Count, judgeScores.Sum(s => s.Score), scored.Count == 0 ? null : Math.Round(scored.Average(c => c.Scores.Sum(s => s.Score)), 2),
                    Averages(judgeScores),
                    mine.Where(f => f.Comment != null).OrderBy(f => f.CreatedAt).Select(f => new Comment(f.Id, f.Comment!, f.Hidden, f.CreatedAt)).ToList(),
                    scored.Where(c => c.Comment != null).Select(c => new JudgeComment(judgeNames.GetValueOrDefault(c.JudgeUserId, "?"), c.Comment!, c.Scores.Sum(s => s.Score))).ToList());
            }).ToList();
            return new Result(showcase.Id, showcase.Title, criteria.Select(c => new CriterionView(c.Id, c.Name, c.NameEn, c.Description, c.MaxScore)).ToList(),
                teams, showcase.Judges.Count, showcase.ResultsSummary, showcase.ResultsPublishedAt);
        }

        private static Dictionary<Guid, double> Averages(IEnumerable<FeedbackScore> scores) =>
            scores.GroupBy(s => s.CriterionId).ToDictionary(g => g.Key, g => Math.Round(g.Average(s => s.Score), 2));
    }
}

/// <summary>What the audience and the judges said about a team's presentation, for the team once the showcase is over. Judges' scores stay private.</summary>
public static class TeamShowcaseFeedback
{
    [ProgramAccess(ProgramPermission.TeamWork)]
    public sealed record Query(Guid ProgramId, Guid TeamId) : IRequest<IReadOnlyList<Item>>, ITeamRequest;

    public sealed record Item(Guid ShowcaseId, string Title, DateOnly Date, int AudienceCount, IReadOnlyList<CriterionAverage> Averages, IReadOnlyList<string> Comments,
        IReadOnlyList<string> JudgeComments);

    public sealed record CriterionAverage(string Name, string? NameEn, int MaxScore, double Average);

    public sealed class Handler(CohortDbContext db, TimeProvider clock) : IRequestHandler<Query, IReadOnlyList<Item>>
    {
        public async Task<IReadOnlyList<Item>> Handle(Query request, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().GetAsync(request.ProgramId, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var slots = await db.ShowcaseSlots.AsNoTracking().Where(s => s.TeamId == request.TeamId)
                .Join(db.Showcases.Where(s => s.ProgramId == program.Id && s.CancelledAt == null), s => s.ShowcaseId, s => s.Id, (slot, showcase) => new { slot.Id, Showcase = showcase })
                .ToListAsync(cancellationToken);
            var past = slots.Where(s => s.Showcase.EndUtc(program.TimeZone) <= now).OrderBy(s => s.Showcase.Date).ToList();
            if (past.Count == 0)
            {
                return [];
            }

            // The team page asks this on every load: one query per kind, not per showcase.
            var ids = past.Select(s => s.Id).ToList();
            var criteria = (await ShowcaseRubric.ForAsync(db, program.Id, cancellationToken)).ToDictionary(c => c.Id);
            var allFeedback = (await db.AudienceFeedback.AsNoTracking().Include(f => f.Scores).Where(f => ids.Contains(f.SlotId)).ToListAsync(cancellationToken)).ToLookup(f => f.SlotId);
            var allJudgeComments = (await db.JudgeScoreCards.Where(c => ids.Contains(c.SlotId) && c.Comment != null).Select(c => new { c.SlotId, c.Comment }).ToListAsync(cancellationToken))
                .ToLookup(c => c.SlotId, c => c.Comment!);
            var items = new List<Item>();
            foreach (var slot in past)
            {
                var feedback = allFeedback[slot.Id].ToList();
                var judgeComments = allJudgeComments[slot.Id].ToList();
                var averages = feedback.SelectMany(f => f.Scores).Where(s => criteria.ContainsKey(s.CriterionId)).GroupBy(s => s.CriterionId)
                    .OrderBy(g => criteria[g.Key].Order)
                    .Select(g => new CriterionAverage(criteria[g.Key].Name, criteria[g.Key].NameEn, criteria[g.Key].MaxScore, Math.Round(g.Average(s => s.Score), 2))).ToList();
                items.Add(new Item(slot.Showcase.Id, slot.Showcase.Title, slot.Showcase.Date, feedback.Count, averages,
                    feedback.Where(f => f.Comment != null && !f.Hidden).OrderBy(f => f.CreatedAt).Select(f => f.Comment!).ToList(), judgeComments));
            }

            return items;
        }
    }
}

/// <summary>A judge's scoring sheet: every presentation with the judge's own scores so far.</summary>
public static class JudgeSheet
{
    [SignedIn]
    public sealed record Query(Guid ShowcaseId) : IRequest<Result>;

    public sealed record Row(Guid SlotId, TimeOnly Start, string TeamName, IReadOnlyDictionary<Guid, int> Scores, string? Comment);

    public sealed record Result(Guid ShowcaseId, Guid ProgramId, string Title, DateOnly Date, bool Cancelled, IReadOnlyList<CriterionView> Criteria, IReadOnlyList<Row> Rows);

    public sealed class Handler(CohortDbContext db, CurrentUser user) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var userId = user.Id!.Value;
            var showcase = await db.Showcases.AsNoTracking().Include(s => s.Slots).ThenInclude(x => x.Team)
                .Where(s => s.Judges.Any(j => j.UserId == userId)).SingleOrDefaultAsync(s => s.Id == request.ShowcaseId, cancellationToken)
                ?? throw new NotFoundException("Showcase");
            var cards = await db.JudgeScoreCards.AsNoTracking().Include(c => c.Scores).Where(c => c.ShowcaseId == showcase.Id && c.JudgeUserId == userId)
                .ToDictionaryAsync(c => c.SlotId, cancellationToken);
            var criteria = await ShowcaseRubric.ForAsync(db, showcase.ProgramId, cancellationToken);
            return new Result(showcase.Id, showcase.ProgramId, showcase.Title, showcase.Date, showcase.IsCancelled,
                criteria.Select(c => new CriterionView(c.Id, c.Name, c.NameEn, c.Description, c.MaxScore)).ToList(),
                showcase.Agenda().Where(a => !a.Slot.IsBreak).Select(a => new Row(a.Slot.Id, a.Start, a.Slot.Team!.Name,
                    cards.TryGetValue(a.Slot.Id, out var card) ? card.Scores.ToDictionary(s => s.CriterionId, s => s.Score) : new Dictionary<Guid, int>(),
                    cards.TryGetValue(a.Slot.Id, out var c2) ? c2.Comment : null)).ToList());
        }
    }
}

/// <summary>The showcases the signed-in person judges (for their home page).</summary>
public static class MyJudging
{
    [SignedIn]
    public sealed record Query : IRequest<IReadOnlyList<Item>>;

    public sealed record Item(Guid ShowcaseId, string Title, DateOnly Date, string ProgramTitle);

    public sealed class Handler(CohortDbContext db, CurrentUser user) : IRequestHandler<Query, IReadOnlyList<Item>>
    {
        public async Task<IReadOnlyList<Item>> Handle(Query request, CancellationToken cancellationToken)
        {
            var userId = user.Id!.Value;
            var rows = await (from j in db.ShowcaseJudges
                              where j.UserId == userId
                              join s in db.Showcases on j.ShowcaseId equals s.Id
                              where s.CancelledAt == null
                              join p in db.Programs on s.ProgramId equals p.Id
                              orderby s.Date
                              select new { s.Id, s.Title, s.Date, ProgramTitle = p.Title }).ToListAsync(cancellationToken);
            return rows.Select(r => new Item(r.Id, r.Title, r.Date, r.ProgramTitle)).ToList();
        }
    }
}
