using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Files;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Cohort.Web.Features.Cases;

public static class CasesApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases").WithTags("Cases");
        cases.MapGet("", ([AsParameters] SearchCases.Query query, IMediator m, CancellationToken ct) => m.Send(query, ct)).WithName("SearchCases");
        cases.MapGet("/{caseId:guid}", (Guid caseId, IMediator m, CancellationToken ct) => m.Send(new CaseDetail.Query(caseId), ct)).WithName("GetCase");
        cases.MapPut("/{caseId:guid}", async (Guid caseId, UpdateCase.Command command, IMediator m, CancellationToken ct) =>
            {
                await m.Send(command with { CaseId = caseId }, ct);
                return Results.NoContent();
            })
            .WithName("UpdateCase");
        cases.MapDelete("/{caseId:guid}", async (Guid caseId, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new DeleteCase.Command(caseId), ct);
                return Results.NoContent();
            })
            .WithName("DeleteCase");
        cases.MapPost("/{caseId:guid}/publication/request", async (Guid caseId, RequestCasePublication.Command command, IMediator m, CancellationToken ct) =>
            {
                await m.Send(command with { CaseId = caseId }, ct);
                return Results.NoContent();
            })
            .WithName("RequestCasePublication");
        cases.MapPost("/{caseId:guid}/publication/approve", async (Guid caseId, ApproveCasePublication.Command command, IMediator m, CancellationToken ct) =>
            {
                await m.Send(command with { CaseId = caseId }, ct);
                return Results.NoContent();
            })
            .WithName("ApproveCasePublication");
        cases.MapPost("/{caseId:guid}/publication/reject", async (Guid caseId, RejectCasePublication.Command command, IMediator m, CancellationToken ct) =>
            {
                await m.Send(command with { CaseId = caseId }, ct);
                return Results.NoContent();
            })
            .WithName("RejectCasePublication");
        cases.MapPost("/{caseId:guid}/publication/withdraw", async (Guid caseId, WithdrawCase.Command command, IMediator m, CancellationToken ct) =>
            {
                await m.Send(command with { CaseId = caseId }, ct);
                return Results.NoContent();
            })
            .WithName("WithdrawCase");
        cases.MapPut("/{caseId:guid}/consent", async (Guid caseId, SetCaseNameConsent.Command command, IMediator m, CancellationToken ct) =>
            {
                await m.Send(command with { CaseId = caseId }, ct);
                return Results.NoContent();
            })
            .WithName("SetCaseNameConsent");
        cases.MapPost("/{caseId:guid}/follow-ups", async (Guid caseId, RecordCaseFollowUp.Command command, IMediator m, CancellationToken ct) =>
                Results.Ok(new { id = await m.Send(command with { CaseId = caseId }, ct) }))
            .WithName("RecordCaseFollowUp");
        cases.MapGet("/{caseId:guid}/export", async (Guid caseId, HttpResponse response, IMediator m, CancellationToken ct) =>
            {
                var document = await m.Send(new ExportCase.Query(caseId), ct);
                SafeDownload.SetHeaders(response, $"case-{caseId}.json");
                return Results.Json(document, CaseDocument.Json);
            })
            .Produces<CaseDocument>().WithName("ExportCase");
        cases.MapGet("/{caseId:guid}/attachments/{attachmentId:guid}", async (Guid caseId, Guid attachmentId, IMediator m, CancellationToken ct) =>
            {
                var file = await m.Send(new CaseAttachmentFile.Query(caseId, attachmentId), ct);
                return SafeDownload.Result(file.Content, file.ContentType, file.FileName);
            })
            .WithName("DownloadCaseAttachment");

        var program = api.MapGroup("/programs/{programId:guid}").WithTags("Cases");
        program.MapGet("/cases", (Guid programId, IMediator m, CancellationToken ct) => m.Send(new ProgramCases.Query(programId), ct)).WithName("ListProgramCases");
        program.MapPut("/case-follow-up-days", async (Guid programId, SetCaseFollowUpDays.Command command, IMediator m, CancellationToken ct) =>
            {
                await m.Send(command with { ProgramId = programId }, ct);
                return Results.NoContent();
            })
            .WithName("SetCaseFollowUpDays");
        program.MapGet("/teams/{teamId:guid}/case-draft", (Guid programId, Guid teamId, IMediator m, CancellationToken ct) => m.Send(new CaseDraft.Query(programId, teamId), ct))
            .WithName("GetCaseDraft");
        program.MapPost("/teams/{teamId:guid}/cases", async (Guid programId, Guid teamId, CreateCase.Command command, IMediator m, CancellationToken ct) =>
            {
                var id = await m.Send(command with { ProgramId = programId, TeamId = teamId }, ct);
                return Results.Created($"/api/v1/cases/{id}", new { id });
            })
            .WithName("CreateCase");
        program.MapPost("/cases/{caseId:guid}/reuse", async (Guid programId, Guid caseId, ReuseCase.Command command, IMediator m, CancellationToken ct) =>
                Results.Ok(new { teamId = await m.Send(command with { ProgramId = programId, CaseId = caseId }, ct) }))
            .WithName("ReuseCase");

        api.MapPost("/organizations/{organizationId:guid}/cases/import", async (Guid organizationId, CaseDocument? document, IMediator m, CancellationToken ct) =>
            {
                var id = await m.Send(new ImportCase.Command(organizationId, document), ct);
                return Results.Created($"/api/v1/cases/{id}", new { id });
            })
            .WithTags("Cases").WithName("ImportCase");

        // No account needed: public cases only; anything else is not found.
        var open = api.MapGroup("/public/cases").WithTags("Cases").RequireAuthorization(Policies.Anonymous).AllowAnonymous();
        open.MapGet("", ([AsParameters] SearchPublicCases.Query query, IMediator m, CancellationToken ct) => m.Send(query, ct)).WithName("SearchPublicCases");
        open.MapGet("/{caseId:guid}", (Guid caseId, IMediator m, CancellationToken ct) => m.Send(new PublicCase.Query(caseId), ct)).WithName("GetPublicCase");
        open.MapGet("/{caseId:guid}/attachments/{attachmentId:guid}", async (Guid caseId, Guid attachmentId, IMediator m, CancellationToken ct) =>
            {
                var file = await m.Send(new PublicCaseAttachmentFile.Query(caseId, attachmentId), ct);
                return SafeDownload.Result(file.Content, file.ContentType, file.FileName);
            })
            .WithName("DownloadPublicCaseAttachment");
    }
}
