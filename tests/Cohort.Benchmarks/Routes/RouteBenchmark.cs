using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Cohort.Benchmarks.Data;
using Cohort.Web.Data;
using Cohort.Web.Domain.Templates;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Benchmarks.Routes;

/// <summary>
/// <c>routes</c>: for each provider and dataset size, generate the dataset, start the app (<see cref="BenchHost"/>) as a
/// child process on a loopback port, time its cold start to the first 200 from /readyz, read its RSS idle, drive each
/// route and its floor with <see cref="LoadGenerator"/>, read its RSS under load, stop it; then write the report.
/// </summary>
internal static class RouteBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        Options options;
        try
        {
            options = Options.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        var root = Path.Combine(Path.GetTempPath(), "cohort-bench-routes-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var report = new Report(Machine.Describe(), options.Describe(), []);
        var ok = true;
        try
        {
            foreach (var provider in options.Providers)
            {
                ThrowawayPostgres? postgres = null;
                try
                {
                    if (provider == "postgres")
                    {
                        postgres = await ThrowawayPostgres.StartAsync(durable: !options.PgFast);
                        report = report with { Machine = report.Machine with { PostgreSql = await postgres.VersionAsync() } };
                    }

                    foreach (var size in options.Sizes)
                    {
                        var dataDir = Path.Combine(root, $"{provider}-{size.Name}");
                        Directory.CreateDirectory(dataDir);
                        var connection = postgres is null
                            ? $"Data Source={Path.Combine(dataDir, "cohort.db")}"
                            : await postgres.CreateDatabaseAsync($"cohort_{size.Name}");
                        var run = await RunOneAsync(options, provider, size, connection, dataDir);
                        report.Runs.Add(run);
                        ok &= run.Routes.All(r => r.Result.Errors == 0) && run.FloorChecks.All(c => c.StartsWith("ok", StringComparison.Ordinal));
                    }
                }
                finally
                {
                    if (postgres is not null)
                    {
                        await postgres.DisposeAsync();
                    }
                }
            }
        }
        finally
        {
            if (options.Keep)
            {
                Console.WriteLine($"kept {root}");
            }
            else
            {
                Directory.Delete(root, recursive: true);
            }
        }

        var (json, markdown) = await report.WriteAsync(options.Out);
        Console.WriteLine();
        Console.WriteLine(report.Markdown());
        Console.WriteLine($"wrote {json} and {markdown}");
        if (!ok)
        {
            Console.WriteLine("!!!!!!!! ERRORS: some requests failed or a floor does not return the same rows as its route (see above) !!!!!!!!");
        }

        return ok ? 0 : 1;
    }

    private static async Task<RunReport> RunOneAsync(Options options, string provider, DatasetSize size, string connection, string dataDir)
    {
        Console.WriteLine($"== {provider}, {size.Name}{(size.Organizations > 0 ? string.Create(CultureInfo.InvariantCulture, $" (scale {size.Scale})") : "")}");
        var settings = new Dictionary<string, string?>
        {
            ["Cohort:Database:Provider"] = provider,
            ["Cohort:DataDir"] = dataDir,
            ["ConnectionStrings:Cohort"] = connection,
        };

        // Schema through the app's own migrations, then the data in bulk (not timed as part of any route).
        var watch = Stopwatch.StartNew();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None));
        services.AddCohortDatabase(DatabaseSettings.From(configuration, AppContext.BaseDirectory));
        await using var provided = services.BuildServiceProvider();
        TargetIds target;
        Dictionary<string, long> rows;
        await using (var scope = provided.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CohortDbContext>();
            await db.Database.MigrateAsync();
            var templates = new TemplateCatalog(TemplateCatalog.FindTemplatesRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("No templates folder next to the benchmark."));
            await using var writer = await BulkWriter.OpenAsync(db);
            target = await new SyntheticData(templates.Get("two-stage-dx"), writer).WriteAsync(size);
            // Fresh statistics, as PostgreSQL's autovacuum would gather on a server that has run a while. The app never
            // runs ANALYZE or PRAGMA optimize on SQLite, so a real SQLite database has none: SQLite plans here may differ.
            await writer.ExecuteAsync("ANALYZE");
            rows = await CountAsync(writer);
        }

        watch.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated in {watch.Elapsed.TotalSeconds:F1} s: {string.Join(", ", rows.Select(r => $"{r.Key} {r.Value:N0}"))}"));

        var loadBefore = Machine.LoadAverage();
        var port = FreePort();
        var appSettings = new Dictionary<string, string?>(settings);
        if (options.LogSql)
        {
            // Every command with its duration in app.log (kept): where a slow route spends its time. Slows every route.
            appSettings["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information";
        }

        await using var app = await AppProcess.StartAsync(appSettings, port, Path.Combine(dataDir, "app.log"));
        // No cookie jar and no redirects: pages send the sign-in cookie themselves, and a redirect (to the login form) is an error.
        using var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Concurrency * 2,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            AllowAutoRedirect = false,
        })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        var coldStart = await app.WaitReadyAsync(client, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cold start to first 200 from /readyz: {coldStart.TotalMilliseconds:F0} ms ({app.StartupPhases})"));
        var idle = app.ResidentMegabytes();

        // The pages' users sign in through the login form once; their cookies are then sent with every page request.
        var cookies = new PageCookies(
            await PageSignIn.SignInAsync(client, target.Users[0].Email, SyntheticData.Password),
            await PageSignIn.SignInAsync(client, target.Users[1].Email, SyntheticData.Password));
        var checks = await FloorChecks.RunAsync(client, target, cookies, new RowReader(provider == "postgres", connection));
        foreach (var check in checks)
        {
            Console.WriteLine(check);
        }

        var routes = new List<RouteReport>();
        var generator = new LoadGenerator(client);
        using var sampler = new PeakSampler(app);
        foreach (var route in RouteCatalog.All(target, cookies))
        {
            // With --load wrk, wrk drives the GET routes; the writes (and everything without it) keep the built-in generator.
            Task<LoadResult> Drive(TimeSpan duration) => options.Wrk is { } wrk && route.Wrk is { } plan
                ? WrkLoad.RunAsync(wrk, client.BaseAddress!, plan, options.Concurrency, duration, options.MaxRequests, dataDir)
                : generator.RunAsync(route.Request, options.Concurrency, duration, options.MaxRequests);

            // Warm-up (JIT, pools, caches) is thrown away; then the measured runs, back to back.
            await Drive(options.Warmup);
            var runs = new List<LoadResult>();
            for (var i = 0; i < options.Repeat; i++)
            {
                var result = await Drive(options.Duration);
                runs.Add(result);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {route.Name,-22}{(options.Repeat > 1 ? $" #{i + 1}" : "")} {result.Generator,-7} {result.Requests,7} req {result.RequestsPerSecond,8:F0}/s  p50 {result.P50,7:F2}  p90 {result.P90,7:F2}  p95 {result.P95,7:F2}  p99 {result.P99,7:F2} ms  errors {result.Errors}{(result.FirstError is null ? "" : "  first: " + result.FirstError)}"));
            }

            routes.Add(RouteReport.From(route, runs));
        }

        var underLoad = sampler.Peak;
        await Task.Delay(TimeSpan.FromSeconds(2));
        var idleAfter = app.ResidentMegabytes();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RSS: idle after start {idle:F0} MB, peak under load {underLoad:F0} MB, idle after load {idleAfter:F0} MB"));
        return new RunReport(provider, size.Name, size.Organizations > 0 ? size.Scale : null, rows, watch.Elapsed.TotalSeconds, coldStart.TotalMilliseconds, idle, underLoad, idleAfter, loadBefore, Machine.LoadAverage(), app.StartupPhases, checks, routes);
    }

    private static async Task<Dictionary<string, long>> CountAsync(BulkWriter writer)
    {
        var counts = new Dictionary<string, long>();
        foreach (var table in new[] { "Organizations", "TrainingPrograms", "Teams", "Participants", "CheckIns", "ActionItems", "Submissions", "Nudges", "Cases" })
        {
            counts[table] = await writer.CountAsync(table);
        }

        return counts;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Samples the app's RSS every 100 ms while routes run; keeps the highest.</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly Timer _timer;

        public PeakSampler(AppProcess app) => _timer = new Timer(_ => Peak = app.ResidentMegabytes() is var mb && !double.IsNaN(mb) ? Math.Max(Peak, mb) : Peak, null, 0, 100);

        public double Peak { get; private set; }

        public void Dispose() => _timer.Dispose();
    }

    internal sealed record Options(
        IReadOnlyList<string> Providers,
        IReadOnlyList<DatasetSize> Sizes,
        double Scale,
        int Concurrency,
        TimeSpan Warmup,
        TimeSpan Duration,
        long MaxRequests,
        bool PgFast,
        bool Keep,
        bool LogSql,
        int Repeat,
        string? Wrk,
        string Out)
    {
        public static Options Parse(string[] args)
        {
            string[] providers = ["sqlite"];
            string[] sizes = ["city", "national"];
            var scale = 0.01;
            var options = new Options([], [], 0, 2, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), 50_000, false, false, false, 1, null, Report.ResultsFolder());
            for (var i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                double Number() => double.Parse(Value(), CultureInfo.InvariantCulture);
                switch (args[i])
                {
                    case "--provider":
                        providers = Value() switch
                        {
                            "sqlite" => ["sqlite"],
                            "postgres" or "postgresql" => ["postgres"],
                            "both" => ["sqlite", "postgres"],
                            _ => throw new ArgumentException("--provider is sqlite, postgres or both."),
                        };
                        break;
                    case "--size":
                        sizes = Value() switch
                        {
                            "city" => ["city"],
                            "national" => ["national"],
                            "both" => ["city", "national"],
                            _ => throw new ArgumentException("--size is city, national or both."),
                        };
                        break;
                    case "--scale":
                        scale = Number();
                        break;
                    case "--concurrency":
                        options = options with { Concurrency = (int)Number() };
                        break;
                    case "--warmup":
                        options = options with { Warmup = TimeSpan.FromSeconds(Number()) };
                        break;
                    case "--duration":
                        options = options with { Duration = TimeSpan.FromSeconds(Number()) };
                        break;
                    case "--max-requests":
                        options = options with { MaxRequests = (long)Number() };
                        break;
                    case "--pg-fast":
                        options = options with { PgFast = true };
                        break;
                    case "--keep":
                        options = options with { Keep = true };
                        break;
                    case "--log-sql":
                        options = options with { LogSql = true, Keep = true };
                        break;
                    case "--repeat":
                        options = options with { Repeat = (int)Number() };
                        break;
                    case "--load":
                        options = options with
                        {
                            Wrk = Value() switch
                            {
                                "builtin" => null,
                                "wrk" => WrkLoad.Find() ?? throw new ArgumentException("--load wrk: wrk is not on PATH (apt-get install wrk)."),
                                _ => throw new ArgumentException("--load is builtin or wrk."),
                            },
                        };
                        break;
                    case "--out":
                        options = options with { Out = Path.GetFullPath(Value()) };
                        break;
                    default:
                        throw new ArgumentException($"Unknown option {args[i]}. Options: --provider sqlite|postgres|both, --size city|national|both, --scale F, --concurrency C, --warmup S, --duration S, --max-requests N, --repeat N, --load builtin|wrk, --pg-fast, --keep, --log-sql, --out DIR.");
                }
            }

            if (scale is <= 0 or > 1 || options.Concurrency < 1 || options.Duration <= TimeSpan.Zero || options.MaxRequests < 1 || options.Repeat < 1)
            {
                throw new ArgumentException("Need 0 < --scale <= 1, --concurrency >= 1, --duration > 0, --max-requests >= 1, --repeat >= 1.");
            }

            return options with
            {
                Providers = providers,
                Sizes = sizes.Select(s => s == "city" ? DatasetSize.City : DatasetSize.National(scale)).ToList(),
                Scale = scale,
            };
        }

        public string Describe() => string.Create(CultureInfo.InvariantCulture,
            $"routes --provider {string.Join('+', Providers)} --size {string.Join('+', Sizes.Select(s => s.Name))} --scale {Scale} --concurrency {Concurrency} --warmup {Warmup.TotalSeconds} --duration {Duration.TotalSeconds} --max-requests {MaxRequests}{(Repeat > 1 ? $" --repeat {Repeat}" : "")}{(Wrk is null ? "" : " --load wrk")}{(PgFast ? " --pg-fast" : "")}");
    }
}
