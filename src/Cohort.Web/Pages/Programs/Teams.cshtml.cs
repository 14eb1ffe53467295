using Cohort.Web.Features.Mentors;
using Cohort.Web.Features.Programs;
using Cohort.Web.Features.Teams;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cohort.Web.Pages.Programs;

[Authorize(Policy = Policies.SignedIn)]
[ProgramPage(ProgramPermission.Manage)]
public sealed class TeamsModel(IMediator mediator) : PageModel, IReloadOnError
{
    [BindProperty(SupportsGet = true)]
    public Guid ProgramId { get; set; }

    [BindProperty]
    public CreateTeam.Command Input { get; set; } = new(Guid.Empty, "", null, null);

    [BindProperty]
    public UpdateTeam.Command Edit { get; set; } = new(Guid.Empty, Guid.Empty, "", null, null, Guid.Empty);

    public ProgramOverview.Result Program { get; private set; } = new();

    public IReadOnlyList<MentorList.Item> Mentors { get; private set; } = [];

    public Task OnGetAsync() => ReloadAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostCreateAsync()
    {
        await mediator.Send(Input with { ProgramId = ProgramId });
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostUpdateAsync()
    {
        await mediator.Send(Edit with { ProgramId = ProgramId });
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid teamId)
    {
        await mediator.Send(new DeleteTeam.Command(ProgramId, teamId));
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAssignAsync(Guid teamId, Guid mentorId)
    {
        await mediator.Send(new AssignMentor.Command(ProgramId, teamId, mentorId));
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostUnassignAsync(Guid teamId, Guid mentorId)
    {
        await mediator.Send(new UnassignMentor.Command(ProgramId, teamId, mentorId));
        return RedirectToPage();
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        Program = await mediator.Send(new ProgramOverview.Query(ProgramId), cancellationToken);
        Mentors = await mediator.Send(new MentorList.Query(), cancellationToken);
    }
}
