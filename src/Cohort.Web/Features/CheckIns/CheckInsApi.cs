using Cohort.Web.Infrastructure.Auth;
using MediatR;

namespace Cohort.Web.Features.CheckIns;

public static class CheckInsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var team = api.MapGroup("/programs/{programId:guid}/teams/{teamId:guid}").WithTags("Check-ins").RequireAuthorization(Policies.SignedIn);
        team.MapGet("/checkin-form", (Guid programId, Guid teamId, IMediator m, CancellationToken ct) => m.Send(new CheckInForm.Query(programId, teamId), ct))
            .WithName("GetCheckInForm");
        team.MapPost("/checkins", async (Guid programId, Guid teamId, RecordCheckIn.Command command, IMediator m, CancellationToken ct) =>
            {
                var id = await m.Send(command with { ProgramId = programId, TeamId = teamId }, ct);
                return Results.Created($"/api/v1/programs/{programId}/teams/{teamId}/timeline", new { id });
            })
            .WithName("RecordCheckIn");
        team.MapPut("/checkins/{checkInId:guid}", async (Guid programId, Guid teamId, Guid checkInId, UpdateCheckIn.Command command, IMediator m, CancellationToken ct) =>
            {
                await m.Send(command with { ProgramId = programId, TeamId = teamId, CheckInId = checkInId }, ct);
                return Results.NoContent();
            })
            .WithName("UpdateCheckIn");
        team.MapPost("/checkins/{checkInId:guid}/replies", async (Guid programId, Guid teamId, Guid checkInId, ReplyToCheckIn.Command command, IMediator m, CancellationToken ct) =>
                Results.Ok(new { id = await m.Send(command with { ProgramId = programId, TeamId = teamId, CheckInId = checkInId }, ct) }))
            .WithName("ReplyToCheckIn");
        team.MapPost("/action-items/{actionItemId:guid}/complete", async (Guid programId, Guid teamId, Guid actionItemId, CompleteActionItem.Command command, IMediator m, CancellationToken ct) =>
            {
                await m.Send(command with { ProgramId = programId, TeamId = teamId, ActionItemId = actionItemId }, ct);
                return Results.NoContent();
            })
            .WithName("CompleteActionItem");
        team.MapGet("/timeline", (Guid programId, Guid teamId, IMediator m, CancellationToken ct) => m.Send(new TeamTimeline.Query(programId, teamId), ct))
            .WithName("GetTeamTimeline");
        team.MapPut("/cadence", async (Guid programId, Guid teamId, SetTeamCadence.Command command, IMediator m, CancellationToken ct) =>
            {
                await m.Send(command with { ProgramId = programId, TeamId = teamId }, ct);
                return Results.NoContent();
            })
            .WithName("SetTeamCadence");

        api.MapGet("/programs/{programId:guid}/dashboard", (Guid programId, bool? atRiskOnly, Guid? mentorId, string? department, IMediator m, CancellationToken ct) =>
                m.Send(new ProgramDashboard.Query(programId, atRiskOnly ?? false, mentorId, department), ct))
            .RequireAuthorization(Policies.SignedIn).WithTags("Check-ins").WithName("GetProgramDashboard");
        api.MapGet("/me/mentoring", (IMediator m, CancellationToken ct) => m.Send(new MentorHome.Query(), ct))
            .RequireAuthorization(Policies.SignedIn).WithTags("Check-ins").WithName("GetMentorHome");
    }
}
