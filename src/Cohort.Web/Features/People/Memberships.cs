using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Features.People;

/// <summary>Withdraws an organisation-level invitation that has not been used.</summary>
public static class RevokeOrganizationInvitation
{
    [OrganizationAccess(OrganizationPermission.Manage)]
    public sealed record Command(Guid OrganizationId, Guid InvitationId) : IRequest, IOrganizationRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.InvitationId).NotEmpty();
    }

    public sealed class Handler(CohortDbContext db, TimeProvider clock) : IRequestHandler<Command, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var invitation = await db.Invitations.Where(i => i.OrganizationId == request.OrganizationId && i.ProgramId == null).GetAsync(request.InvitationId, cancellationToken);
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

/// <summary>Takes someone's organiser or observer role in a programme away.</summary>
public static class RemoveProgramRole
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, Guid UserId) : IRequest, IProgramRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.UserId).NotEmpty();
    }

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Command, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var member = await db.ProgramMembers.SingleOrDefaultAsync(m => m.ProgramId == request.ProgramId && m.UserId == request.UserId, cancellationToken)
                ?? throw new NotFoundException("Role");
            db.ProgramMembers.Remove(member);
            await db.SaveChangesAsync(cancellationToken);
            return MediatR.Unit.Value;
        }
    }
}

/// <summary>Removes a person from an organisation, with their organiser and observer roles in its programmes.</summary>
public static class RemoveOrganizationMember
{
    [OrganizationAccess(OrganizationPermission.Manage)]
    public sealed record Command(Guid OrganizationId, Guid UserId) : IRequest, IOrganizationRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.UserId).NotEmpty();
    }

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Command, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var member = await db.OrganizationMembers.SingleOrDefaultAsync(m => m.OrganizationId == request.OrganizationId && m.UserId == request.UserId, cancellationToken)
                ?? throw new NotFoundException("Member");
            if (member.Role == OrganizationRole.Admin
                && !await db.OrganizationMembers.AnyAsync(m => m.OrganizationId == request.OrganizationId && m.Role == OrganizationRole.Admin && m.UserId != request.UserId, cancellationToken))
            {
                throw new ConflictException("The last organisation admin cannot be removed. Make someone else admin first.");
            }

            db.OrganizationMembers.Remove(member);
            var roles = await db.ProgramMembers.Where(m => m.UserId == request.UserId && m.Program!.OrganizationId == request.OrganizationId).ToListAsync(cancellationToken);
            db.ProgramMembers.RemoveRange(roles);
            await db.SaveChangesAsync(cancellationToken);
            return MediatR.Unit.Value;
        }
    }
}
