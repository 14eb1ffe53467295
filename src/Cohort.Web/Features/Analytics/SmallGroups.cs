namespace Cohort.Web.Features.Analytics;

/// <summary>
/// Privacy rule for aggregates and exports: any group with fewer than <see cref="MinimumSize"/> people is shown as
/// suppressed, never with its figures, so that no individual learner's answers can be read off or inferred.
/// </summary>
public static class SmallGroups
{
    /// <summary>The smallest group whose figures may be shown.</summary>
    public const int MinimumSize = 5;

    /// <summary>True when a group of <paramref name="n"/> people must be shown as suppressed (n &lt; 5).</summary>
    public static bool IsSuppressed(int n) => n < MinimumSize;

    /// <summary>
    /// Returns the groups in their order, each group smaller than <see cref="MinimumSize"/> (by <paramref name="size"/>)
    /// replaced by <paramref name="suppress"/>(group) — typically a copy with its figures removed and a suppressed flag.
    /// </summary>
    public static IReadOnlyList<T> SuppressSmall<T>(IEnumerable<T> groups, Func<T, int> size, Func<T, T> suppress)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(size);
        ArgumentNullException.ThrowIfNull(suppress);
        return groups.Select(g => IsSuppressed(size(g)) ? suppress(g) : g).ToList();
    }
}
