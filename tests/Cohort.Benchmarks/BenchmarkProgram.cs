namespace Cohort.Benchmarks;

/// <summary>
/// Macro benchmarks of Cohort (see README.md next to this file). Verbs:
/// <c>nudges</c> dispatches N due nudges (also the default when the first argument is an option, as before verbs existed);
/// <c>routes</c> generates the city and national datasets and drives the main routes against their floors;
/// <c>serve</c> is the app under test, started by <c>routes</c> as a child process.
/// </summary>
internal static class BenchmarkProgram
{
    public static Task<int> Main(string[] args) => args switch
    {
        ["nudges", .. var rest] => NudgeBenchmark.RunAsync(rest),
        ["routes", .. var rest] => Routes.RouteBenchmark.RunAsync(rest),
        ["serve", .. var rest] => Routes.BenchHost.RunAsync(rest),
        [] or [['-', ..], ..] => NudgeBenchmark.RunAsync(args),
        _ => Usage(),
    };

    private static async Task<int> Usage()
    {
        await Console.Error.WriteLineAsync("Use: nudges [options] | routes [options] (see tests/Cohort.Benchmarks/README.md).");
        return 2;
    }
}
