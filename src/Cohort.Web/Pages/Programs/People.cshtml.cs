using Cohort.Web.Domain;
using Cohort.Web.Features.People;
using Cohort.Web.Features.Programs;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Localization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Pages.Programs;

[Authorize(Policy = Policies.SignedIn)]
[ProgramPage(ProgramPermission.ReadPeople)]
public sealed class PeopleModel(IMediator mediator, AccessService access, IStringLocalizer<SharedResource> l) : PageModel, IReloadOnError
{
    [BindProperty(SupportsGet = true)]
    public Guid ProgramId { get; set; }

    [BindProperty]
    public InviteToProgram.Command Input { get; set; } = new(Guid.Empty, "", InvitedRole.TeamMember, null, 14);

    public ProgramPeople.Result People { get; private set; } = new([], []);

    public bool CanManage { get; private set; }

    public InvitationLink? NewLink { get; private set; }

    public string? NewLinkEmail { get; private set; }

    public List<SelectListItem> Roles { get; private set; } = [];

    public List<SelectListItem> Teams { get; private set; } = [];

    public Task OnGetAsync() => ReloadAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostInviteAsync()
    {
        NewLink = await mediator.Send(Input with { ProgramId = ProgramId });
        NewLinkEmail = Input.Email;
        ModelState.Clear();
        Input = Input with { Email = "" };
        await ReloadAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid invitationId)
    {
        await mediator.Send(new RevokeInvitation.Command(ProgramId, invitationId));
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveRoleAsync(Guid userId)
    {
        await mediator.Send(new RemoveProgramRole.Command(ProgramId, userId));
        return RedirectToPage();
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        People = await mediator.Send(new ProgramPeople.Query(ProgramId), cancellationToken);
        CanManage = (await access.ForProgramAsync(ProgramId, cancellationToken))?.IsOrganizer == true;
        Roles = new[] { InvitedRole.TeamMember, InvitedRole.Mentor, InvitedRole.Organizer, InvitedRole.Observer }
            .Select(r => new SelectListItem(l[r.ToString()], r.ToString())).ToList();
        var program = await mediator.Send(new ProgramOverview.Query(ProgramId), cancellationToken);
        Teams = [new SelectListItem(l["(no team)"], ""), .. program.Teams.Select(t => new SelectListItem(t.Name, t.Id.ToString()))];
    }
}
