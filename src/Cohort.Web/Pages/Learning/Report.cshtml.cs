using Cohort.Web.Features.Analytics;
using Cohort.Web.Infrastructure.Auth;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cohort.Web.Pages.Learning;

/// <summary>The printable programme report: participation, skill change, learning, prototypes, showcase results.</summary>
[Authorize(Policy = Policies.SignedIn)]
[ProgramPage(ProgramPermission.Manage)]
public sealed class ReportModel(IMediator mediator) : PageModel
{
    public Guid ProgramId { get; private set; }

    public ProgramReport.Result Facts { get; private set; } = null!;

    public LearningAnalytics.Result Learning { get; private set; } = null!;

    public async Task OnGetAsync(Guid programId)
    {
        ProgramId = programId;
        Facts = await mediator.Send(new ProgramReport.Query(programId), HttpContext.RequestAborted);
        Learning = await mediator.Send(new LearningAnalytics.Query(programId), HttpContext.RequestAborted);
    }
}
