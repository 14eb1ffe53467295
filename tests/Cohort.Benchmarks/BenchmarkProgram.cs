namespace Cohort.Benchmarks;

/// <summary>
/// Macro benchmarks of Cohort (see README.md next to this file). Verbs:
/// <c>nudges</c> dispatches N due nudges (also the default when the first argument is an option, as before verbs existed);
/// <c>routes</c> generates the city and national datasets and drives the main routes against their floors;
/// <c>all</c> runs both on both providers;
/// <c>serve</c> is the app under test, started by <c>routes</c> as a child process.
/// </summary>
internal static class BenchmarkProgram
{
    public static Task<int> Main(string[] args) => args switch
    {
        ["nudges", .. var rest] => NudgeBenchmark.RunAsync(rest),
        ["routes", .. var rest] => Routes.RouteBenchmark.RunAsync(rest),
        ["serve", .. var rest] => Routes.BenchHost.RunAsync(rest),
        ["all", .. var rest] => AllAsync(rest),
        [] or [['-', ..], ..] => NudgeBenchmark.RunAsync(args),
        _ => Usage(),
    };

    /// <summary>
    /// Everything the issue asks for in one run: routes on both providers and both sizes (options such as --scale and
    /// --duration pass through), then the nudge dispatch with its Hangfire baseline on each provider.
    /// </summary>
    private static async Task<int> AllAsync(string[] routeOptions)
    {
        var worst = await Routes.RouteBenchmark.RunAsync(["--provider", "both", "--size", "both", .. routeOptions]);
        foreach (var (provider, emptyJobs) in new[] { ("sqlite", "10000"), ("postgres", "2000") })
        {
            worst = Math.Max(worst, await NudgeBenchmark.RunAsync(["--provider", provider, "--hangfire-jobs", emptyJobs]));
        }

        return worst;
    }

    private static async Task<int> Usage()
    {
        await Console.Error.WriteLineAsync("Use: nudges [options] | routes [options] | all [route options] (see tests/Cohort.Benchmarks/README.md).");
        return 2;
    }
}
