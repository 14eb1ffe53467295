using Cohort.Web.Infrastructure.Auth;
using MediatR;

namespace Cohort.Web.Features.Tokens;

public static class TokensApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var tokens = api.MapGroup("/me/tokens").WithTags("Tokens");
        tokens.MapGet("/", (IMediator m, CancellationToken ct) => m.Send(new TokenList.Query(), ct))
            .RequireAuthorization(Policies.SignedIn).WithName("ListTokens");
        tokens.MapPost("/", async (CreateToken.Command command, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(command, ct)))
            .RequireAuthorization(Policies.SignedIn).WithName("CreateToken");
        tokens.MapDelete("/{tokenId:guid}", async (Guid tokenId, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new RevokeToken.Command(tokenId), ct);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.SignedIn).WithName("RevokeToken");
    }
}
