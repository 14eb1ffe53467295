using System.Reflection;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using MediatR;

namespace Cohort.Web.Infrastructure.Mediation;

/// <summary>
/// Checks every request against its access attribute before anything runs: a programme or organisation
/// the caller has no role in is reported as not found (its existence is not revealed); a known one the
/// caller may not change is forbidden.
/// </summary>
public sealed class AuthorizationBehavior<TRequest, TResponse>(CurrentUser user, AccessService access)
    : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly AccessAttribute? Rule = typeof(TRequest).GetCustomAttribute<AccessAttribute>();

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        switch (Rule)
        {
            case AnyoneAttribute:
                break;
            case null:
                throw new InvalidOperationException($"{typeof(TRequest).FullName} declares no access attribute.");
            case var _ when !user.IsAuthenticated:
                throw new ForbiddenException("Sign in first.");
            case SignedInAttribute:
                break;
            case AdminOnlyAttribute when !user.IsAdmin:
                throw new ForbiddenException();
            case AdminOnlyAttribute:
                break;
            case ProgramAccessAttribute p:
                await access.RequireProgramAsync(((IProgramRequest)request!).ProgramId, p.Permission, (request as ITeamRequest)?.TeamId, cancellationToken);
                break;
            case CaseAccessAttribute c:
                await access.RequireCaseAsync(((ICaseRequest)request!).CaseId, c.Permission, cancellationToken);
                break;
            case OrganizationAccessAttribute o:
                var organizationId = ((IOrganizationRequest)request!).OrganizationId;
                var role = await access.ForOrganizationAsync(organizationId, cancellationToken) ?? throw new NotFoundException("Organisation");
                if (o.Permission == OrganizationPermission.Manage && role != Domain.OrganizationRole.Admin)
                {
                    throw new ForbiddenException();
                }

                break;
        }

        return await next();
    }
}
