using System.Net;
using System.Text;
using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure.Meetings;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Features.Showcases;

/// <summary>Asks for a showcase's meeting to be brought in step soon (a background job), when it needs it.</summary>
public sealed class MeetingSyncTrigger(IBackgroundJobClient jobs)
{
    public void SyncSoon(Showcase showcase)
    {
        if (showcase.MeetingState == MeetingState.Pending)
        {
            var id = showcase.Id;
            jobs.Enqueue<ShowcaseMeetingJobs>(j => j.SyncAsync(id, CancellationToken.None));
        }
    }
}

public sealed class ShowcaseMeetingJobs(MeetingSync sync)
{
    /// <summary>No Hangfire retries: failures are recorded on the showcase and retried by <see cref="RunDueAsync"/> with back-off.</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task SyncAsync(Guid showcaseId, CancellationToken cancellationToken) => sync.SyncAsync(showcaseId, cancellationToken);

    [AutomaticRetry(Attempts = 0)]
    public Task RunDueAsync(CancellationToken cancellationToken) => sync.RunDueAsync(cancellationToken);
}

/// <summary>
/// Brings each showcase's calendar event and Teams meeting in step with the showcase: create, update or cancel,
/// one at a time per showcase (a short claim in the database), so two app instances never both create. The
/// database is the truth: a failure is written on the showcase and retried with back-off by the recurring sweep.
/// </summary>
public sealed class MeetingSync(CohortDbContext db, IOnlineMeetingService meetings, TimeProvider clock, IConfiguration configuration, ILogger<MeetingSync> logger)
{
    public const int MaxAttempts = 6;

    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(5);

    /// <summary>Syncs every showcase that waits for it (pending, or retrying and due); returns how many it tried.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        if (!meetings.IsConfigured)
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Showcases.AsNoTracking()
            .Where(s => s.MeetingState == MeetingState.Pending
                || (s.MeetingState == MeetingState.Retrying && s.MeetingNextAttemptAt <= now)
                || (s.MeetingState == MeetingState.Created && s.MeetingRevision > s.MeetingSyncedRevision))
            .Select(s => s.Id).Take(100).ToListAsync(cancellationToken);
        foreach (var id in due)
        {
            await SyncAsync(id, cancellationToken);
        }

