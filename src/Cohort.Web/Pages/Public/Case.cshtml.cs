using Cohort.Web.Features.Cases;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cohort.Web.Pages.Public;

/// <summary>A public case, read-only, for anyone; every other case is not found.</summary>
[AllowAnonymous]
public sealed class CaseModel(IMediator mediator) : PageModel
{
    public CaseView Case { get; private set; } = default!;

    public async Task OnGetAsync(Guid caseId) => Case = await mediator.Send(new PublicCase.Query(caseId), HttpContext.RequestAborted);
}
