using Cohort.Benchmarks.Data;
using Cohort.Web.Data;
using Cohort.Web.Infrastructure.Files;
using Cohort.Web.Infrastructure.Hosting;
using Cohort.Web.Infrastructure.Mail;
using Microsoft.AspNetCore.Builder;

namespace Cohort.Benchmarks.Routes;

/// <summary>
/// The app under test, as a child process of the route benchmark (<c>serve</c> verb): composed exactly as
/// src/Cohort.Web/Program.cs does (same extension methods, same order), plus two things the shipped app does not have:
/// a clock fixed to the dataset's anchor day, and the floor endpoints under <c>/bench/floor</c>. Configuration comes
/// from environment variables set by <see cref="RouteBenchmark"/>. Keep this in step with Program.cs.
/// </summary>
internal static class BenchHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        // Where the cold start goes, step by step, for the report (AppProcess reads the "startup:" line).
        var phases = new List<(string Step, double Ms)>();
        var step = System.Diagnostics.Stopwatch.StartNew();
        void Lap(string name)
        {
            phases.Add((name, step.Elapsed.TotalMilliseconds));
            step.Restart();
        }

        var sinceProcessStart = DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // Razor pages, API endpoints and static assets are discovered from the app's assembly and content root.
            ApplicationName = "Cohort.Web",
            ContentRootPath = AppContentRoot(),
        });
        var database = DatabaseSettings.From(builder.Configuration, builder.Environment.ContentRootPath);
        Lap("builder");

        builder.Services.AddCohortDatabase(database);
        builder.Services.AddCohortApplication(builder.Configuration, builder.Environment);
        builder.Services.AddCohortWeb(database);
        builder.Services.AddCohortRateLimits(builder.Configuration);
        builder.Services.AddCohortJobs(builder.Configuration, database);
        builder.Services.AddCohortMail(builder.Configuration, database.DataDir);
        builder.Services.AddCohortFiles(builder.Configuration, database.DataDir);
        builder.Services.AddCohortTelemetry(builder.Configuration);
        builder.Services.AddSingleton<TimeProvider>(new ShiftedClock(SyntheticData.Anchor));
        Lap("services");

        var app = builder.Build();
        Lap("build");
        await Startup.PrepareDatabaseAsync(app);
        Lap("prepare database");
        app.UseCohortPipeline();
        app.MapCohortEndpoints();
        Floors.Map(app, database.Provider);
        Lap("pipeline");
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            Lap("start (hosted services, Kestrel)");
            Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"startup: runtime to Main {sinceProcessStart.TotalMilliseconds:F0} ms, {string.Join(", ", phases.Select(p => $"{p.Step} {p.Ms:F0} ms"))}"));
        });
        await app.RunAsync();
        return 0;
    }

    /// <summary>src/Cohort.Web, found upwards from the build output (wwwroot, Resources); the output folder otherwise.</summary>
    private static string AppContentRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Cohort.Web");
            if (File.Exists(Path.Combine(candidate, "Cohort.Web.csproj")))
            {
                return candidate;
            }
        }

        return AppContext.BaseDirectory;
    }
}

/// <summary>Real time, shifted so the run starts at <paramref name="start"/> and keeps moving.</summary>
internal sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
{
    private readonly TimeSpan _offset = start - DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + _offset;
}
