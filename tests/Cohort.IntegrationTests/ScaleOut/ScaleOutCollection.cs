namespace Cohort.IntegrationTests.ScaleOut;

/// <summary>
/// The tests that start app processes run one at a time and apart from the rest of the suite: each starts up to three
/// .NET processes, and on a two-core runner several at once would mostly measure each other.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public static class ScaleOutCollection
{
    public const string Name = "Scale-out and fault tests";
}
