using Cohort.Web.Features.Showcases;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Localization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Pages.Programs;

/// <summary>Organisers: audience and judge results per team, comments to moderate, and the published summary.</summary>
[Authorize(Policy = Policies.SignedIn)]
[ProgramPage(ProgramPermission.Manage)]
public sealed class ShowcaseResultsModel(IMediator mediator, IStringLocalizer<SharedResource> l) : PageModel, IReloadOnError
{
    [BindProperty(SupportsGet = true)]
    public Guid ProgramId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid ShowcaseId { get; set; }

    [BindProperty]
    public PublishShowcaseResults.Command Input { get; set; } = new(Guid.Empty, Guid.Empty, null, true);

    public ShowcaseResults.Result Results { get; private set; } = default!;

    public async Task OnGetAsync()
    {
        await ReloadAsync(HttpContext.RequestAborted);
        Input = Input with { Summary = Results.ResultsSummary };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await mediator.Send(Input with { ProgramId = ProgramId, ShowcaseId = ShowcaseId });
        TempData["Flash"] = (Input.Publish ? l["The results are published."] : l["The results are withdrawn."]).Value;
        return Redirect($"/Programs/{ProgramId}/Showcases/{ShowcaseId}/Results");
    }

    public async Task<IActionResult> OnPostHideAsync(Guid feedbackId, bool hidden)
    {
        await mediator.Send(new HideAudienceFeedback.Command(ProgramId, ShowcaseId, feedbackId, hidden));
        return Redirect($"/Programs/{ProgramId}/Showcases/{ShowcaseId}/Results#comments");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Results = await mediator.Send(new ShowcaseResults.Query(ProgramId, ShowcaseId), cancellationToken);
}
