using System.Security.Cryptography;
using System.Text;
using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Features.Showcases;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Features.Nudges;

/// <summary>
/// Sends what is due. Each run claims due nudges with a token (an atomic conditional update, so two instances never
/// take the same row), moves any that fall in quiet time to the next working morning (except those an event times,
/// see <see cref="Nudge.KeepsExactTime"/>), and then, per recipient and
/// in one transaction: marks them sent (only while still claimed by this run), writes the in-app notifications and
/// queues one digest e-mail. A crash before the commit leaves them pending for the next run (the claim expires);
/// after it, nothing is sent again.
/// </summary>
public sealed class NudgeDispatcher(CohortDbContext db, NudgePlanner planner, MailOutbox outbox, TimeProvider clock, ILogger<NudgeDispatcher> log)
{
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(5);

    /// <summary>People per batch: all of a person's due nudges go in the same batch, so they get one digest.</summary>
    public const int RecipientsPerBatch = 200;

    public sealed record RunResult(int Sent, int Deferred, int Mails);

    /// <summary>Plans every active programme, sends everything due, then delivers the queued e-mails. Hangfire calls this every minute.</summary>
    public async Task<RunResult> RunOnceAsync(CancellationToken ct = default)
    {
        await planner.PlanAllAsync(ct);
        var total = new RunResult(0, 0, 0);
        while (true)
        {
            var batch = await DispatchBatchAsync(null, ct);
            total = new RunResult(total.Sent + batch.Sent, total.Deferred + batch.Deferred, total.Mails + batch.Mails);
            if (batch.Sent + batch.Deferred == 0)
            {
                await outbox.DeliverDueAsync(ct);
                return total;
            }
        }
    }

