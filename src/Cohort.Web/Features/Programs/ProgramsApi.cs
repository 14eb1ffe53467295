using Cohort.Web.Features.Templates;
using Cohort.Web.Infrastructure.Auth;
using MediatR;

namespace Cohort.Web.Features.Programs;

public static class ProgramsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/templates", (IMediator m, CancellationToken ct) => m.Send(new TemplateList.Query(), ct))
            .RequireAuthorization(Policies.SignedIn).WithTags("Programs").WithName("ListTemplates");

        var programs = api.MapGroup("/programs").WithTags("Programs");
        programs.MapGet("/", (Guid? organizationId, IMediator m, CancellationToken ct) => m.Send(new ProgramList.Query(organizationId), ct))
            .RequireAuthorization(Policies.SignedIn).WithName("ListPrograms");
        api.MapPost("/organizations/{organizationId:guid}/programs", async (Guid organizationId, CreateProgramFromTemplate.Command command, IMediator m, CancellationToken ct) =>
            {
                var id = await m.Send(command with { OrganizationId = organizationId }, ct);
                return Results.Created($"/api/v1/programs/{id}", await m.Send(new ProgramOverview.Query(id), ct));
            })
            .RequireAuthorization(Policies.SignedIn).WithTags("Programs").WithName("CreateProgramFromTemplate");
        programs.MapGet("/{programId:guid}", (Guid programId, IMediator m, CancellationToken ct) => m.Send(new ProgramOverview.Query(programId), ct))
            .RequireAuthorization(Policies.SignedIn).WithName("GetProgram");
        programs.MapPut("/{programId:guid}", async (Guid programId, UpdateProgram.Command command, IMediator m, CancellationToken ct) =>
            {
                await m.Send(command with { ProgramId = programId }, ct);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.SignedIn).WithName("UpdateProgram");

        programs.MapPost("/{programId:guid}/stages", async (Guid programId, AddStage.Command command, IMediator m, CancellationToken ct) =>
            {
                var id = await m.Send(command with { ProgramId = programId }, ct);
                return Results.Created($"/api/v1/programs/{programId}/stages/{id}", new { id });
            })
            .RequireAuthorization(Policies.SignedIn).WithName("AddStage");
        programs.MapPut("/{programId:guid}/stages/{stageId:guid}", async (Guid programId, Guid stageId, UpdateStage.Command command, IMediator m, CancellationToken ct) =>
            {
                await m.Send(command with { ProgramId = programId, StageId = stageId }, ct);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.SignedIn).WithName("UpdateStage");
        programs.MapPost("/{programId:guid}/stages/{stageId:guid}/move", async (Guid programId, Guid stageId, MoveStage.Command command, IMediator m, CancellationToken ct) =>
            {
                await m.Send(command with { ProgramId = programId, StageId = stageId }, ct);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.SignedIn).WithName("MoveStage");

        programs.MapPost("/{programId:guid}/stages/{stageId:guid}/milestones", async (Guid programId, Guid stageId, AddMilestone.Command command, IMediator m, CancellationToken ct) =>
            {
                var id = await m.Send(command with { ProgramId = programId, StageId = stageId }, ct);
                return Results.Created($"/api/v1/programs/{programId}/milestones/{id}", new { id });
            })
            .RequireAuthorization(Policies.SignedIn).WithName("AddMilestone");
        programs.MapPut("/{programId:guid}/milestones/{milestoneId:guid}", async (Guid programId, Guid milestoneId, UpdateMilestone.Command command, IMediator m, CancellationToken ct) =>
            {
                await m.Send(command with { ProgramId = programId, MilestoneId = milestoneId }, ct);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.SignedIn).WithName("UpdateMilestone");
        programs.MapDelete("/{programId:guid}/milestones/{milestoneId:guid}", async (Guid programId, Guid milestoneId, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new DeleteMilestone.Command(programId, milestoneId), ct);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.SignedIn).WithName("DeleteMilestone");
        programs.MapPost("/{programId:guid}/milestones/{milestoneId:guid}/shift", async (Guid programId, Guid milestoneId, ShiftSchedule.Command command, IMediator m, CancellationToken ct) =>
            {
                await m.Send(command with { ProgramId = programId, FromMilestoneId = milestoneId }, ct);
                return Results.Ok(await m.Send(new ProgramOverview.Query(programId), ct));
            })
            .RequireAuthorization(Policies.SignedIn).WithName("ShiftSchedule");
    }
}
