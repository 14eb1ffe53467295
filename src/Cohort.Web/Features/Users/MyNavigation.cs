using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure.Auth;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Features.Users;

/// <summary>
/// Which parts of the menu the signed-in person needs: mentoring for mentors, the mentor directory and API for those
/// who run programmes, administration for administrators. A team member sees a short menu.
/// </summary>
public static class MyNavigation
{
    [SignedIn]
    public sealed record Query : IRequest<Result>;

    public sealed record Result(bool Mentors, bool Organizes, bool Admin);

    public sealed class Handler(CohortDbContext db, CurrentUser user) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var id = user.Id ?? Guid.Empty;
            var mentors = await db.Mentors.AnyAsync(m => m.UserId == id, cancellationToken);
            var organizes = user.IsAdmin
                || await db.OrganizationMembers.AnyAsync(m => m.UserId == id && m.Role == OrganizationRole.Admin, cancellationToken)
                || await db.ProgramMembers.AnyAsync(m => m.UserId == id && m.Role == ProgramRole.Organizer, cancellationToken);
            return new Result(mentors || user.IsAdmin, organizes, user.IsAdmin);
        }
    }
}
