using Cohort.Web.Features.Programs;
using Cohort.Web.Infrastructure.Auth;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cohort.Web.Pages.Programs;

[Authorize(Policy = Policies.SignedIn)]
public sealed class DetailsModel(IMediator mediator) : PageModel
{
    public ProgramOverview.Result Program { get; private set; } = new();

    public bool IsAdmin => User.IsInRole(Roles.Admin);

    public async Task OnGetAsync(Guid programId) =>
        Program = await mediator.Send(new ProgramOverview.Query(programId), HttpContext.RequestAborted);
}
