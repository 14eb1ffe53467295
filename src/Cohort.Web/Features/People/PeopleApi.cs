using Cohort.Web.Features.Audit;
using Cohort.Web.Infrastructure.Auth;
using MediatR;

namespace Cohort.Web.Features.People;

public static class PeopleApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var program = api.MapGroup("/programs/{programId:guid}").WithTags("People");
        program.MapGet("/people", (Guid programId, IMediator m, CancellationToken ct) => m.Send(new ProgramPeople.Query(programId), ct))
            .RequireAuthorization(Policies.SignedIn).WithName("ListProgramPeople");
        program.MapPost("/invitations", async (Guid programId, InviteToProgram.Command command, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(command with { ProgramId = programId }, ct)))
            .RequireAuthorization(Policies.SignedIn).WithName("InviteToProgram");
        program.MapDelete("/invitations/{invitationId:guid}", async (Guid programId, Guid invitationId, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new RevokeInvitation.Command(programId, invitationId), ct);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.SignedIn).WithName("RevokeInvitation");
        program.MapGet("/audit", (Guid programId, int? take, IMediator m, CancellationToken ct) => m.Send(new ProgramAuditLog.Query(programId, take ?? 200), ct))
            .RequireAuthorization(Policies.SignedIn).WithName("ProgramAuditLog");

        program.MapDelete("/roles/{userId:guid}", async (Guid programId, Guid userId, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new RemoveProgramRole.Command(programId, userId), ct);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.SignedIn).WithName("RemoveProgramRole");
        api.MapDelete("/organizations/{organizationId:guid}/invitations/{invitationId:guid}", async (Guid organizationId, Guid invitationId, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new RevokeOrganizationInvitation.Command(organizationId, invitationId), ct);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.SignedIn).WithTags("People").WithName("RevokeOrganizationInvitation");
        api.MapDelete("/organizations/{organizationId:guid}/members/{userId:guid}", async (Guid organizationId, Guid userId, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new RemoveOrganizationMember.Command(organizationId, userId), ct);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.SignedIn).WithTags("People").WithName("RemoveOrganizationMember");
        api.MapPost("/organizations/{organizationId:guid}/invitations", async (Guid organizationId, InviteToOrganization.Command command, IMediator m, CancellationToken ct) =>
                Results.Ok(await m.Send(command with { OrganizationId = organizationId }, ct)))
            .RequireAuthorization(Policies.SignedIn).WithTags("People").WithName("InviteToOrganization");
        api.MapGet("/audit", (int? take, IMediator m, CancellationToken ct) => m.Send(new DeploymentAuditLog.Query(take ?? 200), ct))
            .RequireAuthorization(Policies.Admin).WithTags("People").WithName("DeploymentAuditLog");

        api.MapGet("/me/data", async (IMediator m, AuditTrail audit, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct) =>
            {
                var data = await m.Send(new MyData.Query(), ct);
                await audit.RecordAsync("DownloadMyData", user.Identity?.Name, user.UserId(), "api", ct);
                return data;
            })
            .RequireAuthorization(Policies.SignedIn).WithTags("People").WithName("DownloadMyData");
        program.MapPost("/participants/{participantId:guid}/anonymise", async (Guid programId, Guid participantId, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new AnonymiseParticipant.Command(programId, participantId), ct);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.SignedIn).WithName("AnonymiseParticipant");

        var invitations = api.MapGroup("/invitations").WithTags("People");
        invitations.MapGet("/{token}", (string token, IMediator m, CancellationToken ct) => m.Send(new InvitationPreview.Query(token), ct))
            .RequireAuthorization(Policies.Anonymous).AllowAnonymous().WithName("PreviewInvitation");
        invitations.MapPost("/{token}/accept", async (string token, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new AcceptInvitation.Command(token), ct);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.SignedIn).WithName("AcceptInvitation");
    }
}
