namespace Cohort.Web.Domain;

public enum LearningDevice
{
    Unknown = 0,
    Pc = 1,
    Smartphone = 2,
    Tablet = 3,
}

/// <summary>
/// One row of an e-learning platform's activity export: a participant spent minutes on a course on a day.
/// <see cref="RowHash"/> identifies the row's content, so importing the same export twice adds nothing.
/// </summary>
public sealed class LearningActivity
{
    public long Id { get; set; }

    public Guid ProgramId { get; set; }

    public Guid ParticipantId { get; set; }

    public Participant? Participant { get; set; }

    public Guid ImportId { get; set; }

    public required string CourseTitle { get; set; }

    public string? Category { get; set; }

    public int Minutes { get; set; }

    public DateOnly Date { get; set; }

    public bool Completed { get; set; }

    public LearningDevice Device { get; set; }

    public required string RowHash { get; set; }
}

/// <summary>One import of an activity file: who, when, and what came of it.</summary>
public sealed class LearningActivityImport : Entity
{
    public Guid ProgramId { get; set; }

    public required string FileName { get; set; }

    public Guid? ImportedByUserId { get; set; }

    public int Rows { get; set; }

    public int Added { get; set; }

    public int AlreadyImported { get; set; }

    /// <summary>Rows of people who are not participants of the programme: reported, never added.</summary>
    public int NotInProgram { get; set; }
}

/// <summary>
/// Which column of an e-learning platform's export holds each field, saved per organisation under a name
/// (platforms name their headers differently). Column names are the file's headings as written.
/// </summary>
public sealed class ActivityColumnMapping : Entity
{
    public Guid OrganizationId { get; set; }

    public required string Name { get; set; }

    public required string EmailColumn { get; set; }

    public required string CourseColumn { get; set; }

    public string? CategoryColumn { get; set; }

    public required string MinutesColumn { get; set; }

    public required string DateColumn { get; set; }

    public string? CompletionColumn { get; set; }

    public string? DeviceColumn { get; set; }
}
