using Cohort.Web.Features.Cases;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Pages.Cases;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cohort.Web.Pages.Teams;

/// <summary>The team writes its case, starting from what the programme already knows about its work.</summary>
[Authorize(Policy = Policies.SignedIn)]
[ProgramPage(ProgramPermission.Read)]
public sealed class NewCaseModel(IMediator mediator) : PageModel, IReloadOnError, ICaseFormPage
{
    [BindProperty(SupportsGet = true)]
    public Guid ProgramId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid TeamId { get; set; }

    [BindProperty]
    public CaseForm Input { get; set; } = new();

    public CaseDraft.Result Draft { get; private set; } = default!;

    public IReadOnlyList<CaseDraft.FileChoice> Files => Draft.Files;

    public async Task OnGetAsync()
    {
        await ReloadAsync(HttpContext.RequestAborted);
        Input = new CaseForm { Department = Draft.Department, Tool = Draft.Tool, PrototypeWhat = Draft.PrototypeWhat, AsIs = Draft.Problem ?? "" };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var i = Input;
        var id = await mediator.Send(new CreateCase.Command(ProgramId, TeamId, i.Title, i.Department, i.DepartmentArea, i.ProblemType, i.Tool, i.AsIs, i.ToBe, i.PrototypeWhat, i.Effects,
            i.Lessons, i.NextSteps, i.Outcome, i.AttachmentFileIds));
        return Redirect($"/Cases/{id}");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) => Draft = await mediator.Send(new CaseDraft.Query(ProgramId, TeamId), cancellationToken);
}
