using Cohort.Web.Features.Cases;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cohort.Web.Pages.Programs;

/// <summary>The programme's cases and what became of its prototypes.</summary>
[Authorize(Policy = Policies.SignedIn)]
[ProgramPage(ProgramPermission.Read)]
public sealed class CasesModel(IMediator mediator, AccessService access) : PageModel, IReloadOnError
{
    [BindProperty(SupportsGet = true)]
    public Guid ProgramId { get; set; }

    [BindProperty]
    public SetCaseFollowUpDays.Command Settings { get; set; } = new(Guid.Empty, "");

    public ProgramCases.Result Summary { get; private set; } = default!;

    public ProgramAccess Access { get; private set; } = default!;

    public async Task OnGetAsync()
    {
        await ReloadAsync(HttpContext.RequestAborted);
        Settings = Settings with { Days = Summary.FollowUpDays };
    }

    public async Task<IActionResult> OnPostSettingsAsync()
    {
        await mediator.Send(Settings with { ProgramId = ProgramId });
        return Redirect($"/Programs/{ProgramId}/Cases");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        Summary = await mediator.Send(new ProgramCases.Query(ProgramId), cancellationToken);
        Access = await access.ForProgramAsync(ProgramId, cancellationToken) ?? throw new NotFoundException("Programme");
    }
}
