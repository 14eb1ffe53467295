using Cohort.Web.Features.Analytics;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Localization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Pages.Learning;

/// <summary>Learning analytics for organisers (whole programme, each person) and mentors (their teams' totals).</summary>
[Authorize(Policy = Policies.SignedIn)]
[ProgramPage(ProgramPermission.ReadPeople)]
public sealed class AnalyticsModel(IMediator mediator, AuditTrail audit, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid ProgramId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? TeamId { get; set; }

    public LearningAnalytics.Result Data { get; private set; } = null!;

    public IReadOnlyList<AnalyticsTable> Tables { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Data = await mediator.Send(new LearningAnalytics.Query(ProgramId, TeamId), HttpContext.RequestAborted);
        Tables = AnalyticsTables.Build(Data, l);
    }

    public async Task<IActionResult> OnGetCsvAsync(string? table)
    {
        await OnGetAsync();
        var chosen = Tables.FirstOrDefault(t => t.Key == table);
        if (chosen is null)
        {
            return NotFound();
        }

        await audit.RecordForProgramAsync(ProgramId, "ExportAnalytics", User.Identity?.Name, User.UserId(), $"{{\"ProgramId\":\"{ProgramId}\",\"Table\":\"{chosen.Key}\"}}", HttpContext.RequestAborted);
        return File(AnalyticsTables.ToCsv(chosen, l), "text/csv; charset=utf-8", $"cohort-{chosen.Key}.csv");
    }

    public async Task<IActionResult> OnGetXlsxAsync()
    {
        await OnGetAsync();
        await audit.RecordForProgramAsync(ProgramId, "ExportAnalytics", User.Identity?.Name, User.UserId(), $"{{\"ProgramId\":\"{ProgramId}\",\"Table\":\"xlsx\"}}", HttpContext.RequestAborted);
        return File(AnalyticsTables.ToXlsx(Tables, l), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "cohort-analytics.xlsx");
    }
}
