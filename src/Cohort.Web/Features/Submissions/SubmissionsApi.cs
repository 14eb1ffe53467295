using Cohort.Web.Infrastructure.Auth;
using MediatR;

namespace Cohort.Web.Features.Submissions;

public static class SubmissionsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/programs/{programId:guid}/deliverable-stats", (Guid programId, IMediator m, CancellationToken ct) => m.Send(new DeliverableStats.Query(programId), ct))
            .RequireAuthorization(Policies.SignedIn).WithTags("Submissions").WithName("GetDeliverableStats");
        var team = api.MapGroup("/programs/{programId:guid}/teams/{teamId:guid}").WithTags("Submissions").RequireAuthorization(Policies.SignedIn);
        team.MapGet("/portfolio", (Guid programId, Guid teamId, IMediator m, CancellationToken ct) => m.Send(new TeamPortfolio.Query(programId, teamId), ct))
            .WithName("GetTeamPortfolio");
        team.MapGet("/portfolio/export", (Guid programId, Guid teamId, IMediator m, CancellationToken ct) => m.Send(new PortfolioExport.Query(programId, teamId), ct))
            .WithName("ExportTeamPortfolio");
        team.MapGet("/portfolio/export.zip", async (Guid programId, Guid teamId, IMediator m, CancellationToken ct) =>
                PortfolioArchive.Result(await m.Send(new PortfolioExport.Query(programId, teamId), ct)))
            .Produces(StatusCodes.Status200OK, contentType: "application/zip").WithName("DownloadTeamPortfolio");
        team.MapPut("/milestones/{milestoneId:guid}/draft", async (Guid programId, Guid teamId, Guid milestoneId, SaveSubmissionDraft.Command command, IMediator m, CancellationToken ct) =>
                Results.Ok(new { submissionId = await m.Send(command with { ProgramId = programId, TeamId = teamId, MilestoneId = milestoneId }, ct) }))
            .WithName("SaveSubmissionDraft");
        team.MapPost("/submissions/{submissionId:guid}/submit", async (Guid programId, Guid teamId, Guid submissionId, IMediator m, CancellationToken ct) =>
                Results.Ok(new { version = await m.Send(new SubmitDeliverable.Command(programId, teamId, submissionId), ct) }))
            .WithName("SubmitDeliverable");
        team.MapGet("/submissions/{submissionId:guid}", (Guid programId, Guid teamId, Guid submissionId, IMediator m, CancellationToken ct) =>
                m.Send(new SubmissionDetail.Query(programId, teamId, submissionId), ct))
            .WithName("GetSubmission");
        team.MapGet("/milestones/{milestoneId:guid}/compare", (Guid programId, Guid teamId, Guid milestoneId, int? from, int? to, IMediator m, CancellationToken ct) =>
                m.Send(new VersionComparison.Query(programId, teamId, milestoneId, from, to), ct))
            .WithName("CompareSubmissionVersions");
        team.MapPost("/submissions/{submissionId:guid}/files", async (Guid programId, Guid teamId, Guid submissionId, HttpRequest http, IMediator m, CancellationToken ct) =>
            {
                var form = http.HasFormContentType ? await http.ReadFormAsync(ct) : null;
                var file = form?.Files.GetFile("file") ?? (form?.Files.Count > 0 ? form.Files[0] : null);
                using var copy = new MemoryStream();
                if (file is not null)
                {
                    await file.CopyToAsync(copy, ct);
                }

                return Results.Ok(new { fileId = await m.Send(new AttachFile.Command(programId, teamId, submissionId, file?.FileName ?? "", copy.ToArray()), ct) });
            })
            .Accepts<IFormFile>("multipart/form-data").DisableAntiforgery().WithName("AttachFile");
        team.MapGet("/submissions/{submissionId:guid}/files/{fileId:guid}", async (Guid programId, Guid teamId, Guid submissionId, Guid fileId, IMediator m, CancellationToken ct) =>
            {
                var file = await m.Send(new SubmissionFileContent.Query(programId, teamId, submissionId, fileId), ct);
                return Cohort.Web.Infrastructure.Files.SafeDownload.Result(file.Content, file.ContentType, file.FileName);
            })
            .WithName("DownloadSubmissionFile");
        team.MapGet("/submissions/{submissionId:guid}/files/{fileId:guid}/thumbnail", async (Guid programId, Guid teamId, Guid submissionId, Guid fileId, IMediator m, CancellationToken ct) =>
                Cohort.Web.Infrastructure.Files.SafeDownload.Result(new MemoryStream(await m.Send(new SubmissionFileThumbnail.Query(programId, teamId, submissionId, fileId), ct)),
                    Cohort.Web.Infrastructure.Files.Thumbnails.ContentType, "thumbnail.webp"))
            .Produces(StatusCodes.Status200OK, contentType: Cohort.Web.Infrastructure.Files.Thumbnails.ContentType).WithName("GetSubmissionFileThumbnail");
        team.MapPost("/submissions/{submissionId:guid}/reviews", async (Guid programId, Guid teamId, Guid submissionId, ReviewSubmission.Command command, IMediator m, CancellationToken ct) =>
                Results.Ok(new { reviewId = await m.Send(command with { ProgramId = programId, TeamId = teamId, SubmissionId = submissionId }, ct) }))
            .WithName("ReviewSubmission");
        team.MapPost("/reviews/{reviewId:guid}/response", async (Guid programId, Guid teamId, Guid reviewId, RespondToReview.Command command, IMediator m, CancellationToken ct) =>
            {
                await m.Send(command with { ProgramId = programId, TeamId = teamId, ReviewId = reviewId }, ct);
                return Results.NoContent();
            })
            .WithName("RespondToReview");
        team.MapPut("/stages/{stageId:guid}/gate", async (Guid programId, Guid teamId, Guid stageId, SetStageGate.Command command, IMediator m, CancellationToken ct) =>
            {
                await m.Send(command with { ProgramId = programId, TeamId = teamId, StageId = stageId }, ct);
                return Results.NoContent();
            })
            .WithName("SetStageGate");
    }
}
