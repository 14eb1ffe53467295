using Cohort.Web.Infrastructure.Auth;
using MediatR;

namespace Cohort.Web.Features.Users;

public static class UsersApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users").RequireAuthorization(Policies.Admin);
        users.MapGet("/", (IMediator m, CancellationToken ct) => m.Send(new UserList.Query(), ct)).WithName("ListUsers");
        users.MapPost("/{userId:guid}/password-reset-link", async (Guid userId, IMediator m, CancellationToken ct) =>
            Results.Ok(new { path = await m.Send(new CreatePasswordResetLink.Command(userId), ct) })).WithName("CreatePasswordResetLink");
        users.MapPost("/{userId:guid}/unlock", async (Guid userId, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new UnlockUser.Command(userId), ct);
                return Results.NoContent();
            }).WithName("UnlockUser");
    }
}
