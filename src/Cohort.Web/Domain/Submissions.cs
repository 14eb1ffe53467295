namespace Cohort.Web.Domain;

public enum SubmissionStatus
{
    Draft = 0,
    Submitted = 1,
    Returned = 2,
    Accepted = 3,
}

/// <summary>A team's deliverable for one milestone (提出物), with every version it went through.</summary>
public sealed class Submission : Entity
{
    public Guid ProgramId { get; set; }

    public Guid TeamId { get; set; }

    public Guid MilestoneId { get; set; }

    public Milestone? Milestone { get; set; }

    public SubmissionStatus Status { get; set; }

    public List<SubmissionVersion> Versions { get; } = [];

    public SubmissionVersion? Latest => Versions.OrderByDescending(v => v.Number).FirstOrDefault();
}

/// <summary>
/// One version of a submission. A draft can be edited; once submitted it is immutable (a resubmission is a new
/// version), so a review always refers to exactly what it reviewed.
/// </summary>
public sealed class SubmissionVersion : Entity
{
    public Guid SubmissionId { get; set; }

    public int Number { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    /// <summary>Links, one per line (a low-code app, a shared document, a demo video).</summary>
    public string? Links { get; set; }

    public string? PrototypeWhat { get; set; }

    public string? UserTestNotes { get; set; }

    public string? Tool { get; set; }

    /// <summary>Whether real personal data is inside the prototype; "yes" needs an explanation and warns the organisers.</summary>
    public bool? ContainsPersonalData { get; set; }

    public string? PersonalDataExplanation { get; set; }

    public Guid AuthorUserId { get; set; }

    public DateTime? SubmittedAt { get; set; }

    public bool Late { get; set; }

    public bool IsSubmitted => SubmittedAt is not null;
}

public enum ReviewDecision
{
    Accept = 0,
    Return = 1,
}

/// <summary>A mentor's review of one submitted version against the stage's rubric (レビュー).</summary>
public sealed class Review : Entity
{
    public Guid SubmissionVersionId { get; set; }

    public Guid ReviewerUserId { get; set; }

    public required string ReviewerName { get; set; }

    public ReviewDecision Decision { get; set; }

    public string? Comment { get; set; }

    public List<ReviewScore> Scores { get; } = [];

    /// <summary>The team's answer to the review.</summary>
    public string? TeamResponse { get; set; }
}

public sealed class ReviewScore
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid ReviewId { get; set; }

    public Guid CriterionId { get; set; }

    public int Score { get; set; }

    public string? Comment { get; set; }
}

public enum GateState
{
    Held = 0,
    Open = 1,
}

/// <summary>Whether a stage is open for one team (ステージ移行判定). Stage 1 opens for everyone; later stages per team.</summary>
public sealed class StageGate : Entity
{
    public Guid ProgramId { get; set; }

    public Guid TeamId { get; set; }

    public Guid StageId { get; set; }

    public GateState State { get; set; }

    public string? Reason { get; set; }

    public Guid? DecidedByUserId { get; set; }

    public DateTime? DecidedAt { get; set; }
}

/// <summary>A file attached to a submission version, kept in the file store under a random key.</summary>
public sealed class SubmissionFile
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid SubmissionVersionId { get; set; }

    public required string StorageKey { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long Bytes { get; set; }

    public DateTime UploadedAt { get; set; }
}
