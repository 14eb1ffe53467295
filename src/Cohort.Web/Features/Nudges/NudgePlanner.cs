using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Features.Showcases;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Features.Nudges;

/// <summary>
/// Works out, from the facts as they are now, which nudges should exist for a programme; adds the missing ones and
/// cancels pending ones that are no longer true (the thing was done, moved or switched off). Runs right before every
/// dispatch, so what is sent is checked against the facts at send time.
/// </summary>
public sealed class NudgePlanner(CohortDbContext db, TimeProvider clock)
{
    /// <summary>Nudges whose time is further back than this are not created: a stale reminder is noise.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromDays(2);

    public static readonly TimeSpan Horizon = TimeSpan.FromDays(14);

    /// <summary>Showcase reminders go out this long before the start, at that exact time.</summary>
    public static readonly TimeSpan ShowcaseSoonBefore = TimeSpan.FromHours(1);

    /// <summary>The request for feedback goes out this long after the showcase ends.</summary>
    public static readonly TimeSpan FeedbackAfterEnd = TimeSpan.FromMinutes(15);

    /// <summary>Teams without their presentation are reminded this many working days before the showcase.</summary>
    public const int PresentationUploadWorkingDays = 3;

    /// <summary>The latest follow-up a programme may ask for, in days after the showcase.</summary>
    public const int MaxFollowUpDays = 730;

    public sealed record Desired(NudgeKind Kind, Guid SubjectId, DateOnly SubjectDate, Guid Recipient, DateTime DueAt, TimeOnly? SubjectTime = null)
    {
        public string Key => Nudge.KeyFor(Kind, SubjectId, Recipient, SubjectDate, SubjectTime);
    }

    public async Task PlanAllAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var active = await db.Programs.Where(p => p.Stages.Any(s => s.EndDate >= today.AddDays(-14))
                || db.Showcases.Any(s => s.ProgramId == p.Id && s.CancelledAt == null && s.Date >= today.AddDays(-14))
                || db.Cases.Any(c => c.ProgramId == p.Id && c.RequestedLevel != null))
            .Select(p => p.Id).ToListAsync(ct);

