using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure.Auth;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Features.Cases;

public enum CaseSort
{
    Relevance = 0,
    Newest = 1,
}

public sealed record CaseFacet(string Value, int Count);

public sealed record CaseSearchItem(Guid Id, string Title, string OrganizationName, string? Department, string DepartmentArea, string ProblemType, string? Tool, CaseOutcome Outcome,
    int Year, CaseLevel Level, string Summary, int ReuseCount, DateTime UpdatedAt);

public sealed record CaseSearchResult(IReadOnlyList<CaseSearchItem> Items, int Total, int Page, int PageSize, IReadOnlyList<CaseFacet> Areas, IReadOnlyList<CaseFacet> Tools,
    IReadOnlyList<CaseFacet> Problems, IReadOnlyList<CaseFacet> Outcomes, IReadOnlyList<CaseFacet> Years);

/// <summary>The filters of a case search; the same for the signed-in library and the public one.</summary>
public interface ICaseSearch
{
    string? Q { get; }

    string? Area { get; }

    string? Tool { get; }

    string? Problem { get; }

    CaseOutcome? Outcome { get; }

    int? Year { get; }

    CaseSort Sort { get; }

    int Page { get; }
}

/// <summary>
/// Finds cases by words anywhere in them, Japanese included (申請 inside オンライン申請書): every word must occur. On SQLite the
/// words go through an FTS5 trigram index (words shorter than three characters are checked in the same table), on
/// PostgreSQL through a pg_trgm GIN index with LIKE. Facets count what each filter would leave, given the others.
/// Relevance puts cases with the words in their title first, then the newest.
/// </summary>
public static class CaseSearcher
{
    public const int PageSize = 20;

