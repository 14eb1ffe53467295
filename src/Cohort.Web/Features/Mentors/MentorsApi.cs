using Cohort.Web.Infrastructure.Auth;
using MediatR;

namespace Cohort.Web.Features.Mentors;

public static class MentorsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var mentors = api.MapGroup("/mentors").WithTags("Mentors");
        mentors.MapGet("/", (IMediator m, CancellationToken ct) => m.Send(new MentorList.Query(), ct))
            .RequireAuthorization(Policies.SignedIn).WithName("ListMentors");
        mentors.MapPost("/", async (CreateMentor.Command command, IMediator m, CancellationToken ct) =>
            {
                var id = await m.Send(command, ct);
                return Results.Created($"/api/v1/mentors/{id}", new { id });
            })
            .RequireAuthorization(Policies.Admin).WithName("CreateMentor");

        var assignments = api.MapGroup("/programs/{programId:guid}/teams/{teamId:guid}/mentors").WithTags("Mentors");
        assignments.MapPut("/{mentorId:guid}", async (Guid programId, Guid teamId, Guid mentorId, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new AssignMentor.Command(programId, teamId, mentorId), ct);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.SignedIn).WithName("AssignMentor");
        assignments.MapDelete("/{mentorId:guid}", async (Guid programId, Guid teamId, Guid mentorId, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new UnassignMentor.Command(programId, teamId, mentorId), ct);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.SignedIn).WithName("UnassignMentor");
    }
}
