using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Localization;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Features.People;

/// <summary>The link an invitee opens; the secret is returned once and only its hash is stored.</summary>
public sealed record InvitationLink(Guid Id, string Token, string Path, DateTime ExpiresAt);

internal static class InvitationRules
{
    public const int DefaultDays = 14;

    public static async Task<InvitationLink> CreateAsync(CohortDbContext db, CurrentUser user, TimeProvider clock, Invitation invitation, int? days, CancellationToken ct)
    {
        var secret = "inv_" + TokenSecrets.NewSecret()[TokenSecrets.Prefix.Length..];
        invitation.TokenHash = TokenSecrets.Hash(secret);
        invitation.InvitedByUserId = user.Id!.Value;
        invitation.ExpiresAt = clock.GetUtcNow().UtcDateTime.AddDays(days ?? DefaultDays);
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(ct);
        return new InvitationLink(invitation.Id, secret, $"/Invitations/{secret}", invitation.ExpiresAt);
    }

    public static async Task<Invitation> FindOpenAsync(CohortDbContext db, TimeProvider clock, string token, CancellationToken ct)
    {
        var hash = TokenSecrets.Hash(token ?? "");
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.TokenHash == hash, ct) ?? throw new NotFoundException("Invitation");
        var now = clock.GetUtcNow().UtcDateTime;
        if (invitation.AcceptedAt is not null)
        {
            throw new ConflictException("This invitation has already been used.");
        }

        if (invitation.RevokedAt is not null || invitation.ExpiresAt <= now)
        {
            throw new ConflictException("This invitation has expired or was withdrawn. Ask for a new one.");
        }

        return invitation;
    }

    /// <summary>Grants what the invitation says to the user, never lowering a role they already have.</summary>
    public static async Task GrantAsync(CohortDbContext db, Invitation invitation, AppUser user, DateTime now, CancellationToken ct)
    {
        var email = user.Email!.ToLowerInvariant();
        var orgRole = invitation.Role == InvitedRole.OrganizationAdmin ? OrganizationRole.Admin : OrganizationRole.Member;
        var membership = await db.OrganizationMembers.SingleOrDefaultAsync(m => m.OrganizationId == invitation.OrganizationId && m.UserId == user.Id, ct);
        if (membership is null)
        {
            db.OrganizationMembers.Add(new OrganizationMember { OrganizationId = invitation.OrganizationId, UserId = user.Id, Role = orgRole });
        }
        else if (orgRole > membership.Role)
        {
            membership.Role = orgRole;
        }

        if (invitation.ProgramId is { } programId)
        {
            switch (invitation.Role)
            {
                case InvitedRole.Organizer or InvitedRole.Observer:
                    var role = invitation.Role == InvitedRole.Organizer ? ProgramRole.Organizer : ProgramRole.Observer;
                    var member = await db.ProgramMembers.SingleOrDefaultAsync(m => m.ProgramId == programId && m.UserId == user.Id, ct);
                    if (member is null)
                    {
                        db.ProgramMembers.Add(new ProgramMember { ProgramId = programId, UserId = user.Id, Role = role });
                    }
                    else if (role > member.Role)
                    {
                        member.Role = role;
                    }

                    break;
                case InvitedRole.Mentor:
                    var mentor = await db.Mentors.SingleOrDefaultAsync(m => m.Email == email, ct);
                    if (mentor is null)
                    {
                        mentor = new Mentor { Name = user.DisplayName, Email = email };
                        db.Mentors.Add(mentor);
                    }
                    else if ((mentor.UserId is { } linked && linked != user.Id)
                        || (mentor.UserId is null && await db.MentorAssignments.AnyAsync(a => a.MentorId == mentor.Id && a.Team!.Program!.OrganizationId != invitation.OrganizationId, ct)))
                    {
                        // A mentor already working for another organisation is linked to an account only by a deployment
                        // admin: an organiser who sees the invitation link must not be able to take that record over.
                        throw new ConflictException("This mentor is already registered for another organisation. Ask the deployment administrator to link the account.");
                    }

                    mentor.UserId = user.Id;
                    if (invitation.TeamId is { } mentorTeam && !await db.MentorAssignments.AnyAsync(a => a.TeamId == mentorTeam && a.MentorId == mentor.Id, ct))
                    {
                        db.MentorAssignments.Add(new MentorAssignment { TeamId = mentorTeam, MentorId = mentor.Id });
                    }

                    break;
                case InvitedRole.TeamMember:
                    var person = await db.Participants.SingleOrDefaultAsync(p => p.ProgramId == programId && p.Email == email, ct);
                    if (person is null)
                    {
                        person = new Participant { ProgramId = programId, Name = user.DisplayName, Email = email };
                        db.Participants.Add(person);
                    }

                    person.UserId = user.Id;
                    person.TeamId = invitation.TeamId ?? person.TeamId;
                    break;
            }
        }

        invitation.AcceptedAt = now;
        invitation.AcceptedByUserId = user.Id;

        // Recorded against the programme too, so its organisers see who joined with which role.
        db.AuditEntries.Add(new AuditEntry
        {
            At = now,
            UserId = user.Id,
            UserName = user.Email,
            Action = "RoleGranted",
            OrganizationId = invitation.OrganizationId,
            ProgramId = invitation.ProgramId,
            Details = $"{{\"Role\":\"{invitation.Role}\",\"TeamId\":\"{invitation.TeamId}\"}}",
        });
    }
}

