using Cohort.Web.Domain.Templates;
using Cohort.Web.Features.Programs;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Localization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Pages.Programs;

[Authorize(Policy = Policies.SignedIn)]
[ProgramPage(ProgramPermission.Manage)]
public sealed class AddMilestoneModel(IMediator mediator, IStringLocalizer<SharedResource> l) : PageModel, IReloadOnError
{
    [BindProperty(SupportsGet = true)]
    public Guid ProgramId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid StageId { get; set; }

    [BindProperty]
    public AddMilestone.Command Input { get; set; } = new(Guid.Empty, Guid.Empty, "", null, null, default, DeliverableType.Document);

    public List<SelectListItem> Deliverables { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var p = await mediator.Send(new ProgramOverview.Query(ProgramId), HttpContext.RequestAborted);
        var s = p.Stages.SingleOrDefault(x => x.Id == StageId) ?? throw new NotFoundException("Stage");
        Input = Input with { DueDate = s.EndDate };
        await ReloadAsync(HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await mediator.Send(Input with { ProgramId = ProgramId, StageId = StageId });
        return Redirect($"/Programs/{ProgramId}#stage-{StageId}");
    }

    public Task ReloadAsync(CancellationToken cancellationToken)
    {
        Deliverables = Enum.GetValues<DeliverableType>().Select(d => new SelectListItem(l[d.ToString()], d.ToString())).ToList();
        return Task.CompletedTask;
    }
}
