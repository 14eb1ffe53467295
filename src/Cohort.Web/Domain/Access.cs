namespace Cohort.Web.Domain;

public enum OrganizationRole
{
    /// <summary>Belongs to the organisation (staff, or an outside mentor serving it).</summary>
    Member = 0,

    /// <summary>Manages the organisation's programmes and people.</summary>
    Admin = 1,
}

/// <summary>Roles held directly on a programme; mentors and team members get theirs through assignments.</summary>
public enum ProgramRole
{
    Observer = 0,
    Organizer = 1,
}

public sealed class OrganizationMember : Entity
{
    public Guid OrganizationId { get; set; }

    public Organization? Organization { get; set; }

    public Guid UserId { get; set; }

    public AppUser? User { get; set; }

    public OrganizationRole Role { get; set; }
}

public sealed class ProgramMember : Entity
{
    public Guid ProgramId { get; set; }

    public TrainingProgram? Program { get; set; }

    public Guid UserId { get; set; }

    public AppUser? User { get; set; }

    public ProgramRole Role { get; set; }
}

/// <summary>What an invitation grants once accepted.</summary>
public enum InvitedRole
{
    OrganizationMember = 0,
    OrganizationAdmin = 1,
    Organizer = 2,
    Observer = 3,
    Mentor = 4,
    TeamMember = 5,
}

/// <summary>
/// A one-time link sent to an e-mail address. Only a hash of its secret is kept; it expires, can be
/// revoked, and works once.
/// </summary>
public sealed class Invitation : Entity
{
    public required string Email { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid? ProgramId { get; set; }

    public Guid? TeamId { get; set; }

    public InvitedRole Role { get; set; }

    public required string TokenHash { get; set; }

    public Guid InvitedByUserId { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? AcceptedAt { get; set; }

    public Guid? AcceptedByUserId { get; set; }

    public DateTime? RevokedAt { get; set; }

    public bool IsOpen(DateTime utcNow) => AcceptedAt is null && RevokedAt is null && ExpiresAt > utcNow;
}

/// <summary>Who changed what and when. Written by the app only; there is no command that edits it.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    public Guid? UserId { get; set; }

    public string? UserName { get; set; }

    public required string Action { get; set; }

    public Guid? OrganizationId { get; set; }

    public Guid? ProgramId { get; set; }

    public string? Details { get; set; }
}
