using Cohort.Web.Features.Analytics;

namespace Cohort.UnitTests.Analytics.Statistics;

/// <summary>Complementary suppression: a hidden small group must not come back as "total minus the groups shown".</summary>
public sealed class ComplementarySuppressionTests
{
    private static HashSet<Guid> People(int n) => Enumerable.Range(0, n).Select(_ => Guid.NewGuid()).ToHashSet();

    [Fact]
    public void A_lone_small_group_beside_a_shown_total_takes_the_next_smallest_group_with_it()
    {
        // Teams of 5, 7 and 1 with the total of 13 shown: hiding the 1 alone, 13 - 5 - 7 gives that person back.
        var parts = new List<IReadOnlySet<Guid>> { People(5), People(7), People(1) };
        var total = parts.SelectMany(p => p).ToHashSet();

        var hidden = SmallGroups.Complement(parts, total, [2]);

        // Hiding the team of 5 as well leaves 6 people behind any subtraction.
        Assert.Equal([0, 2], hidden.Order());
    }

    [Fact]
    public void Hidden_groups_that_together_hold_five_or_more_people_need_nothing_more()
    {
        var parts = new List<IReadOnlySet<Guid>> { People(6), People(3), People(2) };
        var total = parts.SelectMany(p => p).ToHashSet();

        Assert.Equal([1, 2], SmallGroups.Complement(parts, total, [1, 2]).Order());
    }

    [Fact]
    public void People_in_no_group_count_as_exposed_too()
    {
        // 5 in a team, 2 without one: the team alone shown beside the total of 7 would give the two away.
        var team = People(5);
        var total = team.Concat(People(2)).ToHashSet();

        Assert.Equal([0], SmallGroups.Complement([team], total, []));
    }

    [Fact]
    public void Overlapping_groups_count_each_person_once()
    {
        // Weeks of learning: the same two people learn in both quiet weeks, so hiding both still exposes only two.
        var busy = People(6);
        var pair = People(2);
        var parts = new List<IReadOnlySet<Guid>> { busy, pair, pair.ToHashSet() };
        var total = busy.Concat(pair).ToHashSet();

        Assert.Equal([0, 1, 2], SmallGroups.Complement(parts, total, [1, 2]).Order());
    }

    [Fact]
    public void Nothing_hidden_stays_nothing_hidden()
    {
        var parts = new List<IReadOnlySet<Guid>> { People(5), People(8) };
        Assert.Empty(SmallGroups.Complement(parts, parts.SelectMany(p => p).ToHashSet(), []));
    }
}