public static class InviteToProgram
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, string Email, InvitedRole Role, Guid? TeamId, int? ExpiresInDays) : IRequest<InvitationLink>, IProgramRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Email).NotEmpty().MaximumLength(254).EmailAddress();
            RuleFor(c => c.Role).Must(r => r is InvitedRole.Organizer or InvitedRole.Observer or InvitedRole.Mentor or InvitedRole.TeamMember)
                .WithMessage(l["Choose organiser, observer, mentor or team member."]);
            RuleFor(c => c.TeamId).NotEmpty().When(c => c.Role == InvitedRole.TeamMember)
                .WithMessage(l["Choose the team this person will join."]);
            RuleFor(c => c.ExpiresInDays).InclusiveBetween(1, 60);
        }
    }

    public sealed class Handler(CohortDbContext db, CurrentUser user, TimeProvider clock) : IRequestHandler<Command, InvitationLink>
    {
        public async Task<InvitationLink> Handle(Command request, CancellationToken cancellationToken)
        {
            var program = await db.Programs.GetAsync(request.ProgramId, cancellationToken);
            if (request.TeamId is { } teamId)
            {
                await db.Teams.Where(t => t.ProgramId == program.Id).GetAsync(teamId, cancellationToken);
            }

            var invitation = new Invitation
            {
                Email = request.Email.Trim().ToLowerInvariant(),
                OrganizationId = program.OrganizationId,
                ProgramId = program.Id,
                TeamId = request.TeamId,
                Role = request.Role,
                TokenHash = "",
            };
            return await InvitationRules.CreateAsync(db, user, clock, invitation, request.ExpiresInDays, cancellationToken);
        }
    }
}

public static class InviteToOrganization
{
    [OrganizationAccess(OrganizationPermission.Manage)]
    public sealed record Command(Guid OrganizationId, string Email, InvitedRole Role, int? ExpiresInDays) : IRequest<InvitationLink>, IOrganizationRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Email).NotEmpty().MaximumLength(254).EmailAddress();
            RuleFor(c => c.Role).Must(r => r is InvitedRole.OrganizationAdmin or InvitedRole.OrganizationMember)
                .WithMessage(l["Choose organisation admin or member."]);
            RuleFor(c => c.ExpiresInDays).InclusiveBetween(1, 60);
        }
    }

    public sealed class Handler(CohortDbContext db, CurrentUser user, TimeProvider clock) : IRequestHandler<Command, InvitationLink>
    {
        public Task<InvitationLink> Handle(Command request, CancellationToken cancellationToken) =>
            InvitationRules.CreateAsync(db, user, clock, new Invitation
            {
                Email = request.Email.Trim().ToLowerInvariant(),
                OrganizationId = request.OrganizationId,
                Role = request.Role,
                TokenHash = "",
            }, request.ExpiresInDays, cancellationToken);
    }
}

public static class RevokeInvitation
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, Guid InvitationId) : IRequest, IProgramRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.InvitationId).NotEmpty();
    }

    public sealed class Handler(CohortDbContext db, TimeProvider clock) : IRequestHandler<Command, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var invitation = await db.Invitations.Where(i => i.ProgramId == request.ProgramId).GetAsync(request.InvitationId, cancellationToken);
            if (invitation.AcceptedAt is not null)
            {
                throw new ConflictException("This invitation has already been used.");
            }

            invitation.RevokedAt ??= clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            return MediatR.Unit.Value;
        }
    }
}

/// <summary>What an invitation offers, shown before it is accepted. The secret itself is the permission.</summary>
public static class InvitationPreview
{
    [Anyone]
    public sealed record Query(string Token) : IRequest<Result>;

    public sealed record Result(string Email, InvitedRole Role, string OrganizationName, string? ProgramTitle, string? TeamName, DateTime ExpiresAt, bool AccountExists);

    public sealed class Handler(CohortDbContext db, TimeProvider clock) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var invitation = await InvitationRules.FindOpenAsync(db, clock, request.Token, cancellationToken);
            var organization = await db.Organizations.Where(o => o.Id == invitation.OrganizationId).Select(o => o.Name).SingleAsync(cancellationToken);
            var program = invitation.ProgramId is { } p ? await db.Programs.Where(x => x.Id == p).Select(x => x.Title).SingleAsync(cancellationToken) : null;
            var team = invitation.TeamId is { } t ? await db.Teams.Where(x => x.Id == t).Select(x => x.Name).SingleOrDefaultAsync(cancellationToken) : null;
            var normalized = invitation.Email.ToUpperInvariant();
            var exists = await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, cancellationToken);
            return new Result(invitation.Email, invitation.Role, organization, program, team, invitation.ExpiresAt, exists);
        }
    }
}

