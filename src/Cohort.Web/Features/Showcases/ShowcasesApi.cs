using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Hosting;
using MediatR;

namespace Cohort.Web.Features.Showcases;

public static class ShowcasesApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var program = api.MapGroup("/programs/{programId:guid}/showcases").WithTags("Showcases");
        program.MapGet("", (Guid programId, IMediator m, CancellationToken ct) => m.Send(new ShowcaseList.Query(programId), ct)).WithName("ListShowcases");
        program.MapPost("", async (Guid programId, ScheduleShowcase.Command command, IMediator m, CancellationToken ct) =>
            {
                var id = await m.Send(command with { ProgramId = programId }, ct);
                return Results.Created($"/api/v1/programs/{programId}/showcases/{id}", new { id });
            })
            .WithName("ScheduleShowcase");
        program.MapGet("/{showcaseId:guid}", (Guid programId, Guid showcaseId, IMediator m, CancellationToken ct) => m.Send(new ShowcaseDetail.Query(programId, showcaseId), ct))
            .WithName("GetShowcase");
        program.MapPut("/{showcaseId:guid}", async (Guid programId, Guid showcaseId, UpdateShowcase.Command command, IMediator m, CancellationToken ct) =>
            {
                await m.Send(command with { ProgramId = programId, ShowcaseId = showcaseId }, ct);
                return Results.NoContent();
            })
            .WithName("UpdateShowcase");
        program.MapPost("/{showcaseId:guid}/cancel", async (Guid programId, Guid showcaseId, CancelShowcase.Command command, IMediator m, CancellationToken ct) =>
            {
                await m.Send(command with { ProgramId = programId, ShowcaseId = showcaseId }, ct);
                return Results.NoContent();
            })
            .WithName("CancelShowcase");
        program.MapPost("/{showcaseId:guid}/meeting/retry", async (Guid programId, Guid showcaseId, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new RetryShowcaseMeeting.Command(programId, showcaseId), ct);
                return Results.Accepted();
            })
            .WithName("RetryShowcaseMeeting");
        program.MapPost("/{showcaseId:guid}/slots", async (Guid programId, Guid showcaseId, AddShowcaseSlot.Command command, IMediator m, CancellationToken ct) =>
                Results.Ok(new { id = await m.Send(command with { ProgramId = programId, ShowcaseId = showcaseId }, ct) }))
            .WithName("AddShowcaseSlot");
        program.MapPut("/{showcaseId:guid}/slots/{slotId:guid}", async (Guid programId, Guid showcaseId, Guid slotId, UpdateShowcaseSlot.Command command, IMediator m, CancellationToken ct) =>
            {
                await m.Send(command with { ProgramId = programId, ShowcaseId = showcaseId, SlotId = slotId }, ct);
                return Results.NoContent();
            })
            .WithName("UpdateShowcaseSlot");
        program.MapPost("/{showcaseId:guid}/slots/{slotId:guid}/move", async (Guid programId, Guid showcaseId, Guid slotId, MoveShowcaseSlot.Command command, IMediator m, CancellationToken ct) =>
            {
                await m.Send(command with { ProgramId = programId, ShowcaseId = showcaseId, SlotId = slotId }, ct);
                return Results.NoContent();
            })
            .WithName("MoveShowcaseSlot");
        program.MapDelete("/{showcaseId:guid}/slots/{slotId:guid}", async (Guid programId, Guid showcaseId, Guid slotId, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new RemoveShowcaseSlot.Command(programId, showcaseId, slotId), ct);
                return Results.NoContent();
            })
            .WithName("RemoveShowcaseSlot");
        program.MapPost("/{showcaseId:guid}/judges", async (Guid programId, Guid showcaseId, AddShowcaseJudge.Command command, IMediator m, CancellationToken ct) =>
                Results.Ok(new { id = await m.Send(command with { ProgramId = programId, ShowcaseId = showcaseId }, ct) }))
            .WithName("AddShowcaseJudge");
        program.MapDelete("/{showcaseId:guid}/judges/{judgeId:guid}", async (Guid programId, Guid showcaseId, Guid judgeId, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new RemoveShowcaseJudge.Command(programId, showcaseId, judgeId), ct);
                return Results.NoContent();
            })
            .WithName("RemoveShowcaseJudge");
        program.MapGet("/{showcaseId:guid}/results", (Guid programId, Guid showcaseId, IMediator m, CancellationToken ct) => m.Send(new ShowcaseResults.Query(programId, showcaseId), ct))
            .WithName("GetShowcaseResults");
        program.MapPut("/{showcaseId:guid}/results", async (Guid programId, Guid showcaseId, PublishShowcaseResults.Command command, IMediator m, CancellationToken ct) =>
            {
                await m.Send(command with { ProgramId = programId, ShowcaseId = showcaseId }, ct);
                return Results.NoContent();
            })
            .WithName("PublishShowcaseResults");
        program.MapPut("/{showcaseId:guid}/feedback/{feedbackId:guid}/hidden", async (Guid programId, Guid showcaseId, Guid feedbackId, HideAudienceFeedback.Command command, IMediator m, CancellationToken ct) =>
            {
                await m.Send(command with { ProgramId = programId, ShowcaseId = showcaseId, FeedbackId = feedbackId }, ct);
                return Results.NoContent();
            })
            .WithName("HideAudienceFeedback");

        api.MapGet("/programs/{programId:guid}/teams/{teamId:guid}/showcase-feedback", (Guid programId, Guid teamId, IMediator m, CancellationToken ct) =>
                m.Send(new TeamShowcaseFeedback.Query(programId, teamId), ct))
            .WithTags("Showcases").WithName("GetTeamShowcaseFeedback");

        var judging = api.MapGroup("/showcases/{showcaseId:guid}/judging").WithTags("Showcases");
        judging.MapGet("", (Guid showcaseId, IMediator m, CancellationToken ct) => m.Send(new JudgeSheet.Query(showcaseId), ct)).WithName("GetJudgeSheet");
        judging.MapPut("/{slotId:guid}", async (Guid showcaseId, Guid slotId, ScoreShowcaseSlot.Command command, IMediator m, CancellationToken ct) =>
            {
                await m.Send(command with { ShowcaseId = showcaseId, SlotId = slotId }, ct);
                return Results.NoContent();
            })
            .WithName("ScoreShowcaseSlot");
        api.MapGet("/me/judging", (IMediator m, CancellationToken ct) => m.Send(new MyJudging.Query(), ct)).WithTags("Showcases").WithName("ListMyJudging");

        // No account needed: invitees' public agenda and the audience's feedback form, each behind its own secret link.
        var open = api.MapGroup("/public").WithTags("Showcases").RequireAuthorization(Policies.Anonymous).AllowAnonymous();
        open.MapGet("/showcases/{publicKey}", (string publicKey, IMediator m, CancellationToken ct) => m.Send(new PublicAgenda.Query(publicKey), ct))
            .WithName("GetPublicAgenda");
        open.MapGet("/feedback/{feedbackKey}", (string feedbackKey, IMediator m, CancellationToken ct) => m.Send(new FeedbackForm.Query(feedbackKey), ct))
            .WithName("GetFeedbackForm");
        open.MapPost("/feedback/{feedbackKey}", async (string feedbackKey, GiveAudienceFeedback.Command command, IMediator m, CancellationToken ct) =>
                Results.Ok(new { replaced = await m.Send(command with { FeedbackKey = feedbackKey }, ct) }))
            .RequireRateLimiting(SecurityHeaders.FeedbackLimit).WithName("GiveAudienceFeedback");
    }
}
