using Cohort.Web.Domain;
using Cohort.Web.Features.Organizations;
using Cohort.Web.Features.People;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Localization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Pages.Organizations;

[Authorize(Policy = Policies.SignedIn)]
public sealed class DetailsModel(IMediator mediator, IStringLocalizer<SharedResource> l) : PageModel, IReloadOnError
{
    [BindProperty(SupportsGet = true)]
    public Guid OrganizationId { get; set; }

    [BindProperty]
    public InviteToOrganization.Command Input { get; set; } = new(Guid.Empty, "", InvitedRole.OrganizationMember, 14);

    public OrganizationMembers.Result Organization { get; private set; } = new(Guid.Empty, "", [], []);

    public InvitationLink? NewLink { get; private set; }

    public string? NewLinkEmail { get; private set; }

    public List<SelectListItem> Roles { get; private set; } = [];

    public Task OnGetAsync() => ReloadAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostRevokeAsync(Guid invitationId)
    {
        await mediator.Send(new RevokeOrganizationInvitation.Command(OrganizationId, invitationId));
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveMemberAsync(Guid userId)
    {
        await mediator.Send(new RemoveOrganizationMember.Command(OrganizationId, userId));
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostInviteAsync()
    {
        NewLink = await mediator.Send(Input with { OrganizationId = OrganizationId });
        NewLinkEmail = Input.Email;
        ModelState.Clear();
        Input = Input with { Email = "" };
        await ReloadAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        Organization = await mediator.Send(new OrganizationMembers.Query(OrganizationId), cancellationToken);
        Roles = new[] { InvitedRole.OrganizationMember, InvitedRole.OrganizationAdmin }.Select(r => new SelectListItem(l[r.ToString()], r.ToString())).ToList();
    }
}
