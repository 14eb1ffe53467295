using Cohort.Web.Features.Showcases;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Localization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Pages.Judging;

/// <summary>A judge's private scoring sheet: one form per presentation, against the showcase rubric.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class SheetModel(IMediator mediator, IStringLocalizer<SharedResource> l) : PageModel, IReloadOnError
{
    public sealed class ScoreInput
    {
        public Guid SlotId { get; set; }

        public List<Public.FeedbackModel.RatingInput> Ratings { get; set; } = [];

        public string? Comment { get; set; }
    }

    [BindProperty(SupportsGet = true)]
    public Guid ShowcaseId { get; set; }

    [BindProperty]
    public ScoreInput Input { get; set; } = new();

    public JudgeSheet.Result Sheet { get; private set; } = default!;

    public async Task OnGetAsync() => await ReloadAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        await mediator.Send(new ScoreShowcaseSlot.Command(ShowcaseId, Input.SlotId,
            Input.Ratings.Where(r => r.Score is not null).Select(r => new Rating(r.CriterionId, r.Score!.Value)).ToList(), Input.Comment));
        TempData["Flash"] = l["Scores saved."].Value;
        return Redirect($"/Judging/{ShowcaseId}#slot-{Input.SlotId}");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Sheet = await mediator.Send(new JudgeSheet.Query(ShowcaseId), cancellationToken);
}
