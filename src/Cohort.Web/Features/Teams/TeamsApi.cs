using Cohort.Web.Infrastructure.Auth;
using MediatR;

namespace Cohort.Web.Features.Teams;

public static class TeamsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var teams = api.MapGroup("/programs/{programId:guid}/teams").WithTags("Teams");
        teams.MapPost("/", async (Guid programId, CreateTeam.Command command, IMediator m, CancellationToken ct) =>
            {
                var id = await m.Send(command with { ProgramId = programId }, ct);
                return Results.Created($"/api/v1/programs/{programId}/teams/{id}", new { id });
            })
            .RequireAuthorization(Policies.SignedIn).WithName("CreateTeam");
        teams.MapPut("/{teamId:guid}", async (Guid programId, Guid teamId, UpdateTeam.Command command, IMediator m, CancellationToken ct) =>
            {
                await m.Send(command with { ProgramId = programId, TeamId = teamId }, ct);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.SignedIn).WithName("UpdateTeam");
        teams.MapDelete("/{teamId:guid}", async (Guid programId, Guid teamId, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new DeleteTeam.Command(programId, teamId), ct);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.SignedIn).WithName("DeleteTeam");
    }
}
