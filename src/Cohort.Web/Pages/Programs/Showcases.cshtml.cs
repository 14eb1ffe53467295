using Cohort.Web.Domain;
using Cohort.Web.Features.Showcases;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Meetings;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cohort.Web.Pages.Programs;

[Authorize(Policy = Policies.SignedIn)]
[ProgramPage(ProgramPermission.Read)]
public sealed class ShowcasesModel(IMediator mediator, AccessService access, IOnlineMeetingService meetings) : PageModel, IReloadOnError
{
    [BindProperty(SupportsGet = true)]
    public Guid ProgramId { get; set; }

    [BindProperty]
    public ScheduleShowcase.Command Input { get; set; } = new(Guid.Empty, "", null, default, new TimeOnly(13, 30), new TimeOnly(16, 30), ShowcaseFormat.Online, null, null, null);

    public IReadOnlyList<ShowcaseList.Item> Showcases { get; private set; } = [];

    public bool CanManage { get; private set; }

    public bool MeetingsConfigured => meetings.IsConfigured;

    public async Task OnGetAsync() => await ReloadAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        var id = await mediator.Send(Input with { ProgramId = ProgramId });
        return Redirect($"/Programs/{ProgramId}/Showcases/{id}");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        Showcases = await mediator.Send(new ShowcaseList.Query(ProgramId), cancellationToken);
        CanManage = (await access.ForProgramAsync(ProgramId, cancellationToken))?.Allows(ProgramPermission.Manage) ?? false;
    }
}
