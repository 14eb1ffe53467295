using Cohort.Web.Features.Programs;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Domain;
using Cohort.Web.Features.Nudges;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cohort.Web.Pages.Programs;

[Authorize(Policy = Policies.SignedIn)]
[ProgramPage(ProgramPermission.Manage)]
public sealed class EditModel(IMediator mediator, Cohort.Web.Data.CohortDbContext db) : PageModel, Cohort.Web.Infrastructure.Errors.IReloadOnError
{
    [BindProperty]
    public string? FrameworkKey { get; set; }

    public IReadOnlyList<Domain.Assessments.SkillFrameworkSummary> Frameworks { get; private set; } = [];

    public bool AssessmentAnswered { get; private set; }

    [BindProperty(SupportsGet = true)]
    public Guid ProgramId { get; set; }

    [BindProperty]
    public UpdateProgram.Command Input { get; set; } = new(Guid.Empty, "", null, 10, true, Guid.Empty);

    [BindProperty]
    public SetNudgePolicy.Command Nudges { get; set; } = new(Guid.Empty, 3, 1, 2, 3, 9, 18, []);

    public Task OnGetAsync() => LoadAsync(all: true, HttpContext.RequestAborted);

    /// <summary>After a refused post, the form that was sent keeps what was typed; the others show what is stored.</summary>
    public Task ReloadAsync(CancellationToken cancellationToken) => LoadAsync(all: false, cancellationToken);

    private async Task LoadAsync(bool all, CancellationToken cancellationToken)
    {
        bool Posted(string prefix) => !all && Request.HasFormContentType && Request.Form.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal));
        var stored = await db.Programs.AsNoTracking().SingleAsync(x => x.Id == ProgramId, cancellationToken);
        if (!Posted("Input."))
        {
            var p = await mediator.Send(new ProgramOverview.Query(ProgramId), cancellationToken);
            Input = new UpdateProgram.Command(p.Id, p.Title, p.Description, p.CheckInCadenceWorkingDays, p.YearEndClosure, p.Version);
        }

        if (!Posted("Nudges."))
        {
            Nudges = new SetNudgePolicy.Command(ProgramId, stored.MilestoneReminderWorkingDays, stored.ActionItemReminderWorkingDays, stored.CheckInGraceWorkingDays, stored.ReviewWaitingWorkingDays,
                stored.WorkdayStartHour, stored.WorkdayEndHour, Enum.GetValues<NudgeKind>().Where(k => !stored.Sends(k)).ToList());
        }

        if (!Posted("FrameworkKey"))
        {
            FrameworkKey = stored.AssessmentFrameworkKey;
        }

        Frameworks = await mediator.Send(new Features.Assessments.SkillFrameworkList.Query(), cancellationToken);
        AssessmentAnswered = await db.SelfAssessments.AnyAsync(a => a.ProgramId == ProgramId, cancellationToken);
    }

    public async Task<IActionResult> OnPostFrameworkAsync()
    {
        await mediator.Send(new Features.Assessments.SetAssessmentFramework.Command(ProgramId, FrameworkKey));
        TempData["Flash"] = "✓";
        return Redirect($"/Programs/{ProgramId}/Edit");
    }

    public async Task<IActionResult> OnPostNudgesAsync()
    {
        await mediator.Send(Nudges with { ProgramId = ProgramId });
        TempData["Flash"] = "✓";
        return Redirect($"/Programs/{ProgramId}/Edit");
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await mediator.Send(Input with { ProgramId = ProgramId });
        return Redirect($"/Programs/{ProgramId}");
    }
}
