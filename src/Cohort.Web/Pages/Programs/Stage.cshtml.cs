using Cohort.Web.Features.Programs;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cohort.Web.Pages.Programs;

[Authorize(Policy = Policies.SignedIn)]
[ProgramPage(ProgramPermission.Manage)]
public sealed class StageModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid ProgramId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid StageId { get; set; }

    [BindProperty]
    public UpdateStage.Command Input { get; set; } = new(Guid.Empty, Guid.Empty, "", null, null, default, default, Guid.Empty);

    public async Task OnGetAsync()
    {
        var p = await mediator.Send(new ProgramOverview.Query(ProgramId), HttpContext.RequestAborted);
        var s = p.Stages.SingleOrDefault(x => x.Id == StageId) ?? throw new NotFoundException("Stage");
        Input = new UpdateStage.Command(ProgramId, StageId, s.Name, s.NameEn, s.Description, s.StartDate, s.EndDate, s.Version);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await mediator.Send(Input with { ProgramId = ProgramId, StageId = StageId });
        return Redirect($"/Programs/{ProgramId}#stage-{StageId}");
    }

    public async Task<IActionResult> OnPostMoveAsync(int direction)
    {
        await mediator.Send(new MoveStage.Command(ProgramId, StageId, direction));
        return Redirect($"/Programs/{ProgramId}#stage-{StageId}");
    }
}
