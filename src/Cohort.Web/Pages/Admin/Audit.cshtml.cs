using Cohort.Web.Features.Audit;
using Cohort.Web.Infrastructure.Auth;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cohort.Web.Pages.Admin;

[Authorize(Policy = Policies.Admin)]
public sealed class AuditModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<AuditItem> Entries { get; private set; } = [];

    public async Task OnGetAsync() => Entries = await mediator.Send(new DeploymentAuditLog.Query(500), HttpContext.RequestAborted);
}
