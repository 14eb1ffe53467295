using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Localization;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Features.Users;

public static class UserList
{
    [AdminOnly]
    public sealed record Query : IRequest<IReadOnlyList<Item>>;

    public sealed record Item(Guid Id, string Email, string DisplayName, bool IsAdmin, bool LockedOut, int Organizations, bool HasPassword);

    public sealed class Handler(CohortDbContext db, TimeProvider clock) : IRequestHandler<Query, IReadOnlyList<Item>>
    {
        public async Task<IReadOnlyList<Item>> Handle(Query request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var adminRole = await db.Roles.Where(r => r.Name == Roles.Admin).Select(r => r.Id).SingleOrDefaultAsync(cancellationToken);
            var users = await db.Users.OrderBy(u => u.Email)
                .Select(u => new
                {
                    u.Id,
                    u.Email,
                    u.DisplayName,
                    u.LockoutEnd,
                    u.PasswordHash,
                    IsAdmin = db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == adminRole),
                    Organizations = db.OrganizationMembers.Count(m => m.UserId == u.Id),
                })
                .ToListAsync(cancellationToken);
            return users.Select(u => new Item(u.Id, u.Email!, u.DisplayName, u.IsAdmin, u.LockoutEnd > now, u.Organizations, u.PasswordHash is not null)).ToList();
        }
    }
}

/// <summary>
/// Until mail is configured an administrator hands a reset link to the person; it works once (Identity's
/// token is bound to the user's security stamp, which changes when the password does).
/// </summary>
public static class CreatePasswordResetLink
{
    [AdminOnly]
    public sealed record Command(Guid UserId) : IRequest<string>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.UserId).NotEmpty();
    }

    public sealed class Handler(UserManager<AppUser> users) : IRequestHandler<Command, string>
    {
        public async Task<string> Handle(Command request, CancellationToken cancellationToken)
        {
            var user = await users.FindByIdAsync(request.UserId.ToString()) ?? throw new NotFoundException("User");
            var token = await users.GeneratePasswordResetTokenAsync(user);
            return $"/Account/ResetPassword?userId={user.Id}&token={Uri.EscapeDataString(token)}";
        }
    }
}

public static class UnlockUser
{
    [AdminOnly]
    public sealed record Command(Guid UserId) : IRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.UserId).NotEmpty();
    }

    public sealed class Handler(UserManager<AppUser> users) : IRequestHandler<Command, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var user = await users.FindByIdAsync(request.UserId.ToString()) ?? throw new NotFoundException("User");
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            return MediatR.Unit.Value;
        }
    }
}

/// <summary>Sets a new password with a reset link's token; the token is the permission.</summary>
public static class ResetPassword
{
    [Anyone]
    public sealed record Command(Guid UserId, string Token, string Password) : IRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.UserId).NotEmpty();
            RuleFor(c => c.Token).NotEmpty();
            RuleFor(c => c.Password).NotEmpty().MinimumLength(12).MaximumLength(200);
        }
    }

    public sealed class Handler(UserManager<AppUser> users, IStringLocalizer<SharedResource> l) : IRequestHandler<Command, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var user = await users.FindByIdAsync(request.UserId.ToString()) ?? throw new NotFoundException("User");
            var result = await users.ResetPasswordAsync(user, request.Token, request.Password);
            if (!result.Succeeded)
            {
                var invalidToken = result.Errors.Any(e => e.Code == "InvalidToken");
                throw new Infrastructure.Mediation.RequestValidationException(typeof(Command), result.Errors.Select(e =>
                    new FluentValidation.Results.ValidationFailure(invalidToken ? "" : nameof(Command.Password),
                        invalidToken ? l["This reset link is no longer valid. Ask an administrator for a new one."] : l[e.Description])));
            }

            await users.SetLockoutEndDateAsync(user, null);
            return MediatR.Unit.Value;
        }
    }
}
