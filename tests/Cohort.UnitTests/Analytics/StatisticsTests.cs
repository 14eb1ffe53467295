using Cohort.Web.Features.Analytics;
using Stats = Cohort.Web.Features.Analytics.Statistics;

// The namespace ends in ".Statistics" so that `--filter "FullyQualifiedName~Analytics.Statistics"` selects these tests;
// inside it the bare name `Statistics` would mean this namespace, hence the `Stats` alias.
namespace Cohort.UnitTests.Analytics.Statistics;

public sealed class DescriptiveTests
{
    [Fact]
    public void Mean_of_a_list_and_NaN_for_an_empty_one()
    {
        // (2 + 4 + 4 + 4 + 5 + 5 + 7 + 9) / 8 = 40 / 8 = 5
        Assert.Equal(5.0, Stats.Mean([2, 4, 4, 4, 5, 5, 7, 9]), 12);
        Assert.True(double.IsNaN(Stats.Mean([])));
    }

    [Fact]
    public void Median_of_an_odd_count_is_the_middle_value_of_the_sorted_list()
    {
        // [5, 1, 3] sorted [1, 3, 5] → 3
        Assert.Equal(3.0, Stats.Median([5, 1, 3]));
        Assert.Equal(7.0, Stats.Median([7]));
    }

    [Fact]
    public void Median_of_an_even_count_is_the_mean_of_the_two_middle_values()
    {
        // [3, 1, 2, 4] sorted [1, 2, 3, 4] → (2 + 3) / 2 = 2.5
        Assert.Equal(2.5, Stats.Median([3, 1, 2, 4]));
        // [10, 4] → 7
        Assert.Equal(7.0, Stats.Median([10, 4]));
    }

    [Fact]
    public void Median_with_ties_needs_no_special_care()
    {
        // [2, 9, 2, 1, 3, 2] sorted [1, 2, 2, 2, 3, 9] → (2 + 2) / 2 = 2
        Assert.Equal(2.0, Stats.Median([2, 9, 2, 1, 3, 2]));
        // [4, 4, 4] → 4; [1, 1, 5, 5] → (1 + 5) / 2 = 3
        Assert.Equal(4.0, Stats.Median([4, 4, 4]));
        Assert.Equal(3.0, Stats.Median([5, 1, 5, 1]));
    }

    [Fact]
    public void Median_leaves_the_input_untouched_and_is_NaN_for_an_empty_list()
    {
        double[] values = [3, 1, 2];
        Stats.Median(values);

        Assert.Equal([3.0, 1.0, 2.0], values);
        Assert.True(double.IsNaN(Stats.Median([])));
    }

    [Fact]
    public void Sample_standard_deviation_divides_by_n_minus_one()
    {
        // mean 5; squared deviations 9 + 1 + 1 + 1 + 0 + 0 + 4 + 16 = 32; 32 / 7 = 4.571429; √ = 2.138090
        Assert.Equal(2.138089935299395, Stats.SampleStandardDeviation([2, 4, 4, 4, 5, 5, 7, 9]), 12);
        // [1, 3]: mean 2, squares 1 + 1 = 2, / 1 → √2
        Assert.Equal(Math.Sqrt(2), Stats.SampleStandardDeviation([1, 3]), 12);
    }

    [Fact]
    public void Sample_standard_deviation_is_NaN_below_two_values()
    {
        Assert.True(double.IsNaN(Stats.SampleStandardDeviation([4])));
        Assert.True(double.IsNaN(Stats.SampleStandardDeviation([])));
    }
}

public sealed class PairedTests
{
    private const double Tolerance = 1e-6;

    private static (double? Pre, double? Post)[] Pairs(double[] pre, double[] post) =>
        pre.Zip(post, (a, b) => ((double?)a, (double?)b)).ToArray();

