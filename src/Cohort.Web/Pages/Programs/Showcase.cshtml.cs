using Cohort.Web.Features.Showcases;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Html;
using Cohort.Web.Infrastructure.Localization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Pages.Programs;

/// <summary>
/// A showcase day: its agenda with computed times and each team's work, the meeting, judges; organisers edit it all
/// here (every change is a form post; the page works without JavaScript) and the page prints as the day's programme.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
[ProgramPage(ProgramPermission.Read)]
public sealed class ShowcaseModel(IMediator mediator, IConfiguration configuration, IStringLocalizer<SharedResource> l) : PageModel, IReloadOnError
{
    [BindProperty(SupportsGet = true)]
    public Guid ProgramId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid ShowcaseId { get; set; }

    [BindProperty]
    public UpdateShowcase.Command Input { get; set; } = new(Guid.Empty, Guid.Empty, Guid.Empty, "", null, default, default, default, default, null, null, null);

    [BindProperty]
    public AddShowcaseSlot.Command Slot { get; set; } = new(Guid.Empty, Guid.Empty, null, null, 10, 5);

    [BindProperty]
    public AddShowcaseJudge.Command Judge { get; set; } = new(Guid.Empty, Guid.Empty, "");

    [BindProperty]
    public CancelShowcase.Command Cancel { get; set; } = new(Guid.Empty, Guid.Empty, "");

    [BindProperty]
    public UpdateShowcaseSlot.Command SlotEdit { get; set; } = new(Guid.Empty, Guid.Empty, Guid.Empty, null, 10, 5);

    [BindProperty]
    public bool ConfirmCancel { get; set; }

    public ShowcaseDetail.Result Showcase { get; private set; } = default!;

    public string PublicBase { get; private set; } = "";

    public async Task OnGetAsync()
    {
        await ReloadAsync(HttpContext.RequestAborted);
        var s = Showcase;
        Input = new UpdateShowcase.Command(ProgramId, ShowcaseId, s.Version, s.Title, s.Description, s.Date, s.StartTime, s.EndTime, s.Format,
            string.Join('\n', s.Venues), string.Join('\n', s.Guests), s.Meeting.State == Domain.MeetingState.Manual ? s.Meeting.JoinUrl : null,
            s.InviteParticipants, s.InviteMentors, s.InviteOrganizers);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await mediator.Send(Input with { ProgramId = ProgramId, ShowcaseId = ShowcaseId });
        return Done(l["Saved."]);
    }

    public async Task<IActionResult> OnPostAddSlotAsync()
    {
        await mediator.Send(Slot with { ProgramId = ProgramId, ShowcaseId = ShowcaseId });
        return Done(l["Added to the agenda."], "agenda");
    }

    public async Task<IActionResult> OnPostEditSlotAsync()
    {
        await mediator.Send(SlotEdit with { ProgramId = ProgramId, ShowcaseId = ShowcaseId });
        return Done(l["Saved."], "agenda");
    }

    public async Task<IActionResult> OnPostMoveAsync(Guid slotId, int position)
    {
        await mediator.Send(new MoveShowcaseSlot.Command(ProgramId, ShowcaseId, slotId, Math.Max(1, position)));
        return Redirect($"/Programs/{ProgramId}/Showcases/{ShowcaseId}#slot-{slotId}");
    }

    public async Task<IActionResult> OnPostRemoveSlotAsync(Guid slotId)
    {
        await mediator.Send(new RemoveShowcaseSlot.Command(ProgramId, ShowcaseId, slotId));
        return Done(l["Removed from the agenda."], "agenda");
    }

    public async Task<IActionResult> OnPostAddJudgeAsync()
    {
        await mediator.Send(Judge with { ProgramId = ProgramId, ShowcaseId = ShowcaseId });
        return Done(l["Judge added."], "judges");
    }

    public async Task<IActionResult> OnPostRemoveJudgeAsync(Guid judgeId)
    {
        await mediator.Send(new RemoveShowcaseJudge.Command(ProgramId, ShowcaseId, judgeId));
        return Done(l["Judge removed."], "judges");
    }

    public async Task<IActionResult> OnPostRetryMeetingAsync()
    {
        await mediator.Send(new RetryShowcaseMeeting.Command(ProgramId, ShowcaseId));
        return Done(l["The meeting will be tried again in a moment."]);
    }

    public async Task<IActionResult> OnPostCancelAsync()
    {
        if (!ConfirmCancel)
        {
            ModelState.AddModelError(nameof(ConfirmCancel), l["Tick the box to confirm the cancellation."]);
            await ReloadAsync(HttpContext.RequestAborted);
            return Page();
        }

        await mediator.Send(Cancel with { ProgramId = ProgramId, ShowcaseId = ShowcaseId });
        return Done(l["The showcase was cancelled."]);
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        Showcase = await mediator.Send(new ShowcaseDetail.Query(ProgramId, ShowcaseId), cancellationToken);
        PublicBase = PublicLinks.Base(Request, configuration);
    }

    private RedirectResult Done(string message, string? anchor = null)
    {
        TempData["Flash"] = message;
        return Redirect($"/Programs/{ProgramId}/Showcases/{ShowcaseId}" + (anchor is null ? "" : "#" + anchor));
    }
}
