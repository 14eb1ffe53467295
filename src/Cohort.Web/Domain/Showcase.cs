namespace Cohort.Web.Domain;

public enum ShowcaseFormat
{
    Online = 0,
    OnSite = 1,
    Hybrid = 2,
}

/// <summary>Where the showcase's calendar event with its online meeting stands.</summary>
public enum MeetingState
{
    /// <summary>No meeting is managed by the app (an on-site showcase, or a link pasted by hand).</summary>
    Manual = 0,

    /// <summary>A create, update or cancel is waiting to be sent.</summary>
    Pending = 1,

    /// <summary>The event exists and matches the showcase.</summary>
    Created = 2,

    /// <summary>The last attempt failed for a passing reason; another attempt is scheduled.</summary>
    Retrying = 3,

    /// <summary>The service refused, or retries ran out; <see cref="Showcase.MeetingError"/> says why.</summary>
    Failed = 4,

    /// <summary>The event was cancelled with a message to attendees.</summary>
    Cancelled = 5,
}

/// <summary>
/// A showcase day (成果発表会) where teams present their prototypes, online, on site or both. Its calendar event
/// and Teams meeting are kept in step by the meeting sync: every change bumps <see cref="MeetingRevision"/>, and the
/// sync records the revision it last brought to Microsoft 365 in <see cref="MeetingSyncedRevision"/>.
/// </summary>
public sealed class Showcase : Entity
{
    public Guid ProgramId { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    /// <summary>Local date and times in the programme's time zone.</summary>
    public DateOnly Date { get; set; }

    public TimeOnly StartTime { get; set; }

    public TimeOnly EndTime { get; set; }

    public ShowcaseFormat Format { get; set; }

    /// <summary>Venues for on-site and hybrid showcases, one per line (the reference case streamed between two sites).</summary>
    public string? Venues { get; set; }

    public bool InviteParticipants { get; set; } = true;

    public bool InviteMentors { get; set; } = true;

    public bool InviteOrganizers { get; set; } = true;

    /// <summary>Guests by e-mail (other departments, the mayor's office), one per line.</summary>
    public string? GuestEmails { get; set; }

    /// <summary>The secret part of the public agenda link for invitees without an account.</summary>
    public required string PublicKey { get; set; }

    public string? MeetingJoinUrl { get; set; }

    public MeetingState MeetingState { get; set; }

    public string? MeetingEventId { get; set; }

    /// <summary>
    /// Fixed before the first create is sent and kept until the event is cancelled, so a create retried after a
    /// timeout finds the event made before instead of making a second one.
    /// </summary>
    public string? MeetingTransactionId { get; set; }

    public string? MeetingWebLink { get; set; }

    public string? MeetingError { get; set; }

    public int MeetingAttempts { get; set; }

    public DateTime? MeetingNextAttemptAt { get; set; }

    public int MeetingRevision { get; set; }

    public int MeetingSyncedRevision { get; set; }

    /// <summary>While set and in the future, one sync owns this showcase's meeting.</summary>
    public DateTime? MeetingClaimedUntil { get; set; }

    public DateTime? CancelledAt { get; set; }

    public string? CancelReason { get; set; }

    /// <summary>Markdown the organisers write when they publish the results.</summary>
    public string? ResultsSummary { get; set; }

    public DateTime? ResultsPublishedAt { get; set; }

    public List<ShowcaseSlot> Slots { get; } = [];

    public List<ShowcaseJudge> Judges { get; } = [];

    public bool IsCancelled => CancelledAt is not null;

    public bool UsesOnlineMeeting => Format is ShowcaseFormat.Online or ShowcaseFormat.Hybrid;

    public DateTime StartUtc(string timeZone) => ToUtc(Date.ToDateTime(StartTime), timeZone);

    public DateTime EndUtc(string timeZone) => ToUtc(Date.ToDateTime(EndTime), timeZone);

    public static DateTime ToUtc(DateTime local, string timeZone) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeZoneInfo.FindSystemTimeZoneById(timeZone));

    public IReadOnlyList<string> GuestList() => SplitLines(GuestEmails);

    public IReadOnlyList<string> VenueList() => SplitLines(Venues);

    /// <summary>The agenda with each slot's local start and end, in order; breaks have no team.</summary>
    public IReadOnlyList<(ShowcaseSlot Slot, TimeOnly Start, TimeOnly End)> Agenda()
    {
        var result = new List<(ShowcaseSlot, TimeOnly, TimeOnly)>();
        var at = Date.ToDateTime(StartTime);
        foreach (var slot in Slots.OrderBy(s => s.Order))
        {
            var end = at.AddMinutes(slot.TotalMinutes);
            result.Add((slot, TimeOnly.FromDateTime(at), TimeOnly.FromDateTime(end)));
            at = end;
        }

        return result;
    }

    /// <summary>Minutes the agenda runs past the end time (0 when it fits).</summary>
    public int OverrunMinutes()
    {
        var total = Slots.Sum(s => s.TotalMinutes);
        var available = (int)(EndTime - StartTime).TotalMinutes;
        return Math.Max(0, total - available);
    }

    public void RenumberSlots()
    {
        var order = 1;
        foreach (var slot in Slots.OrderBy(s => s.Order))
        {
            slot.Order = order++;
        }
    }

    /// <summary>The non-empty, trimmed lines of a text area (guests, venues).</summary>
    public static string[] SplitLines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>One slot of the agenda: a team's presentation with its Q&amp;A, or a break.</summary>
public sealed class ShowcaseSlot : Entity
{
    public Guid ShowcaseId { get; set; }

    public int Order { get; set; }

    /// <summary>The presenting team; null for a break.</summary>
    public Guid? TeamId { get; set; }

    public Team? Team { get; set; }

    /// <summary>A break's title ("休憩"), or an optional title for the presentation.</summary>
    public string? Title { get; set; }

    public int Minutes { get; set; }

    public int QaMinutes { get; set; }

    /// <summary>The secret part of the slot's audience feedback link (and its QR code).</summary>
    public required string FeedbackKey { get; set; }

    public bool IsBreak => TeamId is null;

    public int TotalMinutes => Minutes + QaMinutes;
}

/// <summary>A judge (審査員) of one showcase: scores privately; only organisers see the scores.</summary>
public sealed class ShowcaseJudge : Entity
{
    public Guid ShowcaseId { get; set; }

    public Guid UserId { get; set; }

    public AppUser? User { get; set; }
}

/// <summary>
/// An audience member's feedback on one slot, without an account. One per device and slot (a later answer from the
/// same device replaces the earlier one); organisers can hide an abusive comment.
/// </summary>
public sealed class AudienceFeedback : Entity
{
    public Guid ShowcaseId { get; set; }

    public Guid SlotId { get; set; }

    /// <summary>A hash of the device's anonymous cookie; never the cookie itself.</summary>
    public required string DeviceHash { get; set; }

    public string? Comment { get; set; }

    public bool Hidden { get; set; }

    public List<FeedbackScore> Scores { get; } = [];
}

/// <summary>A judge's private scores and comment on one slot.</summary>
public sealed class JudgeScoreCard : Entity
{
    public Guid ShowcaseId { get; set; }

    public Guid SlotId { get; set; }

    public Guid JudgeUserId { get; set; }

    public string? Comment { get; set; }

    public List<FeedbackScore> Scores { get; } = [];
}

/// <summary>A rating for one rubric criterion, from the audience or a judge.</summary>
public sealed class FeedbackScore
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid? AudienceFeedbackId { get; set; }

    public Guid? JudgeScoreCardId { get; set; }

    public Guid CriterionId { get; set; }

    public int Score { get; set; }
}
