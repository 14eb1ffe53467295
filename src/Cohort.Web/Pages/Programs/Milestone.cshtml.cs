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
public sealed class MilestoneModel(IMediator mediator, IStringLocalizer<SharedResource> l) : PageModel, IReloadOnError
{
    [BindProperty(SupportsGet = true)]
    public Guid ProgramId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid MilestoneId { get; set; }

    [BindProperty]
    public UpdateMilestone.Command Input { get; set; } = new(Guid.Empty, Guid.Empty, Guid.Empty, "", null, null, default, DeliverableType.None, Guid.Empty);

    [BindProperty]
    public ShiftSchedule.Command Shift { get; set; } = new(Guid.Empty, Guid.Empty, 0, Guid.Empty);

    public List<SelectListItem> Stages { get; private set; } = [];

    public List<SelectListItem> Deliverables { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var p = await LoadAsync(HttpContext.RequestAborted);
        var m = p.Stages.SelectMany(s => s.Milestones).SingleOrDefault(x => x.Id == MilestoneId) ?? throw new NotFoundException("Milestone");
        Input = new UpdateMilestone.Command(ProgramId, MilestoneId, m.StageId, m.Name, m.NameEn, m.Description, m.DueDate, m.Deliverable, m.Version);
        Shift = Shift with { Version = m.Version };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await mediator.Send(Input with { ProgramId = ProgramId, MilestoneId = MilestoneId });
        return Redirect($"/Programs/{ProgramId}#timeline");
    }

    public async Task<IActionResult> OnPostShiftAsync()
    {
        await mediator.Send(Shift with { ProgramId = ProgramId, FromMilestoneId = MilestoneId });
        return Redirect($"/Programs/{ProgramId}#timeline");
    }

    public async Task<IActionResult> OnPostDeleteAsync()
    {
        await mediator.Send(new DeleteMilestone.Command(ProgramId, MilestoneId));
        return Redirect($"/Programs/{ProgramId}#timeline");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    private async Task<ProgramOverview.Result> LoadAsync(CancellationToken cancellationToken)
    {
        var p = await mediator.Send(new ProgramOverview.Query(ProgramId), cancellationToken);
        Stages = p.Stages.Select(s => new SelectListItem($"{s.Order}. {Display.Name(s.Name, s.NameEn)}", s.Id.ToString())).ToList();
        Deliverables = Enum.GetValues<DeliverableType>().Select(d => new SelectListItem(l[d.ToString()], d.ToString())).ToList();
        return p;
    }
}