    [Fact]
    public void Five_learners_hand_computed()
    {
        // pre [2, 3, 3, 4, 2], post [3, 4, 3, 5, 4]
        // pre mean 14/5 = 2.8, post mean 19/5 = 3.8; pre sorted [2,2,3,3,4] → median 3, post sorted [3,3,4,4,5] → 4
        // changes [1, 1, 0, 1, 2]: mean 1, sorted [0,1,1,1,2] → median 1
        // deviations [0, 0, −1, 0, 1], squares sum 2, var 2/4 = 0.5, sd √0.5 = 0.707107
        // d_z = 1 / 0.707107 = 1.414214
        // t(0.975, 4) = 2.776445; change CI 1 ± 2.776445 · 0.707107 / √5 = 1 ± 0.877989 → [0.122011, 1.877989]
        // SE(d) = √(1/5 + 2/(2·5)) = √0.4 = 0.632456; d CI 1.414214 ± 2.776445 · 0.632456 = ± 1.755978
        //   → [−0.341765, 3.170192]
        var result = Stats.Paired(Pairs([2, 3, 3, 4, 2], [3, 4, 3, 5, 4]));

        Assert.Equal(5, result.N);
        Assert.Equal(0, result.ExcludedMissing);
        Assert.Equal(2.8, result.PreMean, Tolerance);
        Assert.Equal(3.8, result.PostMean, Tolerance);
        Assert.Equal(3.0, result.PreMedian);
        Assert.Equal(4.0, result.PostMedian);
        Assert.Equal(1.0, result.MeanChange, Tolerance);
        Assert.Equal(1.0, result.MedianChange);
        Assert.Equal(1.414214, result.EffectSize!.Value, Tolerance);
        Assert.Equal(0.122011, result.ChangeLow!.Value, Tolerance);
        Assert.Equal(1.877989, result.ChangeHigh!.Value, Tolerance);
        Assert.Equal(-0.341765, result.EffectSizeLow!.Value, Tolerance);
        Assert.Equal(3.170192, result.EffectSizeHigh!.Value, Tolerance);
    }

    [Fact]
    public void Ten_learners_hand_computed_where_median_change_differs_from_the_difference_of_medians()
    {
        // pre  [4,5,3,4,4,5,2,3,4,3] sum 37 → mean 3.7; sorted [2,3,3,3,4,4,4,4,5,5] → median (4+4)/2 = 4
        // post [5,5,4,6,4,4,4,3,5,5] sum 45 → mean 4.5; sorted [3,4,4,4,4,5,5,5,5,6] → median (4+5)/2 = 4.5
        // changes [1,0,1,2,0,−1,2,0,1,2] sum 8 → mean 0.8; sorted [−1,0,0,0,1,1,1,2,2,2] → median (1+1)/2 = 1
        //   (post median − pre median would be 0.5)
        // deviations from 0.8 squared: .04 .64 .04 1.44 .64 3.24 1.44 .64 .04 1.44 = 9.6; var 9.6/9 = 1.066667; sd 1.032796
        // d_z = 0.8 / 1.032796 = 0.774597
        // t(0.975, 9) = 2.262157; change CI 0.8 ± 2.262157 · 1.032796 / √10 = 0.8 ± 0.738817 → [0.061183, 1.538817]
        // SE(d) = √(1/10 + 0.6/20) = √0.13 = 0.360555; d CI 0.774597 ± 0.815633 → [−0.041036, 1.590229]
        var result = Stats.Paired(Pairs([4, 5, 3, 4, 4, 5, 2, 3, 4, 3], [5, 5, 4, 6, 4, 4, 4, 3, 5, 5]));

        Assert.Equal(10, result.N);
        Assert.Equal(3.7, result.PreMean, Tolerance);
        Assert.Equal(4.5, result.PostMean, Tolerance);
        Assert.Equal(4.0, result.PreMedian);
        Assert.Equal(4.5, result.PostMedian);
        Assert.Equal(0.8, result.MeanChange, Tolerance);
        Assert.Equal(1.0, result.MedianChange);
        Assert.Equal(0.774597, result.EffectSize!.Value, Tolerance);
        Assert.Equal(0.061183, result.ChangeLow!.Value, Tolerance);
        Assert.Equal(1.538817, result.ChangeHigh!.Value, Tolerance);
        Assert.Equal(-0.041036, result.EffectSizeLow!.Value, Tolerance);
        Assert.Equal(1.590229, result.EffectSizeHigh!.Value, Tolerance);
    }

    [Fact]
    public void Learners_with_a_missing_pre_or_post_answer_are_excluded_and_counted()
    {
        // The five complete pairs of the hand-computed example plus three incomplete ones, which change nothing.
        (double? Pre, double? Post)[] pairs =
        [
            (2, 3), (null, 5), (3, 4), (3, 3), (1, null), (4, 5), (null, null), (2, 4),
        ];

        var result = Stats.Paired(pairs);

        Assert.Equal(5, result.N);
        Assert.Equal(3, result.ExcludedMissing);
        Assert.Equal(2.8, result.PreMean, Tolerance);
        Assert.Equal(3.8, result.PostMean, Tolerance);
        Assert.Equal(1.0, result.MeanChange, Tolerance);
        Assert.Equal(1.414214, result.EffectSize!.Value, Tolerance);
        Assert.Equal(0.122011, result.ChangeLow!.Value, Tolerance);
    }