        // Finished programmes come back only around their follow-up days (a few days either side), not every run for two years.
        var since = today.AddDays(-(MaxFollowUpDays + (int)Horizon.TotalDays));
        var past = await db.Showcases.Where(s => s.CancelledAt == null && s.Date >= since && s.Date < today.AddDays(-14))
            .Select(s => new { s.ProgramId, s.Date, Days = db.Programs.Where(p => p.Id == s.ProgramId).Select(p => p.CaseFollowUpDays).First() })
            .ToListAsync(ct);
        var stale = (int)StaleAfter.TotalDays + 1;
        active.AddRange(past.Where(s => TrainingProgram.ParseFollowUpDays(s.Days).Any(d => s.Date.AddDays(d) >= today.AddDays(-stale) && s.Date.AddDays(d) <= today.AddDays(Horizon.Days)))
            .Select(s => s.ProgramId));
        foreach (var programId in active.Distinct())
        {
            await PlanAsync(programId, ct);
        }
    }

    public async Task PlanAsync(Guid programId, CancellationToken ct)
    {
        var program = await db.Programs.Include(p => p.Stages).ThenInclude(s => s.Milestones).AsSplitQuery().SingleAsync(p => p.Id == programId, ct);
        var desired = await DesiredAsync(program, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var pending = await db.Nudges.AsNoTracking().Where(n => n.ProgramId == programId && n.State == NudgeState.Pending)
            .Select(n => new { n.Id, n.DedupeKey }).ToListAsync(ct);
        var wanted = desired.ToDictionary(d => d.Key);

        // Only while still pending: another instance may have sent one since it was read, and a sent nudge stays sent.
        var stale = pending.Where(n => !wanted.ContainsKey(n.DedupeKey)).Select(n => n.Id).ToList();
        if (stale.Count > 0)
        {
            await db.Nudges.Where(n => stale.Contains(n.Id) && n.State == NudgeState.Pending)
                .ExecuteUpdateAsync(u => u.SetProperty(n => n.State, NudgeState.Cancelled).SetProperty(n => n.CancelReason, "no longer true"), ct);
        }

        var known = await db.Nudges.Where(n => n.ProgramId == programId).Select(n => n.DedupeKey).ToListAsync(ct);
        var fresh = desired.Where(d => d.DueAt >= now - StaleAfter && d.DueAt <= now + Horizon).ExceptBy(known, d => d.Key).ToList();
        foreach (var d in fresh)
        {
            db.Nudges.Add(new Nudge
            {
                ProgramId = programId,
                RecipientUserId = d.Recipient,
                Kind = d.Kind,
                SubjectId = d.SubjectId,
                SubjectDate = d.SubjectDate,
                DedupeKey = d.Key,
                DueAt = d.DueAt,
                CreatedAt = now,
            });
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance planned the same programme at the same moment: its rows stand, ours are dropped.
            db.ChangeTracker.Clear();
        }
    }

    private async Task<List<Desired>> DesiredAsync(TrainingProgram program, CancellationToken ct)
    {
        var calendar = program.Calendar();
        var today = Domain.TeamHealth.Today(clock, program.TimeZone);
        var result = new List<Desired>();
        var muted = await db.Users.Where(u => u.MutedNudgeKinds != null && u.MutedNudgeKinds != "").ToDictionaryAsync(u => u.Id, ct);

        bool Sends(NudgeKind kind, Guid recipient) => program.Sends(kind) && !(muted.TryGetValue(recipient, out var user) && user.Mutes(kind));

        void Want(NudgeKind kind, Guid subject, DateOnly date, Guid recipient, DateOnly sendOn)
        {
            if (Sends(kind, recipient))
            {
                result.Add(new Desired(kind, subject, date, recipient, program.MorningOfUtc(sendOn)));
            }
        }

        var teams = await db.Teams.Where(t => t.ProgramId == program.Id).ToListAsync(ct);
        var mentorUsers = await db.MentorAssignments.Where(a => a.Team!.ProgramId == program.Id && a.Mentor!.UserId != null)
            .Select(a => new { a.TeamId, UserId = a.Mentor!.UserId!.Value }).ToListAsync(ct);
        var memberUsers = await db.Participants.Where(p => p.ProgramId == program.Id && p.UserId != null && p.TeamId != null)
            .Select(p => new { p.Id, TeamId = p.TeamId!.Value, UserId = p.UserId!.Value }).ToListAsync(ct);
        var organizers = await db.ProgramMembers.Where(m => m.ProgramId == program.Id && m.Role == ProgramRole.Organizer).Select(m => m.UserId)
            .Union(db.OrganizationMembers.Where(m => m.OrganizationId == program.OrganizationId && m.Role == OrganizationRole.Admin).Select(m => m.UserId))
            .ToListAsync(ct);
        var lastCheckIns = await db.CheckIns.Where(c => c.ProgramId == program.Id).GroupBy(c => c.TeamId)
            .Select(g => new { TeamId = g.Key, Last = g.Max(c => c.HeldOn) }).ToDictionaryAsync(x => x.TeamId, x => x.Last, ct);

        foreach (var team in teams)
        {
            var cadence = team.CheckInCadenceWorkingDays ?? program.CheckInCadenceWorkingDays;
            var last = lastCheckIns.TryGetValue(team.Id, out var l) ? l : program.StartDate;
            var due = calendar.AddWorkingDays(last, cadence);
            foreach (var mentor in mentorUsers.Where(m => m.TeamId == team.Id))
            {
                Want(NudgeKind.CheckInDue, team.Id, due, mentor.UserId, due);
                Want(NudgeKind.CheckInOverdue, team.Id, due, mentor.UserId, calendar.AddWorkingDays(due, program.CheckInGraceWorkingDays));
            }

            // Two cadences without a check-in: the organisers hear about it.
            var escalateOn = calendar.AddWorkingDays(due, cadence);
            if (today >= escalateOn)
            {
                foreach (var organizer in organizers)
                {
                    Want(NudgeKind.Escalation, team.Id, due, organizer, escalateOn);
                }
            }
        }

        var items = await db.ActionItems.Where(i => i.ProgramId == program.Id && i.Status == ActionItemStatus.Open).ToListAsync(ct);
        foreach (var item in items)
        {
            var owners = item.OwnerParticipantId is { } owner
                ? memberUsers.Where(m => m.Id == owner).Select(m => m.UserId)
                : mentorUsers.Where(m => m.TeamId == item.TeamId).Select(m => m.UserId);
            // Marked done by the team: nothing to remind of until the mentor confirms it at the next check-in.
            if (item.CompletedAt is not null)
            {
                continue;
            }

            foreach (var recipient in owners.Distinct())
            {
                Want(NudgeKind.ActionItemDue, item.Id, item.DueDate, recipient, calendar.AddWorkingDays(item.DueDate, -program.ActionItemReminderWorkingDays));
                Want(NudgeKind.ActionItemOverdue, item.Id, item.DueDate, recipient, calendar.AddWorkingDays(item.DueDate, 1));
            }
        }

        // Deliverables: a reminder before the due date, and an overdue notice the working day after it, for the members
        // of each team whose stage is open and who have not handed it in yet.
        var handedIn = (await db.Submissions.Where(s => s.ProgramId == program.Id && s.Status != SubmissionStatus.Draft)
            .Select(s => new { s.TeamId, s.MilestoneId }).ToListAsync(ct)).Select(x => (x.TeamId, x.MilestoneId)).ToHashSet();
        var gates = await db.StageGates.Where(g => g.ProgramId == program.Id).ToListAsync(ct);
        bool Open(Guid teamId, Stage stage) =>
            gates.FirstOrDefault(g => g.TeamId == teamId && g.StageId == stage.Id) is { } g ? g.State == GateState.Open : stage.Order == 1;
        foreach (var stage in program.Stages)
        {
            // A self-assessment is answered by each person, not handed in by the team: planned below.
            foreach (var milestone in stage.Milestones.Where(m => m.Deliverable is not (Domain.Templates.DeliverableType.None or Domain.Templates.DeliverableType.Assessment)))
            {
                foreach (var member in memberUsers.Where(m => Open(m.TeamId, stage) && !handedIn.Contains((m.TeamId, milestone.Id))))
                {
                    if (milestone.DueDate >= today)
                    {
                        Want(NudgeKind.MilestoneDueSoon, milestone.Id, milestone.DueDate, member.UserId, calendar.AddWorkingDays(milestone.DueDate, -program.MilestoneReminderWorkingDays));
                    }

                    Want(NudgeKind.MilestoneOverdue, milestone.Id, milestone.DueDate, member.UserId, calendar.AddWorkingDays(milestone.DueDate, 1));
                }
            }
        }

        // Self-assessments: each participant with an account is told when a phase opens and reminded before it is due,
        // whatever their team's stage, until they have answered it.
        if (program.AssessmentFrameworkKey is not null)
        {
            var answered = (await db.SelfAssessments.Where(a => a.ProgramId == program.Id).Select(a => new { a.ParticipantId, a.Phase }).ToListAsync(ct))
                .Select(a => (a.ParticipantId, a.Phase)).ToHashSet();
            foreach (var window in Domain.Assessments.AssessmentWindow.For(program).Where(w => w.Closes >= today))
            {
                foreach (var member in memberUsers.Where(m => !answered.Contains((m.Id, window.Phase))))
                {
                    Want(NudgeKind.AssessmentOpen, window.MilestoneId, window.Due, member.UserId, window.Opens);
                    if (window.Due >= today)
                    {
                        // Never before the phase opens: a long reminder lead would otherwise ask for an answer that cannot be given yet.
                        var remindOn = calendar.AddWorkingDays(window.Due, -program.MilestoneReminderWorkingDays);
                        Want(NudgeKind.AssessmentDueSoon, window.MilestoneId, window.Due, member.UserId, remindOn > window.Opens ? remindOn : window.Opens);
                    }
                }
            }
        }

        // Submissions waiting for review remind the team's mentors; reviewing them cancels the reminder.
        var waiting = await db.SubmissionVersions
            .Where(v => v.SubmittedAt != null && db.Submissions.Any(s => s.Id == v.SubmissionId && s.ProgramId == program.Id && s.Status == SubmissionStatus.Submitted)
                && !db.SubmissionVersions.Any(later => later.SubmissionId == v.SubmissionId && later.Number > v.Number))
            .Select(v => new { v.SubmissionId, v.SubmittedAt, TeamId = db.Submissions.Where(s => s.Id == v.SubmissionId).Select(s => s.TeamId).First() })
            .ToListAsync(ct);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(program.TimeZone);
        foreach (var w in waiting)
        {
            var submittedOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(w.SubmittedAt!.Value, zone));
            foreach (var mentor in mentorUsers.Where(m => m.TeamId == w.TeamId))
            {
                Want(NudgeKind.ReviewWaiting, w.SubmissionId, submittedOn, mentor.UserId, calendar.AddWorkingDays(submittedOn, program.ReviewWaitingWorkingDays));
            }
        }

        // A stage opened for a team tells its members (the day it opened).
        var opened = await db.StageGates.Where(g => g.ProgramId == program.Id && g.State == GateState.Open && g.DecidedAt != null).ToListAsync(ct);
        foreach (var gate in opened)
        {
            var on = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(gate.DecidedAt!.Value, zone));
            foreach (var member in memberUsers.Where(m => m.TeamId == gate.TeamId))
            {
                Want(NudgeKind.StageOpened, gate.StageId, on, member.UserId, on);
            }
        }

        result.AddRange((await ShowcaseNudgesAsync(program, ct)).Where(d => Sends(d.Kind, d.Recipient)));
        await FollowUpNudgesAsync(program, today, memberUsers.Select(m => (m.TeamId, m.UserId)).ToList(), Want, ct);

        // A case of the programme waiting for an organiser's approval tells the organisers (the day it was asked); deciding cancels it.
        var asked = await db.Cases.Where(c => c.ProgramId == program.Id && c.RequestedLevel != null)
            .Select(c => new { c.Id, At = c.History.Where(h => h.Action == CasePublicationAction.Requested).Max(h => (DateTime?)h.At) }).ToListAsync(ct);
        foreach (var c in asked.Where(c => c.At is not null))
        {
            var on = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(c.At!.Value, zone));
            organizers.ForEach(user => Want(NudgeKind.CasePublicationRequested, c.Id, on, user, on));
        }

        return result.DistinctBy(d => d.Key).ToList();
    }

    /// <summary>
    /// What became of the prototypes: at each follow-up day after the showcase (30 and 90 by default) the members of every
    /// team that presented are asked, about each case of the team that has no follow-up for that day yet (an abandoned
    /// one needs none), or to write the case when the team has none. Recording it cancels the nudge.
    /// </summary>
    private async Task FollowUpNudgesAsync(TrainingProgram program, DateOnly today, List<(Guid TeamId, Guid UserId)> members,
        Action<NudgeKind, Guid, DateOnly, Guid, DateOnly> want, CancellationToken ct)
    {
        var checkpoints = program.FollowUpCheckpoints();
        if (checkpoints.Count == 0 || !program.Sends(NudgeKind.CaseFollowUp))
        {
            return;
        }

        var since = today.AddDays(-(checkpoints[^1] + (int)StaleAfter.TotalDays + 1));
        var presented = await db.ShowcaseSlots.Where(s => s.TeamId != null)
            .Join(db.Showcases.Where(x => x.ProgramId == program.Id && x.CancelledAt == null && x.Date >= since && x.Date < today), s => s.ShowcaseId, x => x.Id, (s, x) => new { TeamId = s.TeamId!.Value, x.Date })
            .GroupBy(x => x.TeamId).Select(g => new { TeamId = g.Key, Date = g.Max(x => x.Date) }).ToListAsync(ct);
        if (presented.Count == 0)
        {
            return;
        }

        var teamIds = presented.Select(p => p.TeamId).ToList();
        var cases = await db.Cases.Where(c => c.TeamId != null && teamIds.Contains(c.TeamId.Value))
            .Select(c => new { c.Id, TeamId = c.TeamId!.Value, c.Outcome, c.ShowcaseDate, Answered = c.FollowUps.Select(f => f.Checkpoint).ToList() }).ToListAsync(ct);
        foreach (var team in presented)
        {
            var recipients = members.Where(m => m.TeamId == team.TeamId).Select(m => m.UserId).ToList();
            var own = cases.Where(c => c.TeamId == team.TeamId).ToList();
            foreach (var days in checkpoints)
            {
                if (own.Count == 0)
                {
                    var on = team.Date.AddDays(days);
                    recipients.ForEach(user => want(NudgeKind.CaseFollowUp, team.TeamId, on, user, on));
                    continue;
                }

                foreach (var c in own.Where(c => c.Outcome != CaseOutcome.Abandoned && !c.Answered.Contains(days)))
                {
                    var on = (c.ShowcaseDate ?? team.Date).AddDays(days);
                    recipients.ForEach(user => want(NudgeKind.CaseFollowUp, c.Id, on, user, on));
                }
            }
        }
    }

    /// <summary>
    /// Showcases not cancelled: a week and a working day ahead (working mornings) and an hour before the start (that
    /// exact time), every invitee with an account is reminded; members of a slotted team without its presentation are
    /// reminded to upload it; after the end, invitees are asked for feedback. Each is wanted only until the moment it
    /// speaks of has passed, so a late run, a reschedule or a cancellation never lets a stale one out.
    /// </summary>
    private async Task<List<Desired>> ShowcaseNudgesAsync(TrainingProgram program, CancellationToken ct)
    {
        var result = new List<Desired>();
        var today = Domain.TeamHealth.Today(clock, program.TimeZone);
        var showcases = await db.Showcases.AsNoTracking().Include(s => s.Slots)
            .Where(s => s.ProgramId == program.Id && s.CancelledAt == null && s.Date >= today.AddDays(-8) && s.Date <= today.AddDays(Horizon.Days + 10))
            .ToListAsync(ct);
        if (showcases.Count == 0)
        {
            return result;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var calendar = program.Calendar();
        DateOnly WorkingDayOnOrBefore(DateOnly day) => calendar.IsWorkingDay(day) ? day : calendar.AddWorkingDays(day, -1);
        var members = (await db.Participants.Where(p => p.ProgramId == program.Id && p.UserId != null && p.TeamId != null)
            .Select(p => new { TeamId = p.TeamId!.Value, UserId = p.UserId!.Value }).ToListAsync(ct)).ToLookup(m => m.TeamId, m => m.UserId);
        var slotted = showcases.SelectMany(s => s.Slots).Where(s => s.TeamId != null).Select(s => s.TeamId!.Value).Distinct().ToList();
        var withDeck = await ShowcasePresentations.ForTeamsAsync(db, program.Id, slotted, ct);
        var hasDeliverable = await ShowcasePresentations.DeliverableAsync(db, program.Id, ct) is not null;

        foreach (var showcase in showcases)
        {
            var start = showcase.StartUtc(program.TimeZone);
            var end = showcase.EndUtc(program.TimeZone);
            var dayBefore = program.MorningOfUtc(WorkingDayOnOrBefore(showcase.Date.AddDays(-1)));
            var weekBefore = program.MorningOfUtc(WorkingDayOnOrBefore(showcase.Date.AddDays(-7)));
            var dayStarts = Showcase.ToUtc(showcase.Date.ToDateTime(TimeOnly.MinValue), program.TimeZone);
            var teams = showcase.Slots.Where(s => s.TeamId != null).Select(s => s.TeamId!.Value).Distinct().ToList();
            var invitees = await Invitees.AccountsAsync(db, showcase, ct);
            foreach (var user in invitees)
            {
                if (now < dayBefore && weekBefore < dayBefore)
                {
                    result.Add(new Desired(NudgeKind.ShowcaseInOneWeek, showcase.Id, showcase.Date, user, weekBefore));
                }

                if (now < dayStarts)
                {
                    result.Add(new Desired(NudgeKind.ShowcaseTomorrow, showcase.Id, showcase.Date, user, dayBefore));
                }

                if (now < start)
                {
                    result.Add(new Desired(NudgeKind.ShowcaseSoon, showcase.Id, showcase.Date, user, start - ShowcaseSoonBefore, showcase.StartTime));
                }

                // Feedback on the others' presentations: a member of every presenting team has none to give.
                if (now < ShowcaseRubric.FeedbackClosesUtc(showcase, program.TimeZone) && teams.Any(t => !members[t].Contains(user)))
                {
                    result.Add(new Desired(NudgeKind.AudienceFeedbackAfterSlot, showcase.Id, showcase.Date, user, end + FeedbackAfterEnd, showcase.EndTime));
                }
            }

            if (hasDeliverable && now < start)
            {
                var uploadBy = program.MorningOfUtc(calendar.AddWorkingDays(showcase.Date, -PresentationUploadWorkingDays));
                foreach (var team in teams.Where(t => !withDeck.ContainsKey(t)))
                {
                    result.AddRange(members[team].Select(user => new Desired(NudgeKind.PresentationUpload, team, showcase.Date, user, uploadBy)));
                }
            }
        }

        return result;
    }
}
