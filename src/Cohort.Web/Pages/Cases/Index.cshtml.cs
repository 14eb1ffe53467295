using Cohort.Web.Domain;
using Cohort.Web.Features.Cases;
using Cohort.Web.Infrastructure.Auth;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Pages.Cases;

/// <summary>The case library: search what one may see, with facets.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(IMediator mediator, Data.CohortDbContext db, CurrentUser user) : PageModel, ICaseSearchPage
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Area { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Tool { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Problem { get; set; }

    [BindProperty(SupportsGet = true)]
    public CaseOutcome? Outcome { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public CaseSort Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public CaseSearchResult Result { get; private set; } = default!;

    public string CaseLink(Guid id) => $"/Cases/{id}";

    public bool ShowLevel => true;

    /// <summary>Organisations whose admin the caller is: they may import case documents.</summary>
    public bool CanImport { get; private set; }

    public async Task OnGetAsync()
    {
        Result = await mediator.Send(new SearchCases.Query(Q, Area, Tool, Problem, Outcome, Year, Sort, Math.Clamp(PageNumber, 1, 1000)), HttpContext.RequestAborted);
        CanImport = user.IsAdmin || await db.OrganizationMembers.AnyAsync(m => m.UserId == user.Id && m.Role == OrganizationRole.Admin, HttpContext.RequestAborted);
    }

    public string Link(string? area = "\0", string? tool = "\0", string? problem = "\0", string? outcome = "\0", string? year = "\0", int page = 1) =>
        CaseSearchLinks.For(this, Request.Path, area, tool, problem, outcome, year, page);
}
