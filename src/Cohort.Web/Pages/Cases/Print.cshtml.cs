using Cohort.Web.Features.Cases;
using Cohort.Web.Infrastructure.Auth;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cohort.Web.Pages.Cases;

/// <summary>The case on paper (or as PDF from the browser's print dialogue).</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class PrintModel(IMediator mediator) : PageModel
{
    public CaseView Case { get; private set; } = default!;

    public async Task OnGetAsync(Guid caseId) => Case = await mediator.Send(new CaseDetail.Query(caseId), HttpContext.RequestAborted);
}
