namespace Cohort.Web.Domain;

/// <summary>Who may read a case (公開範囲). Each step up is approved by an organiser of the owning organisation.</summary>
public enum CaseLevel
{
    /// <summary>Only people of the owning organisation.</summary>
    Private = 0,

    /// <summary>Every signed-in person on this deployment, whatever their organisation.</summary>
    Shared = 1,

    /// <summary>Anyone, signed in or not, without personal names unless each named person consented.</summary>
    Public = 2,
}

/// <summary>Where a prototype stands: as shown at the showcase, or what became of it later.</summary>
public enum CaseOutcome
{
    /// <summary>A working prototype was shown; nothing is known yet of what happened next.</summary>
    Prototype = 0,

    /// <summary>Taken into daily work.</summary>
    Adopted = 1,

    /// <summary>Tried out for real in part of the department.</summary>
    Piloting = 2,

    /// <summary>Stopped after the programme (the follow-up says why).</summary>
    Stopped = 3,

    /// <summary>Given up before a working prototype: the lessons are the case.</summary>
    Abandoned = 4,
}

/// <summary>
/// A team's work told for others (事例): the problem, the solution, what it did, what did not work. Lives in the
/// organisation that wrote it; an imported case also names where it came from.
/// </summary>
public sealed class CaseStudy : Entity
{
    public Guid OrganizationId { get; set; }

    public Organization? Organization { get; set; }

    /// <summary>The programme and team it was written from; null for an imported case.</summary>
    public Guid? ProgramId { get; set; }

    public Guid? TeamId { get; set; }

    public required string Title { get; set; }

    public string? Department { get; set; }

    /// <summary>A key from <see cref="CaseFacets.DepartmentAreas"/>.</summary>
    public required string DepartmentArea { get; set; }

    /// <summary>A key from <see cref="CaseFacets.ProblemTypes"/>.</summary>
    public required string ProblemType { get; set; }

    public string? Tool { get; set; }

    public required string AsIs { get; set; }

    public required string ToBe { get; set; }

    public string? PrototypeWhat { get; set; }

    public string? Effects { get; set; }

    public required string Lessons { get; set; }

    public string? NextSteps { get; set; }

    public CaseOutcome Outcome { get; set; }

    /// <summary>The year it happened (the showcase's, or the programme's start).</summary>
    public int Year { get; set; }

    /// <summary>The showcase the team presented at; follow-ups are counted from it.</summary>
    public DateOnly? ShowcaseDate { get; set; }

    public CaseLevel Level { get; set; }

    /// <summary>A step up someone asked for and no organiser has decided yet.</summary>
    public CaseLevel? RequestedLevel { get; set; }

    public Guid? RequestedByUserId { get; set; }

    public DateTime? PublishedAt { get; set; }

    /// <summary>Normalised text of every field (NFKC, lower case) that search looks in; kept by the app.</summary>
    public string SearchText { get; set; } = "";

    /// <summary>Set on an imported case: the deployment, organisation and id it came from.</summary>
    public string? OriginDeployment { get; set; }

    public string? OriginOrganization { get; set; }

    public Guid? OriginCaseId { get; set; }

    public List<CaseContributor> Contributors { get; } = [];

    public List<CaseAttachment> Attachments { get; } = [];

    public List<CaseFollowUp> FollowUps { get; } = [];

    public List<CasePublicationStep> History { get; } = [];

    public List<CaseReuse> Reuses { get; } = [];
}

/// <summary>A person the case names. Their name goes on the public page only once they consented themselves.</summary>
public sealed class CaseContributor
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid CaseId { get; set; }

    public required string Name { get; set; }

    /// <summary>"member" or "mentor".</summary>
    public required string Role { get; set; }

    public Guid? UserId { get; set; }

    public bool PublicNameConsent { get; set; }

    public DateTime? ConsentedAt { get; set; }
}

/// <summary>A screenshot or slide taken from the team's accepted submissions; a copy, so the case stands on its own.</summary>
public sealed class CaseAttachment
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid CaseId { get; set; }

    public required string StorageKey { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long Bytes { get; set; }

    /// <summary>The submission file it was copied from, so choosing it again does not copy it twice.</summary>
    public Guid? SourceFileId { get; set; }
}

/// <summary>What happened to the prototype after the showcase (フォローアップ), recorded by the team.</summary>
public sealed class CaseFollowUp
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid CaseId { get; set; }

    /// <summary>Days after the showcase it answers (30, 90), or 0 when recorded unprompted.</summary>
    public int Checkpoint { get; set; }

    public CaseOutcome Status { get; set; }

    public string? Effect { get; set; }

    /// <summary>Why it was stopped.</summary>
    public string? Reason { get; set; }

    public DateTime RecordedAt { get; set; }

    public string? RecordedBy { get; set; }
}

public enum CasePublicationAction
{
    Requested = 0,
    Approved = 1,
    Rejected = 2,
    Withdrawn = 3,
}

/// <summary>One step in a case's publication history: who asked, who decided, who withdrew.</summary>
public sealed class CasePublicationStep
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid CaseId { get; set; }

    public CasePublicationAction Action { get; set; }

    public CaseLevel From { get; set; }

    public CaseLevel To { get; set; }

    public string? Note { get; set; }

    public Guid? UserId { get; set; }

    public string? UserName { get; set; }

    public DateTime At { get; set; }
}

/// <summary>A case taken up by a team elsewhere ("reused 3 times").</summary>
public sealed class CaseReuse
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid CaseId { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid ProgramId { get; set; }

    public Guid TeamId { get; set; }

    public Guid? UserId { get; set; }

    public DateTime At { get; set; }
}

/// <summary>The fixed lists the library's facets use; the labels are translated.</summary>
public static class CaseFacets
{
    public static readonly IReadOnlyList<string> DepartmentAreas =
    [
        "general-affairs", "resident-services", "tax", "welfare", "childcare", "health", "education", "industry", "infrastructure", "disaster", "environment", "other",
    ];

    public static readonly IReadOnlyList<string> ProblemTypes =
    [
        "paper-forms", "inquiries", "data-entry", "scheduling", "information-sharing", "data-analysis", "field-work", "other",
    ];

    /// <summary>How many days after the showcase follow-ups are asked for when a programme says nothing else.</summary>
    public const string DefaultFollowUpDays = "30,90";
}

/// <summary>This deployment's own id (one row, made at first start): where its exported cases say they came from.</summary>
public sealed class DeploymentIdentity
{
    public int Id { get; set; }

    public Guid DeploymentId { get; set; }
}