    /// <summary>Claims and sends one batch; also the seam tests use to stop between steps.</summary>
    public async Task<RunResult> DispatchBatchAsync(Func<Task>? beforeCommit = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var token = Guid.NewGuid();
        var due = db.Nudges.Where(n => n.State == NudgeState.Pending && n.DueAt <= now && (n.ClaimedUntil == null || n.ClaimedUntil < now));
        var recipients = await due.Select(n => n.RecipientUserId).Distinct().OrderBy(r => r).Take(RecipientsPerBatch).ToListAsync(ct);
        var candidates = await due.Where(n => recipients.Contains(n.RecipientUserId)).Select(n => n.Id).ToListAsync(ct);
        if (candidates.Count == 0)
        {
            return new RunResult(0, 0, 0);
        }

        var claimedUntil = now + ClaimFor;
        await db.Nudges
            .Where(n => candidates.Contains(n.Id) && n.State == NudgeState.Pending && (n.ClaimedUntil == null || n.ClaimedUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.ClaimToken, token).SetProperty(n => n.ClaimedUntil, claimedUntil), ct);
        var claimed = await db.Nudges.AsNoTracking().Where(n => n.ClaimToken == token && n.State == NudgeState.Pending).ToListAsync(ct);

        var programIds = claimed.Select(n => n.ProgramId).Distinct().ToList();
        var programs = await db.Programs.AsNoTracking().Where(p => programIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var deferred = 0;
        var sendable = new List<Nudge>();
        foreach (var nudge in claimed)
        {
            var sendAt = Nudge.KeepsExactTime(nudge.Kind) ? now : programs[nudge.ProgramId].NextSendableUtc(now);
            if (sendAt > now)
            {
                // Quiet time (night, weekend, holiday): wait for the next working morning.
                await db.Nudges.Where(n => n.Id == nudge.Id && n.ClaimToken == token)
                    .ExecuteUpdateAsync(u => u.SetProperty(n => n.DueAt, sendAt).SetProperty(n => n.ClaimToken, (Guid?)null).SetProperty(n => n.ClaimedUntil, (DateTime?)null), ct);
                deferred++;
            }
            else
            {
                sendable.Add(nudge);
            }
        }

        var subjects = await SubjectsAsync(sendable, ct);
        var recipientIds = sendable.Select(n => n.RecipientUserId).Distinct().ToList();
        var emails = await db.Users.Where(u => recipientIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, ct);
        var sent = 0;
        var mails = 0;
        foreach (var group in sendable.GroupBy(n => n.RecipientUserId))
        {
            var ids = group.Select(n => n.Id).ToList();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var marked = await db.Nudges.Where(n => ids.Contains(n.Id) && n.ClaimToken == token && n.State == NudgeState.Pending)
                .ExecuteUpdateAsync(u => u.SetProperty(n => n.State, NudgeState.Sent).SetProperty(n => n.SentAt, now), ct);
            if (marked != ids.Count)
            {
                // Our claim ran out and another run took some of them: leave this recipient to that run.
                await transaction.RollbackAsync(ct);
                log.LogWarning("Claim on {Count} nudges for {User} was lost; another dispatcher sends them.", ids.Count, group.Key);
                continue;
            }

            foreach (var nudge in group)
            {
                db.Notifications.Add(new Notification
                {
                    UserId = nudge.RecipientUserId,
                    NudgeId = nudge.Id,
                    ProgramId = nudge.ProgramId,
                    Kind = nudge.Kind,
                    SubjectTitle = subjects.Titles.GetValueOrDefault(nudge.SubjectId, "?"),
                    SubjectDate = nudge.SubjectDate,
                    Link = LinkFor(nudge, subjects),
                    CreatedAt = now,
                });
            }

            var email = emails.GetValueOrDefault(group.Key);
            if (!string.IsNullOrEmpty(email))
            {
                db.MailDeliveries.Add(new MailDelivery
                {
                    UserId = group.Key,
                    ToAddress = email,
                    MessageId = MessageIdFor(ids),
                    NudgeIds = string.Join(',', ids.Order()),
                    ProgramId = group.Select(n => n.ProgramId).Distinct().Count() == 1 ? group.First().ProgramId : null,
                    NextAttemptAt = now,
                    CreatedAt = now,
                });
                mails++;
            }

            await db.SaveChangesAsync(ct);
            if (beforeCommit is not null)
            {
                await beforeCommit();
            }

            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            sent += ids.Count;
            foreach (var kind in group.GroupBy(n => n.Kind))
            {
                Infrastructure.Hosting.Telemetry.NudgesSent.Add(kind.Count(), new KeyValuePair<string, object?>("kind", kind.Key.ToString()));
            }

            if (!string.IsNullOrEmpty(email))
            {
                Infrastructure.Hosting.Telemetry.MailsQueued.Add(1);
            }
        }

        return new RunResult(sent, deferred, mails);
    }

    /// <summary>Same nudges, same Message-ID: a resend is recognisably the same e-mail.</summary>
    public static string MessageIdFor(IEnumerable<long> nudgeIds)
    {
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(string.Join(',', nudgeIds.Order())));
        return $"nudges-{Convert.ToHexStringLower(hash)[..32]}@cohort.local";
    }

