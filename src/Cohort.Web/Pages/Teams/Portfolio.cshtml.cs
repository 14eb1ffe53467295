using Cohort.Web.Features.Submissions;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Files;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cohort.Web.Pages.Teams;

/// <summary>A team's accepted work, printable, and as a ZIP with its files.</summary>
[Authorize(Policy = Policies.SignedIn)]
[ProgramPage(ProgramPermission.TeamWork)]
public sealed class PortfolioModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid ProgramId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid TeamId { get; set; }

    public PortfolioExport.Result Export { get; private set; } = null!;

    public async Task OnGetAsync() =>
        Export = await mediator.Send(new PortfolioExport.Query(ProgramId, TeamId), HttpContext.RequestAborted);

    public async Task<IActionResult> OnGetZipAsync() =>
        new SafeDownloadActionResult(PortfolioArchive.Result(await mediator.Send(new PortfolioExport.Query(ProgramId, TeamId), HttpContext.RequestAborted)));
}
