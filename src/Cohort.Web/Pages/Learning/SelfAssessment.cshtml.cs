using Cohort.Web.Domain.Assessments;
using Cohort.Web.Features.Assessments;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Localization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Pages.Learning;

/// <summary>A participant's own self-assessment: answer the open phase, see their change per skill.</summary>
[Authorize(Policy = Policies.SignedIn)]
[ProgramPage(ProgramPermission.Participate)]
public sealed class SelfAssessmentModel(IMediator mediator, IStringLocalizer<SharedResource> l) : PageModel, IReloadOnError
{
    public sealed class AnswerInput
    {
        public AssessmentPhase Phase { get; set; }

        public Dictionary<string, int?> Ratings { get; set; } = [];

        public string? Goals { get; set; }

        public Guid? Version { get; set; }
    }

    [BindProperty(SupportsGet = true)]
    public Guid ProgramId { get; set; }

    [BindProperty]
    public AnswerInput Input { get; set; } = new();

    public MySelfAssessment.Result Data { get; private set; } = null!;

    /// <summary>The phase shown as a form: the open one, if any.</summary>
    public PhaseView? OpenPhase => Data.Phases.FirstOrDefault(p => p.IsOpen);

    public async Task OnGetAsync()
    {
        await ReloadAsync(HttpContext.RequestAborted);
        if (OpenPhase is { } open)
        {
            Input = new AnswerInput
            {
                Phase = open.Phase,
                Ratings = Data.Framework?.Items.ToDictionary(i => i.Key, i => open.Ratings.TryGetValue(i.Key, out var r) ? (int?)r : null) ?? [],
                Goals = open.Goals,
                Version = open.Version,
            };
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ratings = Input.Ratings.Where(r => r.Value is not null).ToDictionary(r => r.Key, r => r.Value!.Value);
        await mediator.Send(new SubmitSelfAssessment.Command(ProgramId, Input.Phase, ratings, Input.Goals, Input.Version));
        TempData["Flash"] = l["Your self-assessment is saved. Thank you!"].Value;
        return RedirectToPage();
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Data = await mediator.Send(new MySelfAssessment.Query(ProgramId), cancellationToken);
}
