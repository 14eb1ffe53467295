using Cohort.Web.Features.Learning;
using Cohort.Web.Features.Participants;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Localization;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Pages.Learning;

/// <summary>
/// Importing an e-learning platform's activity export in two steps: upload the file, then say which column holds
/// what (suggested from the headings or taken from a saved mapping). The file travels in the form between the steps,
/// so nothing is kept on the server until the import succeeds.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
[ProgramPage(ProgramPermission.Manage)]
public sealed class LearningActivityModel(IMediator mediator, IStringLocalizer<SharedResource> l) : PageModel, IReloadOnError
{
    public sealed class MappingInput
    {
        public string? Email { get; set; }

        public string? Course { get; set; }

        public string? Category { get; set; }

        public string? Minutes { get; set; }

        public string? Date { get; set; }

        public string? Completion { get; set; }

        public string? Device { get; set; }

        public string? SaveMappingAs { get; set; }

        public ColumnMap ToMap() => new(Email ?? "", Course ?? "", Category, Minutes ?? "", Date ?? "", Completion, Device);
    }

    [BindProperty(SupportsGet = true)]
    public Guid ProgramId { get; set; }

    [BindProperty]
    public MappingInput Input { get; set; } = new();

    /// <summary>The uploaded file between the two steps (base64).</summary>
    [BindProperty]
    public string? FileContent { get; set; }

    [BindProperty]
    public string? FileName { get; set; }

    [BindProperty]
    public Guid? MappingId { get; set; }

    public LearningActivityImports.Result Data { get; private set; } = null!;

    public ActivityCsvPreview? Preview { get; private set; }

    public ImportLearningActivity.Result? Imported { get; private set; }

    public IReadOnlyList<CsvCellError> RowErrors { get; private set; } = [];

    public Task OnGetAsync() => ReloadAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? file)
    {
        byte[] content = [];
        if (file is not null)
        {
            using var copy = new MemoryStream();
            await file.CopyToAsync(copy, HttpContext.RequestAborted);
            content = copy.ToArray();
            FileName = file.FileName;
        }

        await ReloadAsync(HttpContext.RequestAborted);
        Preview = await mediator.Send(new PreviewLearningActivity.Query(ProgramId, content));
        FileContent = Convert.ToBase64String(content);
        var saved = Data.Mappings.FirstOrDefault(m => m.Id == MappingId);
        var map = saved is not null && Covers(Preview, saved.Columns) ? saved.Columns : Preview.Suggested;
        Input = new MappingInput
        {
            Email = map.Email, Course = map.Course, Category = map.Category, Minutes = map.Minutes, Date = map.Date,
            Completion = map.Completion, Device = map.Device, SaveMappingAs = saved?.Name,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync()
    {
        var content = Decode(FileContent);
        try
        {
            Imported = await mediator.Send(new ImportLearningActivity.Command(ProgramId, FileName ?? "activity.csv", content, Input.ToMap(), Input.SaveMappingAs));
            FileContent = null;
        }
        catch (ValidationException e)
        {
            // Row errors get their own table; mapping problems go to the summary. The file stays in the form.
            RowErrors = e.Errors.Select(f => f.CustomState).OfType<CsvCellError>().ToList();
            foreach (var other in e.Errors.Where(f => f.CustomState is not CsvCellError))
            {
                ModelState.AddModelError(string.Empty, other.ErrorMessage);
            }

            if (RowErrors.Count > 0)
            {
                ModelState.AddModelError(string.Empty, l["{0} problems found in the file.", RowErrors.Count]);
            }

            if (content.Length > 0)
            {
                Preview = await mediator.Send(new PreviewLearningActivity.Query(ProgramId, content));
            }
        }

        await ReloadAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid importId)
    {
        await mediator.Send(new RemoveLearningActivityImport.Command(ProgramId, importId));
        TempData["Flash"] = l["The import was removed with its rows."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveMappingAsync(Guid mappingId)
    {
        await mediator.Send(new RemoveActivityMapping.Command(ProgramId, mappingId));
        return RedirectToPage();
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        Data = await mediator.Send(new LearningActivityImports.Query(ProgramId), cancellationToken);
        if (Preview is null && Decode(FileContent) is { Length: > 0 } content)
        {
            Preview = await mediator.Send(new PreviewLearningActivity.Query(ProgramId, content), cancellationToken);
        }
    }

    private static byte[] Decode(string? base64)
    {
        if (string.IsNullOrEmpty(base64))
        {
            return [];
        }

        var buffer = new byte[base64.Length * 3 / 4 + 3];
        return Convert.TryFromBase64String(base64, buffer, out var written) ? buffer[..written] : [];
    }

    private static bool Covers(ActivityCsvPreview preview, ColumnMap map) =>
        new[] { map.Email, map.Course, map.Minutes, map.Date }.All(c => preview.Headings.Contains(c, StringComparer.Ordinal));
}
