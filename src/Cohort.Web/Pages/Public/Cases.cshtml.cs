using Cohort.Web.Domain;
using Cohort.Web.Features.Cases;
using Cohort.Web.Pages.Cases;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cohort.Web.Pages.Public;

/// <summary>The public case library, for anyone: public cases only.</summary>
[AllowAnonymous]
public sealed class CasesModel(IMediator mediator) : PageModel, ICaseSearchPage
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

    public bool ShowLevel => false;

    public string CaseLink(Guid id) => $"/public/cases/{id}";

    public async Task OnGetAsync() =>
        Result = await mediator.Send(new SearchPublicCases.Query(Q, Area, Tool, Problem, Outcome, Year, Sort, Math.Clamp(PageNumber, 1, 1000)), HttpContext.RequestAborted);

    public string Link(string? area = "\0", string? tool = "\0", string? problem = "\0", string? outcome = "\0", string? year = "\0", int page = 1) =>
        CaseSearchLinks.For(this, Request.Path, area, tool, problem, outcome, year, page);
}
