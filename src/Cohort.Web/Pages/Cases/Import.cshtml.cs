using System.Text.Json;
using Cohort.Web.Domain;
using Cohort.Web.Features.Cases;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Localization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Pages.Cases;

/// <summary>An organisation's admin imports a case document exported by another Cohort deployment.</summary>
[Authorize(Policy = Policies.SignedIn)]
[RequestSizeLimit(MaxDocumentBytes + (1024 * 1024))]
[RequestFormLimits(MultipartBodyLengthLimit = MaxDocumentBytes + (1024 * 1024))]
public sealed class ImportModel(IMediator mediator, Data.CohortDbContext db, CurrentUser user, IStringLocalizer<SharedResource> l) : PageModel, IReloadOnError
{
    /// <summary>Case documents carry their attachments; ten files of a few MB each fit.</summary>
    public const long MaxDocumentBytes = 40L * 1024 * 1024;

    [BindProperty]
    public Guid OrganizationId { get; set; }

    [BindProperty]
    public IFormFile? Document { get; set; }

    public List<SelectListItem> Organizations { get; private set; } = [];

    public async Task OnGetAsync() => await ReloadAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        CaseDocument? document = null;
        if (Document is null || Document.Length == 0 || Document.Length > MaxDocumentBytes)
        {
            ModelState.AddModelError(nameof(Document), l["Choose a case document (.json) of at most 40 MB."]);
        }
        else
        {
            try
            {
                await using var stream = Document.OpenReadStream();
                document = await JsonSerializer.DeserializeAsync<CaseDocument>(stream, CaseDocument.Json, HttpContext.RequestAborted);
            }
            catch (JsonException)
            {
                ModelState.AddModelError(nameof(Document), l["This is not a case document."]);
            }
        }

        if (!ModelState.IsValid)
        {
            await ReloadAsync(HttpContext.RequestAborted);
            return Page();
        }

        var id = await mediator.Send(new ImportCase.Command(OrganizationId, document));
        return Redirect($"/Cases/{id}");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var admin = user.IsAdmin;
        var userId = user.Id ?? Guid.Empty;
        Organizations = await db.Organizations
            .Where(o => admin || db.OrganizationMembers.Any(m => m.OrganizationId == o.Id && m.UserId == userId && m.Role == OrganizationRole.Admin))
            .OrderBy(o => o.Name).Select(o => new SelectListItem(o.Name, o.Id.ToString())).ToListAsync(cancellationToken);
    }
}
