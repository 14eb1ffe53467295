using Cohort.Web.Features.Programs;
using Cohort.Web.Infrastructure.Auth;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cohort.Web.Pages.Programs;

[Authorize(Policy = Policies.SignedIn)]
[ProgramPage(ProgramPermission.Manage)]
public sealed class AddStageModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid ProgramId { get; set; }

    [BindProperty]
    public AddStage.Command Input { get; set; } = new(Guid.Empty, "", null, null, default, default);

    public async Task OnGetAsync()
    {
        var p = await mediator.Send(new ProgramOverview.Query(ProgramId), HttpContext.RequestAborted);
        var after = p.Stages.Count == 0 ? p.StartDate : p.Stages.Max(s => s.EndDate).AddDays(1);
        Input = Input with { StartDate = after, EndDate = after.AddDays(27) };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var id = await mediator.Send(Input with { ProgramId = ProgramId });
        return Redirect($"/Programs/{ProgramId}#stage-{id}");
    }
}
