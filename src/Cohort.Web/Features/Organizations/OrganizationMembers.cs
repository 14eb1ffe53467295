using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure.Auth;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Features.Organizations;

/// <summary>An organisation's members and open invitations, for its admins.</summary>
public static class OrganizationMembers
{
    [OrganizationAccess(OrganizationPermission.Manage)]
    public sealed record Query(Guid OrganizationId) : IRequest<Result>, IOrganizationRequest;

    public sealed record Member(Guid UserId, string Name, string Email, OrganizationRole Role);

    public sealed record Pending(Guid Id, string Email, InvitedRole Role, DateTime ExpiresAt);

    public sealed record Result(Guid Id, string Name, IReadOnlyList<Member> Members, IReadOnlyList<Pending> Invitations);

    public sealed class Handler(CohortDbContext db, TimeProvider clock) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var name = await db.Organizations.Where(o => o.Id == request.OrganizationId).Select(o => o.Name).SingleAsync(cancellationToken);
            var members = await db.OrganizationMembers.Where(m => m.OrganizationId == request.OrganizationId)
                .OrderByDescending(m => m.Role).ThenBy(m => m.User!.DisplayName)
                .Select(m => new Member(m.UserId, m.User!.DisplayName, m.User.Email!, m.Role)).ToListAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var pending = await db.Invitations.Where(i => i.OrganizationId == request.OrganizationId && i.ProgramId == null && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
                .OrderBy(i => i.Email).Select(i => new Pending(i.Id, i.Email, i.Role, i.ExpiresAt)).ToListAsync(cancellationToken);
            return new Result(request.OrganizationId, name, members, pending);
        }
    }
}