    [Fact]
    public void All_identical_changes_leave_the_effect_size_undefined_not_infinite()
    {
        // changes [1, 1, 1]: mean 1, sd 0 → d_z undefined; the change interval collapses to [1, 1]
        var result = Stats.Paired(Pairs([1, 2, 3], [2, 3, 4]));

        Assert.Equal(3, result.N);
        Assert.Equal(1.0, result.MeanChange, Tolerance);
        Assert.Null(result.EffectSize);
        Assert.Null(result.EffectSizeLow);
        Assert.Null(result.EffectSizeHigh);
        Assert.Equal(1.0, result.ChangeLow!.Value, Tolerance);
        Assert.Equal(1.0, result.ChangeHigh!.Value, Tolerance);
    }

    [Fact]
    public void Changes_equal_up_to_floating_point_noise_count_as_identical()
    {
        // 0.3 − 0.1, 0.4 − 0.2, 0.9 − 0.7 are 0.19999999999999998, 0.2, 0.20000000000000007 in doubles
        var result = Stats.Paired(Pairs([0.1, 0.2, 0.7], [0.3, 0.4, 0.9]));

        Assert.Equal(0.2, result.MeanChange, Tolerance);
        Assert.Null(result.EffectSize);
    }

    [Fact]
    public void No_change_at_all_also_has_no_effect_size()
    {
        var result = Stats.Paired(Pairs([3, 4, 2, 5, 3], [3, 4, 2, 5, 3]));

        Assert.Equal(0.0, result.MeanChange);
        Assert.Null(result.EffectSize);
        Assert.Equal(0.0, result.ChangeLow);
        Assert.Equal(0.0, result.ChangeHigh);
    }

    [Fact]
    public void A_single_learner_has_figures_but_no_intervals_or_effect()
    {
        var result = Stats.Paired([(2, 4), (3, null)]);

        Assert.Equal(1, result.N);
        Assert.Equal(1, result.ExcludedMissing);
        Assert.Equal(2.0, result.PreMean);
        Assert.Equal(4.0, result.PostMean);
        Assert.Equal(2.0, result.PreMedian);
        Assert.Equal(4.0, result.PostMedian);
        Assert.Equal(2.0, result.MeanChange);
        Assert.Equal(2.0, result.MedianChange);
        Assert.Null(result.EffectSize);
        Assert.Null(result.EffectSizeLow);
        Assert.Null(result.EffectSizeHigh);
        Assert.Null(result.ChangeLow);
        Assert.Null(result.ChangeHigh);
    }

    [Fact]
    public void No_complete_pair_gives_NaN_figures_and_no_intervals()
    {
        var result = Stats.Paired([(null, 4), (3, null)]);

        Assert.Equal(0, result.N);
        Assert.Equal(2, result.ExcludedMissing);
        Assert.True(double.IsNaN(result.PreMean));
        Assert.True(double.IsNaN(result.PostMean));
        Assert.True(double.IsNaN(result.PreMedian));
        Assert.True(double.IsNaN(result.PostMedian));
        Assert.True(double.IsNaN(result.MeanChange));
        Assert.True(double.IsNaN(result.MedianChange));
        Assert.Null(result.EffectSize);
        Assert.Null(result.ChangeLow);
        Assert.Null(result.ChangeHigh);

        var empty = Stats.Paired([]);
        Assert.Equal(0, empty.N);
        Assert.Equal(0, empty.ExcludedMissing);
        Assert.True(double.IsNaN(empty.MeanChange));
    }

    [Fact]
    public void A_decline_gives_a_negative_change_and_effect()
    {
        // Mirror of the five-learner example (pre and post swapped): changes [−1, −1, 0, −1, −2]
        var result = Stats.Paired(Pairs([3, 4, 3, 5, 4], [2, 3, 3, 4, 2]));

        Assert.Equal(-1.0, result.MeanChange, Tolerance);
        Assert.Equal(-1.414214, result.EffectSize!.Value, Tolerance);
        Assert.Equal(-1.877989, result.ChangeLow!.Value, Tolerance);
        Assert.Equal(-0.122011, result.ChangeHigh!.Value, Tolerance);
        Assert.Equal(-3.170192, result.EffectSizeLow!.Value, Tolerance);
        Assert.Equal(0.341765, result.EffectSizeHigh!.Value, Tolerance);
    }
}

