using System.Text.Json;
using Cohort.Web.Features.People;
using Cohort.Web.Infrastructure.Auth;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cohort.Web.Pages.Profile;

/// <summary>Downloads the caller's own data as a JSON file.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class DataModel(IMediator mediator, AuditTrail audit) : PageModel
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public async Task<IActionResult> OnGetAsync()
    {
        var data = await mediator.Send(new MyData.Query(), HttpContext.RequestAborted);
        await audit.RecordAsync("DownloadMyData", User.Identity?.Name, User.UserId(), ct: HttpContext.RequestAborted);
        return File(JsonSerializer.SerializeToUtf8Bytes(data, Json), "application/json", "cohort-my-data.json");
    }
}
