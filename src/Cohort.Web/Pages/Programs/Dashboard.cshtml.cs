using System.Globalization;
using System.Text;
using Cohort.Web.Features.CheckIns;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Csv;
using Cohort.Web.Infrastructure.Localization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Pages.Programs;

[Authorize(Policy = Policies.SignedIn)]
[ProgramPage(ProgramPermission.Manage)]
public sealed class DashboardModel(IMediator mediator, AuditTrail audit, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid ProgramId { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool AtRiskOnly { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? MentorId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Department { get; set; }

    public ProgramDashboard.Result Data { get; private set; } = null!;

    public IReadOnlyList<Features.Nudges.FailedDeliveries.Item> FailedMail { get; private set; } = [];

    public Features.Submissions.DeliverableStats.Result Deliverables { get; private set; } = new([], []);

    public async Task OnGetAsync()
    {
        Data = await mediator.Send(new ProgramDashboard.Query(ProgramId, AtRiskOnly, MentorId, Department), HttpContext.RequestAborted);
        FailedMail = await mediator.Send(new Features.Nudges.FailedDeliveries.Query(ProgramId), HttpContext.RequestAborted);
        Deliverables = await mediator.Send(new Features.Submissions.DeliverableStats.Query(ProgramId), HttpContext.RequestAborted);
    }

    /// <summary>The same rows as a CSV that Excel in Japan opens correctly (UTF-8 with BOM).</summary>
    public async Task<IActionResult> OnGetCsvAsync()
    {
        await OnGetAsync();
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(",", new[] { "Team", "Department", "Health", "Reasons", "Last check-in", "Next check-in due", "Open items", "Overdue items", "Mentors" }.Select(h => CsvText.Quote(l[h]))));
        foreach (var r in Data.Rows)
        {
            var reasons = string.Join(" / ", r.Health.Reasons.Select(x => l[x.Text, x.Values.Select(v => v is Enum e ? (object)l[e.ToString()].Value : v is DateOnly d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : v).ToArray()].Value));
            csv.AppendLine(string.Join(",", new[]
            {
                r.TeamName, r.Department ?? "", l[r.Health.Status.ToString()], reasons,
                r.LastCheckIn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                r.Health.NextCheckInDue.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                r.OpenItems.ToString(CultureInfo.InvariantCulture), r.OverdueItems.ToString(CultureInfo.InvariantCulture),
                string.Join(" ", r.Mentors),
            }.Select(CsvText.Quote)));
        }

        await audit.RecordForProgramAsync(ProgramId, "ExportDashboard", User.Identity?.Name, User.UserId(), $"{{\"ProgramId\":\"{ProgramId}\"}}", HttpContext.RequestAborted);
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        return File(bytes, "text/csv; charset=utf-8", $"cohort-dashboard-{Data.Today:yyyyMMdd}.csv");
    }
}