public sealed class StudentTTests
{
    [Theory]
    [InlineData(1, 12.7062)]
    [InlineData(2, 4.3027)]
    [InlineData(4, 2.7764)]
    [InlineData(9, 2.2622)]
    [InlineData(29, 2.0452)]
    [InlineData(100, 1.9840)]
    public void Matches_the_table_values(int degreesOfFreedom, double expected)
    {
        Assert.Equal(expected, Stats.StudentTQuantile975(degreesOfFreedom), 1e-4);
    }

    [Theory]
    // Reference values from mpmath (30 digits): root of 1 − ½·I_{ν/(ν+t²)}(ν/2, ½) = 0.975
    [InlineData(1, 12.7062047361747)]
    [InlineData(2, 4.30265272974946)]
    [InlineData(3, 3.18244630528371)]
    [InlineData(4, 2.77644510519779)]
    [InlineData(5, 2.57058183563632)]
    [InlineData(9, 2.26215716279821)]
    [InlineData(10, 2.22813885198627)]
    [InlineData(29, 2.0452296421327)]
    [InlineData(30, 2.04227245630124)]
    [InlineData(100, 1.98397151852355)]
    [InlineData(999, 1.96234146113345)]
    [InlineData(1000, 1.96233908082641)]
    [InlineData(1001, 1.96233670528088)]
    [InlineData(1_000_000, 1.95996635681411)]
    public void Is_accurate_far_beyond_the_table(int degreesOfFreedom, double expected)
    {
        Assert.Equal(expected, Stats.StudentTQuantile975(degreesOfFreedom), 1e-10);
    }

    [Fact]
    public void Tends_to_the_normal_quantile()
    {
        Assert.Equal(1.95996, Stats.StudentTQuantile975(int.MaxValue), 1e-5);
        Assert.Equal(1.959963984540054, Stats.StudentTQuantile975(int.MaxValue), 1e-8);
    }

    [Fact]
    public void Decreases_strictly_with_the_degrees_of_freedom()
    {
        var previous = double.PositiveInfinity;
        for (var df = 1; df <= 2000; df++)
        {
            var t = Stats.StudentTQuantile975(df);
            Assert.True(t < previous && t > 1.959963984540054, $"df {df}: {t} after {previous}");
            previous = t;
        }
    }

    [Fact]
    public void Rejects_zero_degrees_of_freedom()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Stats.StudentTQuantile975(0));
    }
}

public sealed class PearsonTests
{
    [Fact]
    public void Known_set()
    {
        // X [1,2,3,4,5] mean 3, Y [2,4,5,4,5] mean 4
        // dx [−2,−1,0,1,2], dy [−2,0,1,0,1]; Sxy = 4 + 0 + 0 + 0 + 2 = 6, Sxx = 10, Syy = 4 + 0 + 1 + 0 + 1 = 6
        // r = 6 / √(10 · 6) = 6 / √60 = 0.774597
        Assert.Equal(0.774597, Stats.PearsonCorrelation([(1, 2), (2, 4), (3, 5), (4, 4), (5, 5)]), 1e-6);
    }

    [Fact]
    public void Perfect_linear_relations_give_plus_or_minus_one()
    {
        // Y = −2X + 1
        Assert.Equal(-1.0, Stats.PearsonCorrelation([(0, 1), (1, -1), (2, -3), (3, -5)]), 12);
        // minutes against change, Y = X / 60
        Assert.Equal(1.0, Stats.PearsonCorrelation([(60, 1), (120, 2), (30, 0.5)]), 12);
    }

    [Fact]
    public void Unrelated_symmetric_set_gives_zero()
    {
        // X [−1,0,1,0], Y [0,1,0,−1]: Sxy = 0 → r = 0
        Assert.Equal(0.0, Stats.PearsonCorrelation([(-1, 0), (0, 1), (1, 0), (0, -1)]), 12);
    }

    [Fact]
    public void Is_NaN_below_three_points_or_without_variance()
    {
        Assert.True(double.IsNaN(Stats.PearsonCorrelation([(1, 2), (2, 3)])));
        Assert.True(double.IsNaN(Stats.PearsonCorrelation([])));
        Assert.True(double.IsNaN(Stats.PearsonCorrelation([(3, 1), (3, 2), (3, 5)])));
        Assert.True(double.IsNaN(Stats.PearsonCorrelation([(1, 4), (2, 4), (3, 4)])));
    }
}

public sealed class SmallGroupsTests
{
    [Theory]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(4, true)]
    [InlineData(5, false)]
    [InlineData(6, false)]
    [InlineData(100, false)]
    public void Groups_below_five_are_suppressed(int size, bool suppressed)
    {
        Assert.Equal(suppressed, SmallGroups.IsSuppressed(size));
    }
}
