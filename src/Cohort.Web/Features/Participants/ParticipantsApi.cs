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
                var content = await ReadUploadAsync(request, ct);
                return Results.Ok(await m.Send(new ImportParticipants.Command(programId, content), ct));
            })
            .RequireAuthorization(Policies.SignedIn).WithName("ImportParticipants")
            .Accepts<IFormFile>("multipart/form-data")
            .Accepts<string>("text/csv")
            .DisableAntiforgery();
    }

    /// <summary>Takes the CSV either as a multipart field named "file" or as a raw text/csv body.</summary>
    private static async Task<byte[]> ReadUploadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file") ?? (form.Files.Count > 0 ? form.Files[0] : null);
            if (file is null)
            {
                return [];
            }

            using var copy = new MemoryStream();
            await file.OpenReadStream().CopyToAsync(copy, ct);
            return copy.ToArray();
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        return body.ToArray();
    }
}
