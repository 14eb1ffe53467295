using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Cohort.Benchmarks.Routes;

internal sealed record Machine(string Cpu, int Cores, long MemoryMb, string Os, string Dotnet, string? PostgreSql)
{
    /// <summary>The 1, 5 and 15 minute load averages: the machine is shared, so say how busy it was.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    public static Machine Describe()
    {
        static string? Line(string file, string prefix) =>
            File.Exists(file) ? File.ReadLines(file).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?.Split(':', 2)[1].Trim() : null;

        var memory = Line("/proc/meminfo", "MemTotal") is { } kb ? long.Parse(kb.Split(' ')[0], CultureInfo.InvariantCulture) / 1024 : 0;
        return new Machine(Line("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(), Environment.ProcessorCount, memory,
            RuntimeInformation.OSDescription, Environment.Version.ToString(), null);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Cores} cores ({Cpu}), {MemoryMb / 1024.0:F0} GB RAM, {Os}, .NET {Dotnet}{(PostgreSql is null ? "" : ", PostgreSQL " + PostgreSql)}");
}

/// <summary>
/// One route's outcome: <see cref="Result"/> summarises the measured runs (one unless --repeat): requests, errors and
/// seconds summed; req/s, p50, p95 and p99 the medians over the runs; max the highest. <see cref="Floor"/> names the row
/// it is compared with.
/// </summary>
internal sealed record RouteReport(string Name, RouteKind Kind, string Method, string Path, string? Floor, LoadResult Result, IReadOnlyList<LoadResult> Runs)
{
    public double P95Min => Runs.Min(r => r.P95);

    public double P95Max => Runs.Max(r => r.P95);

    public static RouteReport From(Route route, IReadOnlyList<LoadResult> runs)
    {
        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }

        var summary = runs.Count == 1 ? runs[0] : new LoadResult(runs.Sum(r => r.Requests), runs.Sum(r => r.Errors), runs.Sum(r => r.Seconds),
            Median(runs.Select(r => r.RequestsPerSecond)), Median(runs.Select(r => r.P50)), Median(runs.Select(r => r.P95)), Median(runs.Select(r => r.P99)),
            runs.Max(r => r.Max), runs.Select(r => r.FirstError).FirstOrDefault(e => e is not null))
        {
            P90 = Median(runs.Select(r => r.P90)),
            Generator = runs[0].Generator,
        };
        return new RouteReport(route.Name, route.Kind, route.Method, route.Path, route.Floor, summary, runs);
    }
}

internal sealed record RunReport(
    string Provider,
    string Size,
    double? Scale,
    Dictionary<string, long> Rows,
    double GenerateSeconds,
    double ColdStartMs,
    double RssIdleMb,
    double RssUnderLoadMb,
    double RssIdleAfterLoadMb,
    string LoadAverageBefore,
    string LoadAverageAfter,
    string? StartupPhases,
    List<string> FloorChecks,
    List<RouteReport> Routes);

/// <summary>The results of one <c>routes</c> run as JSON (everything) and Markdown (the tables README quotes).</summary>
internal sealed record Report(Machine Machine, string Command, List<RunReport> Runs)
{
    public DateTime At { get; init; } = DateTime.UtcNow;

