using Cohort.Web.Data;
using Cohort.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Infrastructure.Auth;

/// <summary>What a request needs on its programme.</summary>
public enum ProgramPermission
{
    /// <summary>See the programme: schedule, teams (any role in it).</summary>
    Read,

    /// <summary>See people's details (e-mail addresses, participant list): organisers and mentors.</summary>
    ReadPeople,

    /// <summary>Change the programme, its schedule, teams, participants and roles: organisers.</summary>
    Manage,

    /// <summary>Work as the team's mentor (check-ins, reviews, private notes): its mentors and organisers. Needs <see cref="ITeamRequest"/>.</summary>
    MentorTeam,

    /// <summary>Act for one team (see its timeline, answer, complete action items): its members, its mentors, organisers.</summary>
    TeamWork,

    /// <summary>Take part as a participant (answer one's own self-assessment): team members only, whatever else they are.</summary>
    Participate,
}

public enum OrganizationPermission
{
    Read,
    Manage,
}

/// <summary>The request acts inside one programme; the authorization behavior checks the caller's role there.</summary>
public interface IProgramRequest
{
    Guid ProgramId { get; }
}

/// <summary>The request acts for one team of a programme.</summary>
public interface ITeamRequest : IProgramRequest
{
    Guid TeamId { get; }
}

/// <summary>The request acts inside one organisation.</summary>
public interface IOrganizationRequest
{
    Guid OrganizationId { get; }
}

/// <summary>What a request needs on one case of the library (事例).</summary>
public enum CasePermission
{
    /// <summary>See it: people of the owning organisation; anyone signed in once it is shared or public.</summary>
    Read,

    /// <summary>Write it and report on it: the source team's members and mentors, and the owning organisation's organisers.</summary>
    Contribute,

    /// <summary>Decide on its publication: organisers of the owning organisation (its admins and its programmes' organisers).</summary>
    Approve,
}

/// <summary>The request acts on one case.</summary>
public interface ICaseRequest
{
    Guid CaseId { get; }
}

/// <summary>Exactly one of these marks every request type (a convention test checks it).</summary>
public abstract class AccessAttribute : Attribute;

[AttributeUsage(AttributeTargets.Class)]
public sealed class ProgramAccessAttribute(ProgramPermission permission) : AccessAttribute
{
    public ProgramPermission Permission { get; } = permission;
}

[AttributeUsage(AttributeTargets.Class)]
public sealed class OrganizationAccessAttribute(OrganizationPermission permission) : AccessAttribute
{
    public OrganizationPermission Permission { get; } = permission;
}

[AttributeUsage(AttributeTargets.Class)]
public sealed class CaseAccessAttribute(CasePermission permission) : AccessAttribute
{
    public CasePermission Permission { get; } = permission;
}

/// <summary>Deployment administrators only.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AdminOnlyAttribute : AccessAttribute;

/// <summary>Any signed-in user; the handler limits what it returns or touches to the caller's own data.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SignedInAttribute : AccessAttribute;

/// <summary>No account needed (accepting an invitation with its secret, for example).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AnyoneAttribute : AccessAttribute;

/// <summary>The caller's roles in one programme.</summary>
public sealed record ProgramAccess(Guid ProgramId, Guid OrganizationId, bool IsOrganizer, bool IsObserver, IReadOnlySet<Guid> MentoredTeams, IReadOnlySet<Guid> OwnTeams)
{
    public bool IsMentor => MentoredTeams.Count > 0;

    public bool IsTeamMember => OwnTeams.Count > 0;

    public bool Allows(ProgramPermission permission, Guid? teamId = null) => permission switch
    {
        ProgramPermission.Read => true,
        ProgramPermission.ReadPeople => IsOrganizer || IsMentor,
        ProgramPermission.Manage => IsOrganizer,
        ProgramPermission.MentorTeam => IsOrganizer || (teamId is { } t && MentoredTeams.Contains(t)),
        ProgramPermission.TeamWork => IsOrganizer || (teamId is { } w && (MentoredTeams.Contains(w) || OwnTeams.Contains(w))),
        ProgramPermission.Participate => IsTeamMember,
        _ => false,
    };

    /// <summary>Writes, submits and answers for the team in the pages: its members, and organisers who help; a mentor reviews instead.</summary>
    public bool ActsForTeam(Guid teamId) => IsOrganizer || OwnTeams.Contains(teamId);

    /// <summary>Mentors' private notes are for the team's mentors and organisers only.</summary>
    public bool SeesPrivateNotes(Guid teamId) => Allows(ProgramPermission.MentorTeam, teamId);
}

/// <summary>The caller's standing on one case they can see.</summary>
public sealed record CaseAccess(Guid CaseId, Guid OrganizationId, CaseLevel Level, bool InOrganization, bool IsOrganizer, bool Contributes)
{
    public bool Allows(CasePermission permission) => permission switch
    {
        CasePermission.Read => true,
        CasePermission.Contribute => Contributes,
        CasePermission.Approve => IsOrganizer,
        _ => false,
    };
}

