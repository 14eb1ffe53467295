using Cohort.Web.Features.CheckIns;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cohort.Web.Pages.Teams;

[Authorize(Policy = Policies.SignedIn)]
[ProgramPage(ProgramPermission.TeamWork)]
public sealed class TeamModel(IMediator mediator) : PageModel, IReloadOnError
{
    [BindProperty(SupportsGet = true)]
    public Guid ProgramId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid TeamId { get; set; }

    public TeamTimeline.Result Timeline { get; private set; } = null!;

    public Features.Submissions.TeamPortfolio.Result? Portfolio { get; private set; }

    public Features.Cases.TeamCases.Result Cases { get; private set; } = new(null, []);

    public IReadOnlyList<Features.Showcases.TeamShowcaseFeedback.Item> ShowcaseFeedback { get; private set; } = [];

    public Task OnGetAsync() => ReloadAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostCompleteAsync(Guid actionItemId, string? comment, string? evidenceUrl)
    {
        await mediator.Send(new CompleteActionItem.Command(ProgramId, TeamId, actionItemId, comment, evidenceUrl));
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostReplyAsync(Guid checkInId, string text)
    {
        await mediator.Send(new ReplyToCheckIn.Command(ProgramId, TeamId, checkInId, text ?? ""));
        return RedirectToPage();
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        Timeline = await mediator.Send(new TeamTimeline.Query(ProgramId, TeamId), cancellationToken);
        Cases = await mediator.Send(new Features.Cases.TeamCases.Query(ProgramId, TeamId), cancellationToken);
        Portfolio = await mediator.Send(new Features.Submissions.TeamPortfolio.Query(ProgramId, TeamId), cancellationToken);
        ShowcaseFeedback = await mediator.Send(new Features.Showcases.TeamShowcaseFeedback.Query(ProgramId, TeamId), cancellationToken);
    }
}
