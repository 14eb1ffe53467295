using Cohort.Web.Domain;
using Cohort.Web.Features.Cases;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Pages.Cases;

/// <summary>One case: reading it, its publication, consent, follow-ups and reuse.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class DetailsModel(IMediator mediator, Data.CohortDbContext db, CurrentUser user) : PageModel, IReloadOnError
{
    [BindProperty(SupportsGet = true)]
    public Guid CaseId { get; set; }

    [BindProperty]
    public RecordCaseFollowUp.Command FollowUp { get; set; } = new(Guid.Empty, CaseOutcome.Adopted, null, null);

    [BindProperty]
    public RequestCasePublication.Command Ask { get; set; } = new(Guid.Empty, CaseLevel.Shared, null);

    [BindProperty]
    public ApproveCasePublication.Command Approve { get; set; } = new(Guid.Empty, CaseLevel.Shared, null);

    [BindProperty]
    public RejectCasePublication.Command Reject { get; set; } = new(Guid.Empty, null);

    [BindProperty]
    public WithdrawCase.Command Withdraw { get; set; } = new(Guid.Empty, CaseLevel.Private, null);

    [BindProperty]
    public ReuseCase.Command Reuse { get; set; } = new(Guid.Empty, Guid.Empty, null, null);

    public CaseView Case { get; private set; } = default!;

    /// <summary>Programmes the caller organises, with their teams, to start from this case.</summary>
    public IReadOnlyList<(Guid Id, string Title, IReadOnlyList<(Guid Id, string Name)> Teams)> Organized { get; private set; } = [];

    public CaseLevel? NextLevel => Case.Level < CaseLevel.Public ? Case.Level + 1 : null;

    public async Task OnGetAsync() => await ReloadAsync(HttpContext.RequestAborted);

    /// <summary>The case document, for the browser (the JSON API takes tokens only).</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        var document = await mediator.Send(new ExportCase.Query(CaseId), HttpContext.RequestAborted);
        Infrastructure.Files.SafeDownload.SetHeaders(Response, $"case-{CaseId}.json");
        return new JsonResult(document, CaseDocument.Json);
    }

    public async Task<IActionResult> OnGetAttachmentAsync(Guid attachmentId)
    {
        var file = await mediator.Send(new CaseAttachmentFile.Query(CaseId, attachmentId), HttpContext.RequestAborted);
        return new Infrastructure.Files.SafeDownloadActionResult(Infrastructure.Files.SafeDownload.Result(file.Content, file.ContentType, file.FileName));
    }

    public async Task<IActionResult> OnPostFollowUpAsync() => await DoneAsync(mediator.Send(FollowUp with { CaseId = CaseId }), "#follow-up");

    public async Task<IActionResult> OnPostRequestAsync() => await DoneAsync(mediator.Send(Ask with { CaseId = CaseId }), "#publication");

    public async Task<IActionResult> OnPostApproveAsync() => await DoneAsync(mediator.Send(Approve with { CaseId = CaseId }), "#publication");

    public async Task<IActionResult> OnPostRejectAsync() => await DoneAsync(mediator.Send(Reject with { CaseId = CaseId }), "#publication");

    public async Task<IActionResult> OnPostWithdrawAsync() => await DoneAsync(mediator.Send(Withdraw with { CaseId = CaseId }), "#publication");

    public async Task<IActionResult> OnPostConsentAsync(bool consent) => await DoneAsync(mediator.Send(new SetCaseNameConsent.Command(CaseId, consent)), "#contributors");

    public async Task<IActionResult> OnPostReuseAsync()
    {
        var team = await mediator.Send(Reuse with { CaseId = CaseId });
        return Redirect($"/Programs/{Reuse.ProgramId}/Teams/{team}");
    }

    public async Task<IActionResult> OnPostDeleteAsync()
    {
        await mediator.Send(new DeleteCase.Command(CaseId));
        return Redirect("/Cases");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        Case = await mediator.Send(new CaseDetail.Query(CaseId), cancellationToken);
        // The newest programmes the caller organises (a deployment admin organises all), with their teams.
        var userId = user.Id ?? Guid.Empty;
        var admin = user.IsAdmin;
        var programs = await db.Programs
            .Where(p => admin || db.OrganizationMembers.Any(m => m.OrganizationId == p.OrganizationId && m.UserId == userId && m.Role == OrganizationRole.Admin)
                || db.ProgramMembers.Any(m => m.ProgramId == p.Id && m.UserId == userId && m.Role == ProgramRole.Organizer))
            .OrderByDescending(p => p.StartDate).Take(30)
            .Select(p => new { p.Id, p.Title, Teams = p.Teams.OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToList() })
            .ToListAsync(cancellationToken);
        Organized = programs.Select(p => (p.Id, p.Title, (IReadOnlyList<(Guid, string)>)p.Teams.Select(t => (t.Id, t.Name)).ToList())).ToList();
    }

    private async Task<IActionResult> DoneAsync(Task sent, string anchor)
    {
        await sent;
        return Redirect($"/Cases/{CaseId}{anchor}");
    }
}