/// <summary>
/// Answers "what may the current user do here". A deployment admin and the organisation's admins act as
/// organisers of every programme of that organisation. No role at all means the thing is invisible (404).
/// </summary>
public sealed class AccessService(CohortDbContext db, CurrentUser user)
{
    private readonly Dictionary<Guid, ProgramAccess?> _programs = [];
    private readonly Dictionary<Guid, CaseAccess?> _cases = [];

    public async Task<ProgramAccess?> ForProgramAsync(Guid programId, CancellationToken ct = default)
    {
        if (_programs.TryGetValue(programId, out var cached))
        {
            return cached;
        }

        var access = await LoadProgramAsync(programId, ct);
        _programs[programId] = access;
        return access;
    }

    /// <summary>The caller's access to the programme, or 404 when they have none and 403 when it is not enough.</summary>
    public async Task<ProgramAccess> RequireProgramAsync(Guid programId, ProgramPermission permission, Guid? teamId = null, CancellationToken ct = default)
    {
        var access = await ForProgramAsync(programId, ct) ?? throw new Errors.NotFoundException("Programme");
        return access.Allows(permission, teamId) ? access : throw new Errors.ForbiddenException();
    }

    /// <summary>The caller's access to a case, or null when they may not know it exists.</summary>
    public async Task<CaseAccess?> ForCaseAsync(Guid caseId, CancellationToken ct = default)
    {
        // Asked by the authorization behaviour and again by the handler or page of the same request: worked out once.
        if (_cases.TryGetValue(caseId, out var cached))
        {
            return cached;
        }

        var access = await LoadCaseAsync(caseId, ct);
        _cases[caseId] = access;
        return access;
    }

    private async Task<CaseAccess?> LoadCaseAsync(Guid caseId, CancellationToken ct)
    {
        var found = await db.Cases.Where(c => c.Id == caseId).Select(c => new { c.OrganizationId, c.Level, c.ProgramId, c.TeamId }).SingleOrDefaultAsync(ct);
        if (found is null)
        {
            return null;
        }

        var role = await ForOrganizationAsync(found.OrganizationId, ct);
        if (role is null && (found.Level == CaseLevel.Private || !user.IsAuthenticated))
        {
            return null;
        }

        var organizer = await IsOrganizerOfAsync(found.OrganizationId, ct);
        var contributes = organizer;
        if (!contributes && role is not null && found.ProgramId is { } programId && found.TeamId is { } teamId)
        {
            contributes = (await ForProgramAsync(programId, ct))?.Allows(ProgramPermission.TeamWork, teamId) == true;
        }

        return new CaseAccess(caseId, found.OrganizationId, found.Level, role is not null, organizer, contributes);
    }

    /// <summary>The caller's access to the case, or 404 when they may not know it exists and 403 when it is not enough.</summary>
    public async Task<CaseAccess> RequireCaseAsync(Guid caseId, CasePermission permission, CancellationToken ct = default)
    {
        var access = await ForCaseAsync(caseId, ct) ?? throw new Errors.NotFoundException("Case");
        return access.Allows(permission) ? access : throw new Errors.ForbiddenException();
    }

    /// <summary>Admins of the organisation, organisers of any of its programmes, and the deployment's admins.</summary>
    public async Task<bool> IsOrganizerOfAsync(Guid organizationId, CancellationToken ct = default)
    {
        if (user.IsAdmin)
        {
            return true;
        }

        if (user.Id is not { } userId)
        {
            return false;
        }

        return await db.OrganizationMembers.AnyAsync(m => m.OrganizationId == organizationId && m.UserId == userId && m.Role == OrganizationRole.Admin, ct)
            || await db.ProgramMembers.AnyAsync(m => m.UserId == userId && m.Role == ProgramRole.Organizer && m.Program!.OrganizationId == organizationId, ct);
    }

    /// <summary>
    /// Cases the caller may find: their organisations' own, and every shared or public one. The organisations are looked
    /// up once, so the several queries of a search do not each repeat the membership subqueries.
    /// </summary>
    public async Task<IQueryable<CaseStudy>> VisibleCasesAsync(CancellationToken ct = default)
    {
        if (user.IsAdmin)
        {
            return db.Cases;
        }

        var organizations = await VisibleOrganizations().Select(o => o.Id).ToListAsync(ct);
        return db.Cases.Where(c => c.Level != CaseLevel.Private || organizations.Contains(c.OrganizationId));
    }

    public async Task<OrganizationRole?> ForOrganizationAsync(Guid organizationId, CancellationToken ct = default)
    {
        if (user.IsAdmin)
        {
            return await db.Organizations.AnyAsync(o => o.Id == organizationId, ct) ? OrganizationRole.Admin : null;
        }

        if (user.Id is not { } userId)
        {
            return null;
        }

        var role = await db.OrganizationMembers.Where(m => m.OrganizationId == organizationId && m.UserId == userId)
            .Select(m => (OrganizationRole?)m.Role).SingleOrDefaultAsync(ct);
        if (role is not null)
        {
            return role;
        }

        // Someone with a role in one of its programmes sees the organisation too (one query, same rule as the lists).
        return await VisiblePrograms().AnyAsync(p => p.OrganizationId == organizationId, ct) ? OrganizationRole.Member : null;
    }

