using Cohort.Web.Domain;
using Cohort.Web.Features.Cases;

namespace Cohort.Web.Pages.Cases;

/// <summary>What the shared results partial needs from the signed-in and the public library pages.</summary>
public interface ICaseSearchPage
{
    string? Q { get; }

    string? Area { get; }

    string? Tool { get; }

    string? Problem { get; }

    CaseOutcome? Outcome { get; }

    int? Year { get; }

    CaseSort Sort { get; }

    CaseSearchResult Result { get; }

    bool ShowLevel { get; }

    string CaseLink(Guid id);

    /// <summary>This search with the given values changed ("\0" keeps the current one, null removes it).</summary>
    string Link(string? area = "\0", string? tool = "\0", string? problem = "\0", string? outcome = "\0", string? year = "\0", int page = 1);
}

internal static class CaseSearchLinks
{
    public static string For(ICaseSearchPage s, string path, string? area, string? tool, string? problem, string? outcome, string? year, int page)
    {
        string? Pick(string? given, string? current) => given == "\0" ? current : given;
        var values = new Dictionary<string, string?>
        {
            ["q"] = s.Q, ["area"] = Pick(area, s.Area), ["tool"] = Pick(tool, s.Tool), ["problem"] = Pick(problem, s.Problem), ["outcome"] = Pick(outcome, s.Outcome?.ToString()),
            ["year"] = Pick(year, s.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ["sort"] = s.Sort == CaseSort.Relevance ? null : s.Sort.ToString(),
            ["p"] = page == 1 ? null : page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(path, values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }
}
