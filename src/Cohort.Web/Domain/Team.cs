namespace Cohort.Web.Domain;

/// <summary>A team from a real department working on a real problem (チーム).</summary>
public sealed class Team : Entity
{
    public Guid ProgramId { get; set; }

    public TrainingProgram? Program { get; set; }

    public required string Name { get; set; }

    public string? Department { get; set; }

    public string? ProblemTheme { get; set; }

    /// <summary>Overrides the programme's check-in cadence for this team.</summary>
    public int? CheckInCadenceWorkingDays { get; set; }

    /// <summary>The case (事例) this team's problem was started from, credited on the team page.</summary>
    public Guid? SourceCaseId { get; set; }

    public List<Participant> Members { get; } = [];

    public List<MentorAssignment> Mentors { get; } = [];
}

/// <summary>A staff member taking part in a programme (受講者). Unique per programme by e-mail.</summary>
public sealed class Participant : Entity
{
    public Guid ProgramId { get; set; }

    public TrainingProgram? Program { get; set; }

    public required string Name { get; set; }

    public required string Email { get; set; }

    public string? Department { get; set; }

    public Guid? TeamId { get; set; }

    public Team? Team { get; set; }

    /// <summary>The account of this person, once they accepted an invitation.</summary>
    public Guid? UserId { get; set; }
}

/// <summary>A mentor (メンター), often an outside consultant serving several programmes and organisations.</summary>
public sealed class Mentor : Entity
{
    public required string Name { get; set; }

    public required string Email { get; set; }

    public string? Affiliation { get; set; }

    /// <summary>The mentor's account, once they accepted an invitation.</summary>
    public Guid? UserId { get; set; }

    public List<MentorAssignment> Assignments { get; } = [];
}

public sealed class MentorAssignment : Entity
{
    public Guid TeamId { get; set; }

    public Team? Team { get; set; }

    public Guid MentorId { get; set; }

    public Mentor? Mentor { get; set; }
}
