namespace Cohort.Web.Domain;

public enum HealthStatus
{
    /// <summary>順調</summary>
    OnTrack = 0,

    /// <summary>注意</summary>
    AtRisk = 1,

    /// <summary>要支援</summary>
    NeedsHelp = 2,
}

public enum CheckInFormat
{
    Online = 0,
    OnSite = 1,
}

/// <summary>A mentor's meeting with a team (チェックイン・面談記録).</summary>
public sealed class CheckIn : Entity
{
    public Guid ProgramId { get; set; }

    public Guid TeamId { get; set; }

    public Team? Team { get; set; }

    public Guid? MentorId { get; set; }

    public Mentor? Mentor { get; set; }

    /// <summary>Who recorded it (a mentor's or organiser's account).</summary>
    public Guid RecordedByUserId { get; set; }

    public DateOnly HeldOn { get; set; }

    public int DurationMinutes { get; set; }

    public CheckInFormat Format { get; set; }

    public string? Attendees { get; set; }

    /// <summary>Markdown the team sees.</summary>
    public string? SharedNotes { get; set; }

    /// <summary>Markdown for the team's mentors and the organisers only.</summary>
    public string? PrivateNotes { get; set; }

    public HealthStatus Health { get; set; }

    public string? HealthReason { get; set; }

    public string? Blockers { get; set; }

    public List<CheckInReply> Replies { get; } = [];
}

public sealed class CheckInReply : Entity
{
    public Guid CheckInId { get; set; }

    public Guid AuthorUserId { get; set; }

    public required string AuthorName { get; set; }

    public required string Text { get; set; }
}

public enum ActionItemStatus
{
    Open = 0,
    Done = 1,
    Dropped = 2,
}

/// <summary>
/// Something the team or mentor agreed to do by a date (アクションアイテム). Raised at a check-in; at the next
/// one it is closed, carried over to a new date (counted) or dropped with a reason.
/// </summary>
public sealed class ActionItem : Entity
{
    /// <summary>Carried over this many times, an item is flagged.</summary>
    public const int CarryOverFlag = 2;

    public Guid ProgramId { get; set; }

    public Guid TeamId { get; set; }

    public Guid RaisedInCheckInId { get; set; }

    public required string Title { get; set; }

    /// <summary>The team member who owns it; null when the mentor owns it.</summary>
    public Guid? OwnerParticipantId { get; set; }

    public Participant? OwnerParticipant { get; set; }

    public bool OwnedByMentor => OwnerParticipantId is null;

    public DateOnly DueDate { get; set; }

    public ActionItemStatus Status { get; set; }

    public int CarryOverCount { get; set; }

    public Guid? ClosedInCheckInId { get; set; }

    /// <summary>What was done, or why it was dropped.</summary>
    public string? Resolution { get; set; }

    /// <summary>A team member's note when they mark it done between check-ins.</summary>
    public string? CompletionComment { get; set; }

    public string? EvidenceUrl { get; set; }

    public DateTime? CompletedAt { get; set; }

    public bool IsOverdue(DateOnly today) => Status == ActionItemStatus.Open && DueDate < today;

    public bool IsFlagged(DateOnly today) => Status == ActionItemStatus.Open && (CarryOverCount >= CarryOverFlag || IsOverdue(today));

    public void Close(string? resolution, Guid checkInId)
    {
        Status = ActionItemStatus.Done;
        Resolution = resolution ?? CompletionComment;
        ClosedInCheckInId = checkInId;
    }

    public void CarryOver(DateOnly newDueDate)
    {
        DueDate = newDueDate;
        CarryOverCount++;
    }

    public void Drop(string reason, Guid checkInId)
    {
        Status = ActionItemStatus.Dropped;
        Resolution = reason;
        ClosedInCheckInId = checkInId;
    }
}
