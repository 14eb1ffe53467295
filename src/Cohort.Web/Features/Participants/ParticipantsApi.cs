using Cohort.Web.Infrastructure.Auth;
using MediatR;

namespace Cohort.Web.Features.Participants;

public static class ParticipantsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var participants = api.MapGroup("/programs/{programId:guid}/participants").WithTags("Participants");
        participants.MapGet("/", (Guid programId, IMediator m, CancellationToken ct) => m.Send(new ParticipantList.Query(programId), ct))
            .RequireAuthorization(Policies.SignedIn).WithName("ListParticipants");
        participants.MapPost("/", async (Guid programId, SaveParticipant.Command command, IMediator m, CancellationToken ct) =>
            {
                var id = await m.Send(command with { ProgramId = programId }, ct);
                return Results.Ok(new { id });
            })
            .RequireAuthorization(Policies.SignedIn).WithName("SaveParticipant");
        participants.MapDelete("/{participantId:guid}", async (Guid programId, Guid participantId, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new RemoveParticipant.Command(programId, participantId), ct);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.SignedIn).WithName("RemoveParticipant");
        participants.MapPost("/import", async (Guid programId, HttpRequest request, IMediator m, CancellationToken ct) =>
            {
                var upload = await Infrastructure.Files.CsvUpload.ReadAsync(request, ct);
                return Results.Ok(await m.Send(new ImportParticipants.Command(programId, upload.Content), ct));
            })
            .RequireAuthorization(Policies.SignedIn).WithName("ImportParticipants")
            .Accepts<IFormFile>("multipart/form-data")
            .Accepts<string>("text/csv")
            .DisableAntiforgery();
    }
}
