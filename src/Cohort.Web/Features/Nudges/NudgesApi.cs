using Cohort.Web.Infrastructure.Auth;
using MediatR;

namespace Cohort.Web.Features.Nudges;

public static class NudgesApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me").WithTags("Notifications").RequireAuthorization(Policies.SignedIn);
        me.MapGet("/notifications", (bool? unreadOnly, IMediator m, CancellationToken ct) => m.Send(new MyNotifications.Query(unreadOnly ?? false), ct))
            .WithName("ListNotifications");
        me.MapPost("/notifications/{notificationId:long}/read", async (long notificationId, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new MarkNotificationsRead.Command(notificationId), ct);
                return Results.NoContent();
            }).WithName("MarkNotificationRead");
        me.MapPost("/notifications/read-all", async (IMediator m, CancellationToken ct) =>
            {
                await m.Send(new MarkNotificationsRead.Command(null), ct);
                return Results.NoContent();
            }).WithName("MarkAllNotificationsRead");
        me.MapPut("/notification-preferences", async (SetNotificationPreferences.Command command, IMediator m, CancellationToken ct) =>
            {
                await m.Send(command, ct);
                return Results.NoContent();
            }).WithName("SetNotificationPreferences");

        api.MapPut("/programs/{programId:guid}/nudge-policy", async (Guid programId, SetNudgePolicy.Command command, IMediator m, CancellationToken ct) =>
            {
                await m.Send(command with { ProgramId = programId }, ct);
                return Results.NoContent();
            }).RequireAuthorization(Policies.SignedIn).WithTags("Notifications").WithName("SetNudgePolicy");
        api.MapGet("/programs/{programId:guid}/failed-mail", (Guid programId, IMediator m, CancellationToken ct) => m.Send(new FailedDeliveries.Query(programId), ct))
            .RequireAuthorization(Policies.SignedIn).WithTags("Notifications").WithName("ListFailedMail");
    }
}
