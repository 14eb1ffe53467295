using Cohort.Web.Features.Showcases;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Html;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cohort.Web.Pages.Programs;

/// <summary>A slot's feedback QR code, large, to show on the shared screen during and after the presentation.</summary>
[Authorize(Policy = Policies.SignedIn)]
[ProgramPage(ProgramPermission.Read)]
public sealed class ShowcaseQrModel(IMediator mediator, IConfiguration configuration) : PageModel
{
    public ShowcaseDetail.SlotView Slot { get; private set; } = default!;

    public string ShowcaseTitle { get; private set; } = "";

    public string Link { get; private set; } = "";

    public string Svg { get; private set; } = "";

    public async Task OnGetAsync(Guid programId, Guid showcaseId, Guid slotId)
    {
        var showcase = await mediator.Send(new ShowcaseDetail.Query(programId, showcaseId), HttpContext.RequestAborted);
        Slot = showcase.Agenda.SingleOrDefault(s => s.Id == slotId && s.TeamId != null) ?? throw new NotFoundException("Slot");
        ShowcaseTitle = showcase.Title;
        Link = $"{PublicLinks.Base(Request, configuration)}/f/{Slot.FeedbackKey}";
        Svg = QrCode.Svg(Link);
    }
}