    public static async Task<CaseSearchResult> SearchAsync(CohortDbContext db, IQueryable<CaseStudy> scope, ICaseSearch search, AutoMapper.IConfigurationProvider mapping, CancellationToken ct)
    {
        var f = With(search);
        var terms = CaseSearchText.Terms(search.Q);
        var matched = Match(db, scope, terms);
        var filtered = Filter(matched, search);
        var total = await filtered.CountAsync(ct);
        var ordered = search.Sort == CaseSort.Newest || terms.Count == 0 ? filtered.OrderByDescending(c => c.UpdatedAt).ThenBy(c => c.Id) : ByRelevance(filtered, terms);
        var page = Math.Max(1, search.Page);
        var items = await AutoMapper.QueryableExtensions.Extensions.ProjectTo<CaseSearchItem>(ordered.Skip((page - 1) * PageSize).Take(PageSize), mapping).ToListAsync(ct);

        async Task<List<CaseFacet>> FacetAsync(IQueryable<string?> values, int max) =>
            (await values.Where(v => v != null && v != "").GroupBy(v => v!).Select(g => new { g.Key, Count = g.Count() }).OrderByDescending(g => g.Count).ThenBy(g => g.Key).Take(max).ToListAsync(ct))
            .Select(g => new CaseFacet(g.Key, g.Count)).ToList();

        var areas = await FacetAsync(Filter(matched, f with { Area = null }).Select(c => (string?)c.DepartmentArea), 50);
        var tools = await FacetAsync(Filter(matched, f with { Tool = null }).Select(c => c.Tool), 15);
        var problems = await FacetAsync(Filter(matched, f with { Problem = null }).Select(c => (string?)c.ProblemType), 50);
        var outcomes = (await Filter(matched, f with { Outcome = null }).GroupBy(c => c.Outcome).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .OrderBy(g => g.Key).Select(g => new CaseFacet(g.Key.ToString(), g.Count)).ToList();
        var years = (await Filter(matched, f with { Year = null }).GroupBy(c => c.Year).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .OrderByDescending(g => g.Key).Select(g => new CaseFacet(g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), g.Count)).ToList();
        return new CaseSearchResult(items, total, page, PageSize, areas, tools, problems, outcomes, years);
    }

    private sealed record Filters(string? Q, string? Area, string? Tool, string? Problem, CaseOutcome? Outcome, int? Year, CaseSort Sort, int Page) : ICaseSearch;

    private static Filters With(ICaseSearch s) => s as Filters ?? new Filters(s.Q, s.Area, s.Tool, s.Problem, s.Outcome, s.Year, s.Sort, s.Page);

    private static IQueryable<CaseStudy> Filter(IQueryable<CaseStudy> cases, ICaseSearch search)
    {
        var s = With(search);
        if (!string.IsNullOrEmpty(s.Area))
        {
            cases = cases.Where(c => c.DepartmentArea == s.Area);
        }

        if (!string.IsNullOrEmpty(s.Tool))
        {
            cases = cases.Where(c => c.Tool == s.Tool);
        }

        if (!string.IsNullOrEmpty(s.Problem))
        {
            cases = cases.Where(c => c.ProblemType == s.Problem);
        }

        if (s.Outcome is { } outcome)
        {
            cases = cases.Where(c => c.Outcome == outcome);
        }

        if (s.Year is { } year)
        {
            cases = cases.Where(c => c.Year == year);
        }

        return cases;
    }

    /// <summary>Cases containing every term, through the provider's trigram index.</summary>
    public static IQueryable<CaseStudy> Match(CohortDbContext db, IQueryable<CaseStudy> scope, IReadOnlyList<string> terms)
    {
        if (terms.Count == 0)
        {
            return scope;
        }

        if (db.Database.IsSqlite())
        {
            // FTS5 trigram: a quoted phrase of three or more characters uses the index; shorter words are checked with instr()
            // on the same rows. The FTS table is kept by triggers on "Cases" (see the AddCaseLibrary migration).
            var longTerms = terms.Where(t => t.Length >= 3).ToList();
            var shortTerms = terms.Where(t => t.Length < 3).ToList();
            var conditions = new List<string>();
            var parameters = new List<object>();
            if (longTerms.Count > 0)
            {
                conditions.Add($"\"CaseSearch\" MATCH {{{parameters.Count}}}");
                parameters.Add(string.Join(" AND ", longTerms.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")));
            }

            foreach (var term in shortTerms)
            {
                conditions.Add($"instr(\"SearchText\", {{{parameters.Count}}}) > 0");
                parameters.Add(term);
            }

            var sql = "SELECT r.\"CaseId\" AS \"Value\" FROM \"CaseSearchRows\" r WHERE r.\"RowId\" IN (SELECT rowid FROM \"CaseSearch\" WHERE " + string.Join(" AND ", conditions) + ")";
            var ids = db.Database.SqlQueryRaw<Guid>(sql, [.. parameters]);
            return scope.Where(c => ids.Contains(c.Id));
        }

        foreach (var term in terms)
        {
            var pattern = CaseSearchText.Contains(term);
            scope = scope.Where(c => EF.Functions.Like(c.SearchText, pattern));
        }

        return scope;
    }

    private static IQueryable<CaseStudy> ByRelevance(IQueryable<CaseStudy> cases, IReadOnlyList<string> terms)
    {
        // Five slots, unused ones hold a character no title has. Titles are compared as written (Japanese has no case).
        var t = terms.Concat(Enumerable.Repeat("\u0001", CaseSearchText.MaxTerms)).Take(CaseSearchText.MaxTerms).ToArray();
        string t0 = t[0], t1 = t[1], t2 = t[2], t3 = t[3], t4 = t[4];
        return cases.OrderByDescending(c => (c.Title.Contains(t0) ? 1 : 0) + (c.Title.Contains(t1) ? 1 : 0) + (c.Title.Contains(t2) ? 1 : 0)
                + (c.Title.Contains(t3) ? 1 : 0) + (c.Title.Contains(t4) ? 1 : 0))
            .ThenByDescending(c => c.UpdatedAt).ThenBy(c => c.Id);
    }

    public sealed class ItemProfile : AutoMapper.Profile
    {
#pragma warning disable CA1845 // An expression for SQL: spans do not translate.
        public ItemProfile() => CreateProjection<CaseStudy, CaseSearchItem>()
            .ForCtorParam(nameof(CaseSearchItem.OrganizationName), o => o.MapFrom(c => c.Organization!.Name))
            .ForCtorParam(nameof(CaseSearchItem.Summary), o => o.MapFrom(c => c.AsIs.Length > 140 ? c.AsIs.Substring(0, 140) + "…" : c.AsIs))
            .ForCtorParam(nameof(CaseSearchItem.ReuseCount), o => o.MapFrom(c => c.Reuses.Count));
#pragma warning restore CA1845
    }
}

internal static class CaseSearchRules
{
    public static void Apply<T>(AbstractValidator<T> v)
        where T : ICaseSearch
    {
        v.RuleFor(q => q.Q).MaximumLength(200);
        v.RuleFor(q => q.Area).MaximumLength(40);
        v.RuleFor(q => q.Tool).MaximumLength(100);
        v.RuleFor(q => q.Problem).MaximumLength(40);
        v.RuleFor(q => q.Outcome).IsInEnum();
        v.RuleFor(q => q.Sort).IsInEnum();
        v.RuleFor(q => q.Page).InclusiveBetween(1, 1000);
    }
}

/// <summary>The library: every case the caller may see (their organisations' own, and all shared and public ones).</summary>
public static class SearchCases
{
    [SignedIn]
    public sealed record Query(string? Q = null, string? Area = null, string? Tool = null, string? Problem = null, CaseOutcome? Outcome = null, int? Year = null,
        CaseSort Sort = CaseSort.Relevance, int Page = 1) : IRequest<CaseSearchResult>, ICaseSearch;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => CaseSearchRules.Apply(this);
    }

    public sealed class Handler(CohortDbContext db, AccessService access, AutoMapper.IConfigurationProvider mapping) : IRequestHandler<Query, CaseSearchResult>
    {
        public async Task<CaseSearchResult> Handle(Query request, CancellationToken cancellationToken) =>
            await CaseSearcher.SearchAsync(db, await access.VisibleCasesAsync(cancellationToken), request, mapping, cancellationToken);
    }
}

/// <summary>The public library: public cases only, for anyone.</summary>
public static class SearchPublicCases
{
    [Anyone]
    public sealed record Query(string? Q = null, string? Area = null, string? Tool = null, string? Problem = null, CaseOutcome? Outcome = null, int? Year = null,
        CaseSort Sort = CaseSort.Relevance, int Page = 1) : IRequest<CaseSearchResult>, ICaseSearch;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => CaseSearchRules.Apply(this);
    }

    public sealed class Handler(CohortDbContext db, AutoMapper.IConfigurationProvider mapping) : IRequestHandler<Query, CaseSearchResult>
    {
        public Task<CaseSearchResult> Handle(Query request, CancellationToken cancellationToken) =>
            CaseSearcher.SearchAsync(db, db.Cases.Where(c => c.Level == CaseLevel.Public), request, mapping, cancellationToken);
    }
}