    private static string LinkFor(Nudge nudge, Subjects subjects) => nudge.Kind switch
    {
        NudgeKind.MilestoneDueSoon or NudgeKind.MilestoneOverdue => $"/Programs/{nudge.ProgramId}#timeline",
        NudgeKind.StageOpened => $"/Programs/{nudge.ProgramId}#timeline",
        NudgeKind.AssessmentOpen or NudgeKind.AssessmentDueSoon => $"/Programs/{nudge.ProgramId}/SelfAssessment",
        NudgeKind.ReviewWaiting => $"/Programs/{nudge.ProgramId}/Teams/{subjects.ItemTeams.GetValueOrDefault(nudge.SubjectId)}",
        NudgeKind.ActionItemDue or NudgeKind.ActionItemOverdue => $"/Programs/{nudge.ProgramId}/Teams/{subjects.ItemTeams.GetValueOrDefault(nudge.SubjectId)}#items",
        // Judges and guests need not have a role in the programme: the showcase's public agenda (date, time, venues,
        // join link, feedback links) is what every invitee may open, as in the calendar invitation.
        NudgeKind.ShowcaseInOneWeek or NudgeKind.ShowcaseTomorrow or NudgeKind.ShowcaseSoon or NudgeKind.AudienceFeedbackAfterSlot =>
            $"/s/{subjects.PublicKeys.GetValueOrDefault(nudge.SubjectId)}",
        // About a case: its page, where the follow-up is recorded; about a team without a case yet: write it.
        NudgeKind.CaseFollowUp when subjects.Cases.Contains(nudge.SubjectId) => $"/Cases/{nudge.SubjectId}#follow-up",
        NudgeKind.CaseFollowUp => $"/Programs/{nudge.ProgramId}/Teams/{nudge.SubjectId}/Case",
        NudgeKind.CasePublicationRequested => $"/Cases/{nudge.SubjectId}#publication",
        NudgeKind.PresentationUpload when subjects.UploadTo.TryGetValue(nudge.ProgramId, out var deliverable) =>
            $"/Programs/{nudge.ProgramId}/Teams/{nudge.SubjectId}/Deliverables/{deliverable}",
        _ => $"/Programs/{nudge.ProgramId}/Teams/{nudge.SubjectId}",
    };

    /// <summary>
    /// Names of the things the nudges are about; for links, the team of each action item and submission, the public
    /// key of each showcase and, per programme, the deliverable a presentation is uploaded to.
    /// </summary>
    private sealed record Subjects(Dictionary<Guid, string> Titles, Dictionary<Guid, Guid> ItemTeams, Dictionary<Guid, string> PublicKeys, Dictionary<Guid, Guid> UploadTo, HashSet<Guid> Cases);

    private async Task<Subjects> SubjectsAsync(IReadOnlyCollection<Nudge> nudges, CancellationToken ct)
    {
        var ids = nudges.Select(n => n.SubjectId).Distinct().ToList();
        var result = new Dictionary<Guid, string>();
        var itemTeams = new Dictionary<Guid, Guid>();
        var publicKeys = new Dictionary<Guid, string>();
        var uploadTo = new Dictionary<Guid, Guid>();
        foreach (var t in await db.Teams.Where(t => ids.Contains(t.Id)).Select(t => new { t.Id, t.Name }).ToListAsync(ct))
        {
            result[t.Id] = t.Name;
        }

        foreach (var i in await db.ActionItems.Where(i => ids.Contains(i.Id)).Select(i => new { i.Id, i.Title, i.TeamId }).ToListAsync(ct))
        {
            result[i.Id] = i.Title;
            itemTeams[i.Id] = i.TeamId;
        }

        foreach (var m in await db.Milestones.Where(m => ids.Contains(m.Id)).Select(m => new { m.Id, m.Name }).ToListAsync(ct))
        {
            result[m.Id] = m.Name;
        }

        foreach (var st in await db.Stages.Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Name }).ToListAsync(ct))
        {
            result[st.Id] = st.Name;
        }

        // A submission is named after its deliverable; its team makes the link.
        foreach (var sub in await db.Submissions.Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.TeamId, Name = s.Milestone!.Name }).ToListAsync(ct))
        {
            result[sub.Id] = sub.Name;
            itemTeams[sub.Id] = sub.TeamId;
        }

        foreach (var showcase in await db.Showcases.Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Title, s.PublicKey }).ToListAsync(ct))
        {
            result[showcase.Id] = showcase.Title;
            publicKeys[showcase.Id] = showcase.PublicKey;
        }

        var cases = new HashSet<Guid>();
        foreach (var c in await db.Cases.Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Title }).ToListAsync(ct))
        {
            result[c.Id] = c.Title;
            cases.Add(c.Id);
        }

        foreach (var programId in nudges.Where(n => n.Kind == NudgeKind.PresentationUpload).Select(n => n.ProgramId).Distinct())
        {
            if (await ShowcasePresentations.DeliverableAsync(db, programId, ct) is { } deliverable)
            {
                uploadTo[programId] = deliverable;
            }
        }

        return new Subjects(result, itemTeams, publicKeys, uploadTo, cases);
    }
}