        return due.Count;
    }

    public async Task SyncAsync(Guid showcaseId, CancellationToken cancellationToken)
    {
        if (!meetings.IsConfigured)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + ClaimFor;
        var claimed = await db.Showcases
            .Where(s => s.Id == showcaseId && (s.MeetingClaimedUntil == null || s.MeetingClaimedUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.MeetingClaimedUntil, until), cancellationToken);
        if (claimed == 0)
        {
            return;
        }

        try
        {
            // Loop while organisers changed the showcase during a call, so the last change is never left behind.
            for (var round = 0; round < 3; round++)
            {
                if (!await SyncOnceAsync(showcaseId, cancellationToken))
                {
                    break;
                }
            }
        }
        finally
        {
            await db.Showcases.Where(s => s.Id == showcaseId)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.MeetingClaimedUntil, (DateTime?)null), CancellationToken.None);
        }
    }

    /// <summary>One step; true when the showcase changed meanwhile and another step is needed.</summary>
    private async Task<bool> SyncOnceAsync(Guid showcaseId, CancellationToken cancellationToken)
    {
        var showcase = await db.Showcases.AsNoTracking().SingleOrDefaultAsync(s => s.Id == showcaseId, cancellationToken);
        if (showcase is null || showcase.MeetingState is MeetingState.Manual or MeetingState.Failed
            || (showcase.MeetingState is MeetingState.Cancelled && showcase.MeetingEventId is null))
        {
            return false;
        }

        var revision = showcase.MeetingRevision;
        var wanted = !showcase.IsCancelled && showcase.UsesOnlineMeeting;
        try
        {
            if (showcase.MeetingEventId is null && wanted)
            {
                var transactionId = showcase.MeetingTransactionId;
                if (transactionId is null)
                {
                    transactionId = $"cohort-showcase-{showcase.Id:N}-{ShowcaseRules.NewKey()[..8]}";
                    await db.Showcases.Where(s => s.Id == showcase.Id)
                        .ExecuteUpdateAsync(u => u.SetProperty(s => s.MeetingTransactionId, transactionId), cancellationToken);
                }

                var created = await meetings.CreateAsync(await RequestAsync(showcase, transactionId, cancellationToken), cancellationToken);
                logger.LogInformation("Created the meeting for showcase {ShowcaseId}", showcase.Id);
                return await RecordAsync(showcase.Id, revision, MeetingState.Created, created.EventId, transactionId, created.JoinUrl, created.WebLink, cancellationToken);
            }

            if (showcase.MeetingEventId is null)
            {
                return await RecordAsync(showcase.Id, revision, showcase.IsCancelled ? MeetingState.Cancelled : MeetingState.Manual, null, null, showcase.MeetingJoinUrl, null, cancellationToken);
            }

            if (!wanted)
            {
                var comment = showcase.CancelReason ?? "This showcase is no longer held online.";
                await meetings.CancelAsync(showcase.MeetingEventId, comment, cancellationToken);
                logger.LogInformation("Cancelled the meeting for showcase {ShowcaseId}", showcase.Id);
                return await RecordAsync(showcase.Id, revision, showcase.IsCancelled ? MeetingState.Cancelled : MeetingState.Manual, null, null, null, null, cancellationToken);
            }

            if (showcase.MeetingSyncedRevision < revision)
            {
                await meetings.UpdateAsync(showcase.MeetingEventId, await RequestAsync(showcase, showcase.MeetingTransactionId ?? "", cancellationToken), cancellationToken);
                logger.LogInformation("Updated the meeting for showcase {ShowcaseId}", showcase.Id);
            }

            return await RecordAsync(showcase.Id, revision, MeetingState.Created, showcase.MeetingEventId, showcase.MeetingTransactionId, showcase.MeetingJoinUrl, showcase.MeetingWebLink, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var transient = e is not MeetingServiceException { IsTransient: false };
            var attempts = showcase.MeetingAttempts + 1;
            var giveUp = !transient || attempts >= MaxAttempts;
            var reason = e is MeetingServiceException ? e.Message : $"Unexpected error: {e.GetType().Name}: {e.Message}";
            if (transient && giveUp)
            {
                reason = $"Gave up after {attempts} attempts. {reason}";
            }

            var wait = TimeSpan.FromMinutes(Math.Pow(2, attempts - 1));
            if (e is MeetingServiceException { RetryAfterSeconds: { } seconds } && TimeSpan.FromSeconds(seconds) > wait)
            {
                wait = TimeSpan.FromSeconds(seconds);
            }

            logger.LogWarning(e, "The meeting for showcase {ShowcaseId} failed (attempt {Attempt}, transient: {Transient})", showcase.Id, attempts, transient);
            DateTime? next = giveUp ? null : clock.GetUtcNow().UtcDateTime + wait;
            var state = giveUp ? MeetingState.Failed : MeetingState.Retrying;
            var error = reason.Length <= 1000 ? reason : reason[..1000];
            await db.Showcases.Where(s => s.Id == showcase.Id).ExecuteUpdateAsync(u => u
                .SetProperty(s => s.MeetingState, state)
                .SetProperty(s => s.MeetingError, error)
                .SetProperty(s => s.MeetingAttempts, attempts)
                .SetProperty(s => s.MeetingNextAttemptAt, next), CancellationToken.None);
            return false;
        }
    }

    private async Task<bool> RecordAsync(Guid id, int revision, MeetingState done, string? eventId, string? transactionId, string? joinUrl, string? webLink, CancellationToken cancellationToken)
    {
        // Written field by field (not through the entity's version stamp): an organiser's edit made during the call
        // stays, and a newer revision sends the showcase round again.
        await db.Showcases.Where(s => s.Id == id).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.MeetingEventId, eventId)
            .SetProperty(s => s.MeetingTransactionId, transactionId)
            .SetProperty(s => s.MeetingJoinUrl, joinUrl)
            .SetProperty(s => s.MeetingWebLink, webLink)
            .SetProperty(s => s.MeetingSyncedRevision, revision)
            .SetProperty(s => s.MeetingError, (string?)null)
            .SetProperty(s => s.MeetingAttempts, 0)
            .SetProperty(s => s.MeetingNextAttemptAt, (DateTime?)null)
            .SetProperty(s => s.MeetingState, s => s.MeetingRevision > revision ? MeetingState.Pending : done), CancellationToken.None);
        return await db.Showcases.AnyAsync(s => s.Id == id && s.MeetingRevision > revision, cancellationToken);
    }

    private async Task<MeetingRequest> RequestAsync(Showcase showcase, string transactionId, CancellationToken cancellationToken)
    {
        var program = await db.Programs.AsNoTracking().SingleAsync(p => p.Id == showcase.ProgramId, cancellationToken);
        var attendees = await Invitees.ForAsync(db, showcase, cancellationToken);
        var publicUrl = (configuration["Cohort:PublicUrl"] ?? "http://localhost:5000").TrimEnd('/');
        var body = new StringBuilder();
        if (showcase.Description is { } description)
        {
            body.Append("<p>").Append(WebUtility.HtmlEncode(description).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p>");
        }

        var agendaUrl = $"{publicUrl}/s/{showcase.PublicKey}";
        // The agenda itself lives behind the link: rearranging slots must not send every attendee an update.
        body.Append("<p>プログラム / Agenda: <a href=\"").Append(WebUtility.HtmlEncode(agendaUrl)).Append("\">").Append(WebUtility.HtmlEncode(agendaUrl)).Append("</a></p>");
        var location = showcase.VenueList() is { Count: > 0 } venues ? string.Join(" / ", venues) : null;
        return new MeetingRequest(transactionId, showcase.Title, body.ToString(), showcase.StartUtc(program.TimeZone), showcase.EndUtc(program.TimeZone),
            program.TimeZone, location, attendees);
    }
}