    /// <summary>tests/Cohort.Benchmarks/results, found upwards from the build output.</summary>
    public static string ResultsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cohort.Benchmarks.csproj")))
            {
                return Path.Combine(dir.FullName, "results");
            }
        }

        return Path.Combine(Environment.CurrentDirectory, "results");
    }

    public async Task<(string Json, string Markdown)> WriteAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        var json = Path.Combine(folder, "routes.json");
        var markdown = Path.Combine(folder, "routes.md");
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(this, new JsonSerializerOptions
        {
            WriteIndented = true,
            Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        }));
        await File.WriteAllTextAsync(markdown, Markdown());
        return (json, markdown);
    }

    public string Markdown()
    {
        var s = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        s.AppendLine(c, $"Measured {At:yyyy-MM-dd HH:mm} UTC on {Machine}.");
        s.AppendLine(c, $"Command: `dotnet run -c Release --project tests/Cohort.Benchmarks -- {Command}`");
        s.AppendLine();
        // With --repeat, the p95 column is the median over the runs and its spread gets a column of its own. With wrk,
        // a p90 column (the percentiles wrk prints are 50/75/90/99) and the generator beside each route's name.
        var repeats = Runs.SelectMany(r => r.Routes).Select(r => r.Runs.Count).DefaultIfEmpty(1).Max();
        var spread = repeats > 1;
        var wrk = Runs.SelectMany(r => r.Routes).Any(r => r.Result.Generator == "wrk");
        s.AppendLine(c, $"| provider | dataset | route | requests | req/s | p50 ms |{(wrk ? " p90 ms |" : "")} p95 ms{(spread ? $" (median of {repeats})" : "")} |{(spread ? " p95 min–max ms |" : "")} p99 ms | errors | × floor (p95) | × city (p95) |");
        s.AppendLine("|---|---|---|---:|---:|---:|" + (wrk ? "---:|" : "") + "---:|" + (spread ? "---:|" : "") + "---:|---:|---:|---:|");
        foreach (var run in Runs)
        {
            foreach (var route in run.Routes)
            {
                var r = route.Result;
                var floor = run.Routes.FirstOrDefault(f => f.Name == route.Floor);
                var city = run.Size == "city" ? null : Runs.FirstOrDefault(x => x.Provider == run.Provider && x.Size == "city")?.Routes.FirstOrDefault(x => x.Name == route.Name);
                var name = wrk ? $"{route.Name} ({r.Generator})" : route.Name;
                var p90 = wrk ? string.Create(c, $" {r.P90:F2} |") : "";
                var range = spread ? string.Create(c, $" {route.P95Min:F2}–{route.P95Max:F2} |") : "";
                s.AppendLine(c, $"| {Provider(run.Provider)} | {Dataset(run)} | {name} | {r.Requests:N0} | {r.RequestsPerSecond:N0} | {r.P50:F2} |{p90} {r.P95:F2} |{range} {r.P99:F2} | {r.Errors} | {Ratio(r.P95, floor?.Result.P95)} | {Ratio(r.P95, city?.Result.P95)} |");
            }
        }

        if (wrk)
        {
            s.AppendLine();
            s.AppendLine("GET routes and their floors driven by wrk (one thread, the same connections as clients): p50, p90 and p99 from its `--latency` distribution, p95 from its own histogram (`latency:percentile(95)` in the script's `done`); the writes by the built-in generator.");
        }

        if (spread)
        {
            s.AppendLine();
            s.AppendLine(c, $"Each route ran {repeats} times after one warm-up: requests and errors are summed over the runs; req/s, p50, p95 and p99 are medians of the runs; the ratios use the median p95.");
        }

        s.AppendLine();
        s.AppendLine("| provider | dataset | rows (programmes / participants / check-ins / nudges / cases) | generated in | cold start to /readyz 200 | RSS idle | RSS peak under load | RSS idle after load | load average before → after |");
        s.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---|");
        foreach (var run in Runs)
        {
            string Rows(string table) => run.Rows.TryGetValue(table, out var n) ? n.ToString("N0", c) : "?";
            s.AppendLine(c, $"| {Provider(run.Provider)} | {Dataset(run)} | {Rows("TrainingPrograms")} / {Rows("Participants")} / {Rows("CheckIns")} / {Rows("Nudges")} / {Rows("Cases")} | {run.GenerateSeconds:F1} s | {run.ColdStartMs:F0} ms | {run.RssIdleMb:F0} MB | {run.RssUnderLoadMb:F0} MB | {run.RssIdleAfterLoadMb:F0} MB | {run.LoadAverageBefore} → {run.LoadAverageAfter} |");
        }

        return s.ToString();
    }

    private static string Provider(string p) => p == "postgres" ? "PostgreSQL" : "SQLite";

    private static string Dataset(RunReport run) =>
        run.Scale is { } scale ? string.Create(CultureInfo.InvariantCulture, $"national × {scale}") : run.Size;

    private static string Ratio(double value, double? baseline) =>
        baseline is { } b && b > 0 && !double.IsNaN(value) ? (value / b).ToString("F2", CultureInfo.InvariantCulture) : "";
}
