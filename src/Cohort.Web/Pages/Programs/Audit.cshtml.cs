using Cohort.Web.Features.Audit;
using Cohort.Web.Infrastructure.Auth;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cohort.Web.Pages.Programs;

[Authorize(Policy = Policies.SignedIn)]
[ProgramPage(ProgramPermission.Manage)]
public sealed class AuditModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid ProgramId { get; set; }

    public IReadOnlyList<AuditItem> Entries { get; private set; } = [];

    public async Task OnGetAsync() => Entries = await mediator.Send(new ProgramAuditLog.Query(ProgramId), HttpContext.RequestAborted);
}