/// <summary>Who a showcase invites: the groups the organiser chose, its judges and its guests, once per address.</summary>
public static class Invitees
{
    public static async Task<IReadOnlyList<MeetingAttendee>> ForAsync(CohortDbContext db, Showcase showcase, CancellationToken ct)
    {
        var people = new List<MeetingAttendee>();
        if (showcase.InviteParticipants)
        {
            people.AddRange(await db.Participants.Where(p => p.ProgramId == showcase.ProgramId).OrderBy(p => p.Name)
                .Select(p => new MeetingAttendee(p.Email, p.Name)).ToListAsync(ct));
        }

        if (showcase.InviteMentors)
        {
            people.AddRange(await db.MentorAssignments.Where(a => a.Team!.ProgramId == showcase.ProgramId).Select(a => a.Mentor!)
                .Distinct().OrderBy(m => m.Name).Select(m => new MeetingAttendee(m.Email, m.Name)).ToListAsync(ct));
        }

        if (showcase.InviteOrganizers)
        {
            people.AddRange(await db.ProgramMembers.Where(m => m.ProgramId == showcase.ProgramId && m.Role == ProgramRole.Organizer)
                .Select(m => new MeetingAttendee(m.User!.Email!, m.User.DisplayName)).ToListAsync(ct));
        }

        people.AddRange(await db.ShowcaseJudges.Where(j => j.ShowcaseId == showcase.Id)
            .Select(j => new MeetingAttendee(j.User!.Email!, j.User.DisplayName)).ToListAsync(ct));
        people.AddRange(showcase.GuestList().Select(e => new MeetingAttendee(e, null)));
        return people.Where(p => !string.IsNullOrWhiteSpace(p.Email))
            .DistinctBy(p => p.Email.Trim().ToLowerInvariant()).ToList();
    }
}
