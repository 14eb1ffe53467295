using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure.Auth;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Features.Users;

/// <summary>
/// What the menu of every page needs: which parts the signed-in person uses (mentoring for mentors, the mentor
/// directory and API for those who run programmes, administration for administrators; a team member sees a short
/// menu) and how many notifications are unread.
/// </summary>
public static class MyNavigation
{
    [SignedIn]
    public sealed record Query : IRequest<Result>;

    public sealed record Result(bool Mentors, bool Organizes, bool Admin, int Unread = 0);

    public sealed class Handler(CohortDbContext db, CurrentUser user) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            // Every page asks this (the layout): one round trip.
            var id = user.Id ?? Guid.Empty;
            var roles = await db.Users.Where(u => u.Id == id).Select(u => new
            {
                Mentors = db.Mentors.Any(m => m.UserId == id),
                Organizes = db.OrganizationMembers.Any(m => m.UserId == id && m.Role == OrganizationRole.Admin)
                    || db.ProgramMembers.Any(m => m.UserId == id && m.Role == ProgramRole.Organizer),
                Unread = db.Notifications.Count(n => n.UserId == id && n.ReadAt == null),
            }).SingleOrDefaultAsync(cancellationToken);
            return new Result((roles?.Mentors ?? false) || user.IsAdmin, (roles?.Organizes ?? false) || user.IsAdmin, user.IsAdmin, roles?.Unread ?? 0);
        }
    }
}
