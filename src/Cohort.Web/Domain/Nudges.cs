namespace Cohort.Web.Domain;

public enum NudgeKind
{
    CheckInDue = 0,
    CheckInOverdue = 1,
    ActionItemDue = 2,
    ActionItemOverdue = 3,
    MilestoneDueSoon = 4,
    Escalation = 5,
    ReviewWaiting = 6,
    StageOpened = 7,
    MilestoneOverdue = 8,
    ShowcaseInOneWeek = 9,
    ShowcaseTomorrow = 10,
    ShowcaseSoon = 11,
    PresentationUpload = 12,
    AudienceFeedbackAfterSlot = 13,
    AssessmentOpen = 14,
    AssessmentDueSoon = 15,
    CaseFollowUp = 16,
    CasePublicationRequested = 17,
}

public enum NudgeState
{
    Pending = 0,
    Sent = 1,
    Cancelled = 2,
}

/// <summary>
/// A reminder that should reach one person at one time. The database is the truth: a unique
/// <see cref="DedupeKey"/> (kind, subject, recipient and the date it is about) means a nudge exists once, and its
/// state moves Pending → Sent or Cancelled exactly once. Hangfire only triggers the dispatcher.
/// </summary>
public sealed class Nudge
{
    public long Id { get; set; }

    public Guid ProgramId { get; set; }

    public Guid RecipientUserId { get; set; }

    public NudgeKind Kind { get; set; }

    /// <summary>The team, action item, milestone, submission, stage or showcase the nudge is about.</summary>
    public Guid SubjectId { get; set; }

    /// <summary>The date the nudge is about (the due date); part of the dedupe key, so a reschedule makes a new nudge.</summary>
    public DateOnly SubjectDate { get; set; }

    public required string DedupeKey { get; set; }

    /// <summary>When it may go out (UTC), already moved into working hours.</summary>
    public DateTime DueAt { get; set; }

    public NudgeState State { get; set; }

    public Guid? ClaimToken { get; set; }

    public DateTime? ClaimedUntil { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? SentAt { get; set; }

    public string? CancelReason { get; set; }

    /// <summary>
    /// The dedupe key. A nudge timed from a moment of the day (an hour before a showcase starts) also carries that
    /// time, so moving the moment on the same date makes a new nudge; keys without a time are unchanged.
    /// </summary>
    public static string KeyFor(NudgeKind kind, Guid subjectId, Guid recipient, DateOnly date, TimeOnly? time = null) =>
        time is { } at
            ? $"{kind}:{subjectId:N}:{recipient:N}:{date:yyyyMMdd}T{at:HHmm}"
            : $"{kind}:{subjectId:N}:{recipient:N}:{date:yyyyMMdd}";

    /// <summary>Reminders before a date may be muted by their recipient; overdue notices and escalations may not.</summary>
    public static bool IsEssential(NudgeKind kind) => kind is NudgeKind.CheckInOverdue or NudgeKind.ActionItemOverdue or NudgeKind.MilestoneOverdue or NudgeKind.Escalation;

    /// <summary>
    /// Nudges timed by an event rather than by a working day (an hour before a showcase, right after it): they go out
    /// at that moment, not moved into working hours, as the event itself sets the time.
    /// </summary>
    public static bool KeepsExactTime(NudgeKind kind) => kind is NudgeKind.ShowcaseSoon or NudgeKind.AudienceFeedbackAfterSlot;

    /// <summary>Reminders of a showcase's date and time, whose e-mail shows the time and the join link.</summary>
    public static bool IsShowcaseReminder(NudgeKind kind) => kind is NudgeKind.ShowcaseInOneWeek or NudgeKind.ShowcaseTomorrow or NudgeKind.ShowcaseSoon;
}

/// <summary>An entry in a person's in-app notification centre, one per sent nudge.</summary>
public sealed class Notification
{
    public long Id { get; set; }

    public Guid UserId { get; set; }

    public long NudgeId { get; set; }

    public Guid ProgramId { get; set; }

    public NudgeKind Kind { get; set; }

    /// <summary>The name of the thing (team, action item, milestone, showcase) as it was when sent.</summary>
    public required string SubjectTitle { get; set; }

    public DateOnly SubjectDate { get; set; }

    public required string Link { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ReadAt { get; set; }
}

public enum MailState
{
    Pending = 0,
    Sent = 1,
    Failed = 2,
}

/// <summary>
/// One e-mail (a digest of the nudges sent to one person in one dispatch), written in the same transaction that
/// marks those nudges sent and delivered afterwards with retries. Its Message-ID is fixed, so a resend after a crash
/// between sending and recording is recognisably the same message.
/// </summary>
public sealed class MailDelivery
{
    public long Id { get; set; }

    public Guid UserId { get; set; }

    public required string ToAddress { get; set; }

    public required string MessageId { get; set; }

    /// <summary>The nudges it reports, comma-separated ids.</summary>
    public required string NudgeIds { get; set; }

    public Guid? ProgramId { get; set; }

    public MailState State { get; set; }

    public int Attempts { get; set; }

    public DateTime NextAttemptAt { get; set; }

    public Guid? ClaimToken { get; set; }

    public DateTime? ClaimedUntil { get; set; }

    public string? LastError { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? SentAt { get; set; }
}