    /// <summary>Programmes the caller has any role in (all for a deployment admin).</summary>
    public IQueryable<TrainingProgram> VisiblePrograms()
    {
        if (user.IsAdmin)
        {
            return db.Programs;
        }

        var userId = user.Id ?? Guid.Empty;
        return db.Programs.Where(p =>
            db.OrganizationMembers.Any(m => m.OrganizationId == p.OrganizationId && m.UserId == userId && m.Role == OrganizationRole.Admin)
            || db.ProgramMembers.Any(m => m.ProgramId == p.Id && m.UserId == userId)
            || db.MentorAssignments.Any(a => a.Team!.ProgramId == p.Id && a.Mentor!.UserId == userId)
            || db.Participants.Any(x => x.ProgramId == p.Id && x.UserId == userId && x.TeamId != null));
    }

    /// <summary>Organisations the caller belongs to or sees through a programme.</summary>
    public IQueryable<Organization> VisibleOrganizations()
    {
        if (user.IsAdmin)
        {
            return db.Organizations;
        }

        var userId = user.Id ?? Guid.Empty;
        var viaPrograms = VisiblePrograms().Select(p => p.OrganizationId);
        return db.Organizations.Where(o => db.OrganizationMembers.Any(m => m.OrganizationId == o.Id && m.UserId == userId) || viaPrograms.Contains(o.Id));
    }

    /// <summary>
    /// Mentors the caller may see and assign: all for a deployment admin; otherwise those who belong to an
    /// organisation the caller belongs to, or who mentor in a programme the caller sees.
    /// </summary>
    public IQueryable<Mentor> VisibleMentors()
    {
        if (user.IsAdmin)
        {
            return db.Mentors;
        }

        var userId = user.Id ?? Guid.Empty;
        var myOrganizations = db.OrganizationMembers.Where(m => m.UserId == userId).Select(m => m.OrganizationId);
        var visiblePrograms = VisiblePrograms().Select(p => p.Id);
        return db.Mentors.Where(mentor =>
            db.OrganizationMembers.Any(m => m.UserId == mentor.UserId && myOrganizations.Contains(m.OrganizationId))
            || mentor.Assignments.Any(a => visiblePrograms.Contains(a.Team!.ProgramId)));
    }

    private async Task<ProgramAccess?> LoadProgramAsync(Guid programId, CancellationToken ct)
    {
        if (user.IsAdmin)
        {
            var program = await db.Programs.Where(p => p.Id == programId).Select(p => new { p.Id, p.OrganizationId }).SingleOrDefaultAsync(ct);
            return program is null ? null : new ProgramAccess(program.Id, program.OrganizationId, true, false, new HashSet<Guid>(), new HashSet<Guid>());
        }

        if (user.Id is not { } userId)
        {
            return null;
        }

        // Every API call and programme page asks this, so it is one round trip: the programme, the caller's roles in it
        // and in its organisation, and the teams they mentor or belong to (one row each).
        var found = await db.Programs.Where(p => p.Id == programId).Select(p => new
            {
                p.Id,
                p.OrganizationId,
                OrgAdmin = db.OrganizationMembers.Any(m => m.OrganizationId == p.OrganizationId && m.UserId == userId && m.Role == OrganizationRole.Admin),
                Organizer = db.ProgramMembers.Any(m => m.ProgramId == p.Id && m.UserId == userId && m.Role == ProgramRole.Organizer),
                Observer = db.ProgramMembers.Any(m => m.ProgramId == p.Id && m.UserId == userId && m.Role == ProgramRole.Observer),
                Teams = db.Teams
                    .Where(t => t.ProgramId == p.Id && (t.Mentors.Any(a => a.Mentor!.UserId == userId) || t.Members.Any(x => x.UserId == userId)))
                    .Select(t => new { t.Id, Mentored = t.Mentors.Any(a => a.Mentor!.UserId == userId), Own = t.Members.Any(x => x.UserId == userId) })
                    .ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (found is null)
        {
            return null;
        }

        var organizer = found.OrgAdmin || found.Organizer;
        if (!organizer && !found.Observer && found.Teams.Count == 0)
        {
            return null;
        }

        return new ProgramAccess(found.Id, found.OrganizationId, organizer, found.Observer,
            found.Teams.Where(t => t.Mentored).Select(t => t.Id).ToHashSet(), found.Teams.Where(t => t.Own).Select(t => t.Id).ToHashSet());
    }
}

/// <summary>A page inside one programme (route value <c>programId</c>) that needs this permission there.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ProgramPageAttribute(ProgramPermission permission) : Attribute
{
    public ProgramPermission Permission { get; } = permission;
}