/// <summary>A signed-in user accepts an invitation addressed to their own e-mail.</summary>
public static class AcceptInvitation
{
    [SignedIn]
    public sealed record Command(string Token) : IRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Token).NotEmpty();
    }

    public sealed class Handler(CohortDbContext db, CurrentUser current, UserManager<AppUser> users, TimeProvider clock) : IRequestHandler<Command, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var invitation = await InvitationRules.FindOpenAsync(db, clock, request.Token, cancellationToken);
            var user = await users.FindByIdAsync(current.Id!.Value.ToString()) ?? throw new NotFoundException("User");
            // A forwarded link must not hand someone else's role to whoever opens it.
            if (!string.Equals(user.Email, invitation.Email, StringComparison.OrdinalIgnoreCase))
            {
                throw new ForbiddenException("This invitation was sent to a different e-mail address.");
            }

            await InvitationRules.GrantAsync(db, invitation, user, clock.GetUtcNow().UtcDateTime, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return MediatR.Unit.Value;
        }
    }
}

/// <summary>Someone without an account creates one from the invitation and gets its role.</summary>
public static class RegisterWithInvitation
{
    [Anyone]
    public sealed record Command(string Token, string DisplayName, string Password) : IRequest<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Token).NotEmpty();
            RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(100);
            RuleFor(c => c.Password).NotEmpty().MinimumLength(12).MaximumLength(200);
        }
    }

    public sealed class Handler(CohortDbContext db, UserManager<AppUser> users, TimeProvider clock, IStringLocalizer<SharedResource> l) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command request, CancellationToken cancellationToken)
        {
            var invitation = await InvitationRules.FindOpenAsync(db, clock, request.Token, cancellationToken);
            if (await users.FindByEmailAsync(invitation.Email) is not null)
            {
                throw new ConflictException("An account with this e-mail already exists. Sign in and open the invitation again.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var user = new AppUser { UserName = invitation.Email, Email = invitation.Email, EmailConfirmed = true, DisplayName = request.DisplayName.Trim(), CreatedAt = now };
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var created = await users.CreateAsync(user, request.Password);
            if (!created.Succeeded)
            {
                throw new Infrastructure.Mediation.RequestValidationException(typeof(Command),
                    created.Errors.Select(e => new FluentValidation.Results.ValidationFailure(nameof(Command.Password), l[e.Description])));
            }

            await InvitationRules.GrantAsync(db, invitation, user, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return user.Id;
        }
    }
}

/// <summary>Who holds which role in a programme, and the invitations still open.</summary>
public static class ProgramPeople
{
    [ProgramAccess(ProgramPermission.ReadPeople)]
    public sealed record Query(Guid ProgramId) : IRequest<Result>, IProgramRequest;

    public sealed record Person(Guid UserId, string Name, string Email, string Role, string? TeamName);

    public sealed record PendingInvitation(Guid Id, string Email, InvitedRole Role, string? TeamName, DateTime ExpiresAt);

    public sealed record Result(IReadOnlyList<Person> People, IReadOnlyList<PendingInvitation> Invitations);

    public sealed class Handler(CohortDbContext db, TimeProvider clock, AccessService access) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var programId = request.ProgramId;
            var organizationId = await db.Programs.Where(p => p.Id == programId).Select(p => p.OrganizationId).SingleAsync(cancellationToken);
            var people = new List<Person>();
            people.AddRange(await db.OrganizationMembers.Where(m => m.OrganizationId == organizationId && m.Role == OrganizationRole.Admin)
                .Select(m => new Person(m.UserId, m.User!.DisplayName, m.User.Email!, "OrganizationAdmin", null)).ToListAsync(cancellationToken));
            people.AddRange(await db.ProgramMembers.Where(m => m.ProgramId == programId)
                .Select(m => new Person(m.UserId, m.User!.DisplayName, m.User.Email!, m.Role.ToString(), null)).ToListAsync(cancellationToken));
            people.AddRange(await db.MentorAssignments.Where(a => a.Team!.ProgramId == programId && a.Mentor!.UserId != null)
                .Select(a => new Person(a.Mentor!.UserId!.Value, a.Mentor.Name, a.Mentor.Email, "Mentor", a.Team!.Name)).ToListAsync(cancellationToken));
            people.AddRange(await db.Participants.Where(p => p.ProgramId == programId && p.UserId != null)
                .Select(p => new Person(p.UserId!.Value, p.Name, p.Email, "TeamMember", p.Team == null ? null : p.Team.Name)).ToListAsync(cancellationToken));

            var now = clock.GetUtcNow().UtcDateTime;
            var organizer = (await access.ForProgramAsync(programId, cancellationToken))?.IsOrganizer == true;
            var invitations = organizer
                ? await db.Invitations.Where(i => i.ProgramId == programId && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
                    .OrderBy(i => i.Email)
                    .Select(i => new PendingInvitation(i.Id, i.Email, i.Role, db.Teams.Where(t => t.Id == i.TeamId).Select(t => t.Name).FirstOrDefault(), i.ExpiresAt))
                    .ToListAsync(cancellationToken)
                : [];
            return new Result(people.OrderBy(p => p.Role).ThenBy(p => p.Name).ToList(), invitations);
        }
    }
}
