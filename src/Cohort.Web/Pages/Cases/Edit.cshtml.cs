using Cohort.Web.Features.Cases;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cohort.Web.Pages.Cases;

[Authorize(Policy = Policies.SignedIn)]
public sealed class EditModel(IMediator mediator) : PageModel, IReloadOnError, ICaseFormPage
{
    [BindProperty(SupportsGet = true)]
    public Guid CaseId { get; set; }

    [BindProperty]
    public CaseForm Input { get; set; } = new();

    public CaseView Case { get; private set; } = default!;

    public IReadOnlyList<CaseDraft.FileChoice> Files { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        await ReloadAsync(HttpContext.RequestAborted);
        if (!Case.CanEdit)
        {
            return Forbid();
        }

        var c = Case;
        Input = new CaseForm
        {
            Title = c.Title, Department = c.Department, DepartmentArea = c.DepartmentArea, ProblemType = c.ProblemType, Tool = c.Tool, AsIs = c.AsIs, ToBe = c.ToBe,
            PrototypeWhat = c.PrototypeWhat, Effects = c.Effects, Lessons = c.Lessons, NextSteps = c.NextSteps, Outcome = c.Outcome, Version = c.Version,
            AttachmentFileIds = c.Attachments.Where(a => a.SourceFileId is not null).Select(a => a.SourceFileId!.Value).ToList(),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var i = Input;
        // Without the team's files on the form (an imported case), the attachments stay as they are.
        var files = Request.Form.ContainsKey("Input.HasFiles") ? i.AttachmentFileIds : null;
        await mediator.Send(new UpdateCase.Command(CaseId, i.Version, i.Title, i.Department, i.DepartmentArea, i.ProblemType, i.Tool, i.AsIs, i.ToBe, i.PrototypeWhat, i.Effects,
            i.Lessons, i.NextSteps, i.Outcome, files));
        return Redirect($"/Cases/{CaseId}");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        Case = await mediator.Send(new CaseDetail.Query(CaseId), cancellationToken);
        if (Case.ProgramId is { } programId && Case.TeamId is { } teamId)
        {
            try
            {
                Files = (await mediator.Send(new CaseDraft.Query(programId, teamId), cancellationToken)).Files;
            }
            catch (Exception e) when (e is ForbiddenException or NotFoundException)
            {
                // An organiser of the organisation who is not in the team's programme: the attachments stay as they are.
                Files = [];
            }
        }
    }
}
