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
    /// Complementary suppression. When a total is shown beside its parts, hiding a small part is not enough: the total
    /// minus the parts shown gives it back. Given the people behind each part and behind the total, returns the parts
    /// to hide: those already <paramref name="hidden"/>, plus further parts (fewest people first) until what can be
    /// worked out by subtraction concerns no one or at least <see cref="MinimumSize"/> people. What subtraction reveals
    /// is about the people of the hidden parts and anyone in the total who is in no part at all.
    /// </summary>
    public static IReadOnlySet<int> Complement(IReadOnlyList<IReadOnlySet<Guid>> parts, IReadOnlySet<Guid> total, IEnumerable<int> hidden)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(total);
        ArgumentNullException.ThrowIfNull(hidden);
        var result = hidden.ToHashSet();
        var inSomePart = parts.SelectMany(p => p).ToHashSet();
        var outside = total.Where(p => !inSomePart.Contains(p)).ToList();
        while (true)
        {
            var exposed = result.SelectMany(i => parts[i]).Concat(outside).ToHashSet();
            if (exposed.Count == 0 || !IsSuppressed(exposed.Count))
            {
                return result;
            }

            var next = Enumerable.Range(0, parts.Count).Where(i => !result.Contains(i))
                .OrderBy(i => parts[i].Count).ThenBy(i => i).Cast<int?>().FirstOrDefault();
            if (next is not { } more)
            {
                return result;
            }

            result.Add(more);
        }
    }
}
