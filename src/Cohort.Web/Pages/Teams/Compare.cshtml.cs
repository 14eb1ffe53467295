using Cohort.Web.Features.Submissions;
using Cohort.Web.Infrastructure.Auth;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cohort.Web.Pages.Teams;

/// <summary>Two versions of a deliverable side by side: what changed in each field and in the files.</summary>
[Authorize(Policy = Policies.SignedIn)]
[ProgramPage(ProgramPermission.TeamWork)]
public sealed class CompareModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid ProgramId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid TeamId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid MilestoneId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? To { get; set; }

    public VersionComparison.Result Comparison { get; private set; } = null!;

    public string DeliverablePage => $"/Programs/{ProgramId}/Teams/{TeamId}/Deliverables/{MilestoneId}";

    public async Task OnGetAsync() =>
        Comparison = await mediator.Send(new VersionComparison.Query(ProgramId, TeamId, MilestoneId, From, To), HttpContext.RequestAborted);

    /// <summary>The label of a compared field, as on the deliverable form.</summary>
    public static string Label(string field) => field switch
    {
        VersionComparison.Fields.Title => "Title",
        VersionComparison.Fields.Description => "Description",
        VersionComparison.Fields.Links => "Links",
        VersionComparison.Fields.PrototypeWhat => "What the prototype does",
        VersionComparison.Fields.UserTestNotes => "Who tried it and what they said",
        VersionComparison.Fields.Tool => "Tool",
        VersionComparison.Fields.ContainsPersonalData => "Is real personal data inside the prototype?",
        VersionComparison.Fields.PersonalDataExplanation => "If yes: which data, and why",
        _ => field,
    };
}
