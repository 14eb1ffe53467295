using System.Security.Claims;
using Cohort.Web.Infrastructure.Auth;
using MediatR;

namespace Cohort.Web.Features.Tokens;

public static class TokensApi
{
    public sealed record CreateBody(string Name, bool ReadOnly, int? ExpiresInDays);

    public static void Map(RouteGroupBuilder api)
    {
        var tokens = api.MapGroup("/me/tokens").WithTags("Tokens");
        tokens.MapGet("/", (ClaimsPrincipal user, IMediator m, CancellationToken ct) => m.Send(new TokenList.Query(user.UserId()), ct))
            .RequireAuthorization(Policies.SignedIn).WithName("ListTokens");
        tokens.MapPost("/", async (CreateBody body, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(new CreateToken.Command(user.UserId(), body.Name, body.ReadOnly, body.ExpiresInDays), ct)))
            .RequireAuthorization(Policies.SignedIn).WithName("CreateToken");
        tokens.MapDelete("/{tokenId:guid}", async (Guid tokenId, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new RevokeToken.Command(user.UserId(), tokenId), ct);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.SignedIn).WithName("RevokeToken");
    }
}
