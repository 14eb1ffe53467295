using Cohort.Web.Features.Organizations;
using Cohort.Web.Features.Programs;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cohort.Web.Pages;

[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(IMediator mediator) : PageModel, IReloadOnError
{
    public IReadOnlyList<ProgramList.Item> Programs { get; private set; } = [];

    public IReadOnlyList<OrganizationList.Item> Organizations { get; private set; } = [];

    public bool IsAdmin => User.IsInRole(Roles.Admin);

    public bool ManagesAnOrganization { get; private set; }

    public IReadOnlyList<Features.Showcases.MyJudging.Item> Judging { get; private set; } = [];

    [BindProperty]
    public CreateOrganization.Command Input { get; set; } = new("", null);

    public Task OnGetAsync() => ReloadAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        if (!IsAdmin)
        {
            return Forbid();
        }

        await mediator.Send(Input);
        TempData["Flash"] = "✓";
        return RedirectToPage();
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        Judging = await mediator.Send(new Features.Showcases.MyJudging.Query(), cancellationToken);
        Programs = await mediator.Send(new ProgramList.Query(), cancellationToken);
        Organizations = await mediator.Send(new OrganizationList.Query(), cancellationToken);
        ManagesAnOrganization = Organizations.Any(o => o.CanManage);
    }
}
