using System.Globalization;
using Cohort.Web.Features.Organizations;
using Cohort.Web.Features.Programs;
using Cohort.Web.Features.Templates;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Localization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Cohort.Web.Pages.Programs;

[Authorize(Policy = Policies.SignedIn)]
public sealed class CreateModel(IMediator mediator, TimeProvider clock) : PageModel, IReloadOnError
{
    [BindProperty]
    public CreateProgramFromTemplate.Command Input { get; set; } = new(Guid.Empty, "", "", default);

    public List<SelectListItem> Organizations { get; private set; } = [];

    public List<SelectListItem> Templates { get; private set; } = [];

    public List<(string Title, string Description)> TemplateDescriptions { get; private set; } = [];

    public async Task OnGetAsync(Guid? organizationId)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Input = Input with { StartDate = today.AddDays(14), OrganizationId = organizationId ?? Guid.Empty, TemplateKey = "two-stage-dx" };
        await ReloadAsync(HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var id = await mediator.Send(Input);
        return Redirect($"/Programs/{id}");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var organizations = await mediator.Send(new OrganizationList.Query(), cancellationToken);
        Organizations = organizations.Where(o => o.CanManage).Select(o => new SelectListItem(Display.Name(o.Name, o.NameEn), o.Id.ToString())).ToList();
        var templates = await mediator.Send(new TemplateList.Query(), cancellationToken);
        var culture = CultureInfo.CurrentUICulture;
        Templates = templates.Select(t => new SelectListItem(t.Title.For(culture), t.Key)).ToList();
        TemplateDescriptions = templates.Select(t => (t.Title.For(culture), t.Description.For(culture))).ToList();
    }
}
