using Cohort.Web.Features.Programs;
using Cohort.Web.Infrastructure.Auth;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cohort.Web.Pages.Programs;

[Authorize(Policy = Policies.SignedIn)]
[ProgramPage(ProgramPermission.Manage)]
public sealed class EditModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid ProgramId { get; set; }

    [BindProperty]
    public UpdateProgram.Command Input { get; set; } = new(Guid.Empty, "", null, 10, true, Guid.Empty);

    public async Task OnGetAsync()
    {
        var p = await mediator.Send(new ProgramOverview.Query(ProgramId), HttpContext.RequestAborted);
        Input = new UpdateProgram.Command(p.Id, p.Title, p.Description, p.CheckInCadenceWorkingDays, p.YearEndClosure, p.Version);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await mediator.Send(Input with { ProgramId = ProgramId });
        return Redirect($"/Programs/{ProgramId}");
    }
}
