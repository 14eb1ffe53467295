using Cohort.Web.Features.Participants;
using Cohort.Web.Features.Programs;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Localization;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Pages.Programs;

[Authorize(Policy = Policies.SignedIn)]
[ProgramPage(ProgramPermission.Manage)]
public sealed class ParticipantsModel(IMediator mediator, IStringLocalizer<SharedResource> l) : PageModel, IReloadOnError
{
    [BindProperty(SupportsGet = true)]
    public Guid ProgramId { get; set; }

    [BindProperty]
    public SaveParticipant.Command Input { get; set; } = new(Guid.Empty, "", "", null, null);

    public IReadOnlyList<ParticipantList.Item> Participants { get; private set; } = [];

    public List<SelectListItem> Teams { get; private set; } = [];

    public ImportParticipants.Result? ImportResult { get; private set; }

    public IReadOnlyList<CsvCellError> RowErrors { get; private set; } = [];

    public Task OnGetAsync() => ReloadAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file)
    {
        byte[] content = [];
        if (file is not null)
        {
            using var copy = new MemoryStream();
            await file.CopyToAsync(copy, HttpContext.RequestAborted);
            content = copy.ToArray();
        }

        try
        {
            ImportResult = await mediator.Send(new ImportParticipants.Command(ProgramId, content));
        }
        catch (ValidationException e)
        {
            // Row errors get their own table; other problems (no file) go to the summary.
            RowErrors = e.Errors.Select(f => f.CustomState).OfType<CsvCellError>().ToList();
            foreach (var other in e.Errors.Where(f => f.CustomState is not CsvCellError))
            {
                ModelState.AddModelError(string.Empty, other.ErrorMessage);
            }

            if (RowErrors.Count > 0)
            {
                ModelState.AddModelError(string.Empty, l["{0} problems found in the file.", RowErrors.Count]);
            }
        }

        await ReloadAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        await mediator.Send(Input with { ProgramId = ProgramId });
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid participantId)
    {
        await mediator.Send(new RemoveParticipant.Command(ProgramId, participantId));
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAnonymiseAsync(Guid participantId)
    {
        await mediator.Send(new Features.People.AnonymiseParticipant.Command(ProgramId, participantId));
        return RedirectToPage();
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        Participants = await mediator.Send(new ParticipantList.Query(ProgramId), cancellationToken);
        var program = await mediator.Send(new ProgramOverview.Query(ProgramId), cancellationToken);
        Teams = [new SelectListItem(l["(no team)"], ""), .. program.Teams.Select(t => new SelectListItem(t.Name, t.Id.ToString()))];
    }
}
