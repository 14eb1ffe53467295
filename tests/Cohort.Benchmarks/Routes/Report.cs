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

internal sealed record RouteReport(string Name, string Method, string Path, string? FloorOf, LoadResult Result);

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
        s.AppendLine("| provider | dataset | route | requests | req/s | p50 ms | p95 ms | p99 ms | errors | × floor (p95) | × city (p95) |");
        s.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var run in Runs)
        {
            foreach (var route in run.Routes)
            {
                var r = route.Result;
                var floor = run.Routes.FirstOrDefault(f => f.FloorOf == route.Name);
                var city = run.Size == "city" ? null : Runs.FirstOrDefault(x => x.Provider == run.Provider && x.Size == "city")?.Routes.FirstOrDefault(x => x.Name == route.Name);
                s.AppendLine(c, $"| {Provider(run.Provider)} | {Dataset(run)} | {route.Name} | {r.Requests:N0} | {r.RequestsPerSecond:N0} | {r.P50:F2} | {r.P95:F2} | {r.P99:F2} | {r.Errors} | {Ratio(r.P95, floor?.Result.P95)} | {Ratio(r.P95, city?.Result.P95)} |");
            }
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
