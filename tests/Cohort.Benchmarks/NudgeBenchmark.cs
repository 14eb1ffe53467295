using System.Diagnostics;
using System.Globalization;
using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Features.Nudges;
using Cohort.Web.Infrastructure.Hosting;
using Cohort.Web.Infrastructure.Mail;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.FileProviders;

namespace Cohort.Benchmarks;

/// <summary>
/// Macro benchmark: dispatch N due nudges to the in-app and e-mail channels (see README.md next to this file).
/// Usage: <c>dotnet run -c Release --project tests/Cohort.Benchmarks -- nudges [--provider sqlite|postgres] [--count N]
/// [--recipients R] [--layout grouped|interleaved] [--profile-sql] [--pg-fast] [--keep] [--hangfire-jobs N]</c>.
/// </summary>
internal static class NudgeBenchmark
{
    private const int SeedBatch = 5_000;

    /// <summary>A Wednesday, 12:00 in Tokyo: a working day, so the calendar never defers (hours are 0–24 anyway).</summary>
    private static readonly DateTimeOffset Noon = new(2026, 6, 10, 3, 0, 0, TimeSpan.Zero);

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

        var root = Path.Combine(Path.GetTempPath(), "cohort-bench-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        ThrowawayPostgres? postgres = null;
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["Cohort:DataDir"] = Path.Combine(root, "data"),
                ["Cohort:Mail:Folder"] = Path.Combine(root, "mail"),
                ["Cohort:Jobs:RunServer"] = "false",
                ["Cohort:Database:Provider"] = options.Provider,
            };
            if (options.Provider == "postgres")
            {
                postgres = await ThrowawayPostgres.StartAsync(durable: !options.PgFast);
                settings["ConnectionStrings:Cohort"] = postgres.ConnectionString("cohort_bench");
            }

            return await RunAsync(options, settings, Path.Combine(root, "mail"));
        }
        finally
        {
            if (postgres is not null)
            {
                await postgres.DisposeAsync();
            }

            if (options.Keep)
            {
                Console.WriteLine($"kept {root}");
            }
            else
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static async Task<int> RunAsync(Options options, Dictionary<string, string?> settings, string mailFolder)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var contentRoot = AppContext.BaseDirectory;
        var database = DatabaseSettings.From(configuration, contentRoot);
        var profile = options.ProfileSql ? new SqlProfile() : null;

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b =>
        {
            b.SetMinimumLevel(LogLevel.Warning);
            b.AddSimpleConsole(o => o.SingleLine = true);
            // MigrateAsync on an empty database logs a failed read of the history table; failures still throw.
            b.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None);
            if (profile is not null)
            {
                b.AddProvider(profile);
                b.AddFilter<SqlProfile>("Microsoft.EntityFrameworkCore.Database", LogLevel.Debug);
            }
        });
        services.AddCohortDatabase(database);
        services.AddCohortApplication(configuration, new BenchEnvironment(contentRoot));
        services.AddCohortMail(configuration, database.DataDir);
        // The app's job storage for this provider, without its server (the baseline below runs its own).
        services.AddCohortJobs(configuration, database);
        var clock = new Routes.ShiftedClock(Noon);
        services.AddSingleton<TimeProvider>(clock);

        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Cohort nudge dispatch benchmark: provider={options.Provider}{(options.Provider == "postgres" ? options.PgFast ? " (fsync off)" : " (durable defaults)" : "")}, count={options.Count}, recipients={options.Recipients}, layout={options.Layout}, {Environment.ProcessorCount} cores, .NET {Environment.Version}"));

        var loadBefore = Routes.Machine.LoadAverage();
        var seed = Stopwatch.StartNew();
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CohortDbContext>();
            await db.Database.MigrateAsync();
            await SeedAsync(db, options, clock.GetUtcNow().UtcDateTime);
        }

        seed.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded in {seed.Elapsed.TotalSeconds:F1} s (not measured below)"));
        Console.WriteLine();

        var rows = new List<(string Phase, long Rows, TimeSpan Elapsed, long PeakWorkingSet, string Note)>();

        // (a) Dispatch: claim, mark sent, notifications, queue digests — batch by batch until nothing is left.
        profile?.Reset();
        var dispatched = new NudgeDispatcher.RunResult(0, 0, 0);
        var batches = 0;
        var watch = Stopwatch.StartNew();
        while (true)
        {
            await using var scope = provider.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<NudgeDispatcher>().DispatchBatchAsync();
            if (result.Sent + result.Deferred == 0)
            {
                break;
            }

            batches++;
            dispatched = new NudgeDispatcher.RunResult(dispatched.Sent + result.Sent, dispatched.Deferred + result.Deferred, dispatched.Mails + result.Mails);
        }

        watch.Stop();
        rows.Add(("dispatch (DispatchBatchAsync)", dispatched.Sent, watch.Elapsed, PeakWorkingSet(), $"{batches} batches, {dispatched.Mails} mails queued, {dispatched.Deferred} deferred"));
        if (profile is not null)
        {
            Console.WriteLine("dispatch, by statement:");
            profile.Print(Console.Out);
            profile.Reset();
        }

        // (b) Delivery: render the Liquid digests and write .eml files, 200 per call, until none is due.
        long delivered = 0;
        var calls = 0;
        watch.Restart();
        while (true)
        {
            await using var scope = provider.CreateAsyncScope();
            var sent = await scope.ServiceProvider.GetRequiredService<MailOutbox>().DeliverDueAsync();
            if (sent == 0)
            {
                break;
            }

            calls++;
            delivered += sent;
        }

        watch.Stop();
        rows.Add(("deliver (MailOutbox.DeliverDueAsync)", delivered, watch.Elapsed, PeakWorkingSet(), $"{calls} calls"));
        if (profile is not null)
        {
            Console.WriteLine("deliver, by statement:");
            profile.Print(Console.Out);
            Console.WriteLine();
        }

        // (c) Baseline: as many empty Hangfire jobs as --hangfire-jobs, through the same storage.
        if (options.HangfireJobs > 0)
        {
            var (enqueue, run) = await HangfireBaseline.RunAsync(provider.GetRequiredService<Hangfire.JobStorage>(), options.HangfireJobs);
            rows.Add(("hangfire: enqueue empty jobs", options.HangfireJobs, enqueue, PeakWorkingSet(), "BackgroundJobClient.Enqueue, one by one"));
            rows.Add(("hangfire: run empty jobs", options.HangfireJobs, run, PeakWorkingSet(), $"{Math.Max(2, Environment.ProcessorCount)} workers, server start to all succeeded"));
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"dispatch rate / empty-job rate: {dispatched.Sent / rows[0].Elapsed.TotalSeconds / (options.HangfireJobs / run.TotalSeconds):F2}"));
        }

        PrintTable(rows);
        var verdict = await VerifyAsync(provider, options, dispatched, delivered, mailFolder);
        await WriteResultsAsync(options, rows, loadBefore, verdict == 0);
        return verdict;
    }

    private static async Task SeedAsync(CohortDbContext db, Options options, DateTime now)
    {
        var organization = new Organization { Name = "ベンチマーク市" };
        var program = new TrainingProgram
        {
            OrganizationId = organization.Id,
            Title = "DX研修 2026",
            TemplateKey = "bench",
            StartDate = DateOnly.FromDateTime(now).AddMonths(-2),
            WorkdayStartHour = 0,
            WorkdayEndHour = 24,
        };
        var teams = Enumerable.Range(1, 40).Select(i => new Team { ProgramId = program.Id, Name = $"チーム{i:D2} 窓口改善" }).ToList();
        db.Organizations.Add(organization);
        db.Programs.Add(program);
        db.Teams.AddRange(teams);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var users = new List<Guid>(options.Recipients);
        for (var start = 0; start < options.Recipients; start += SeedBatch)
        {
            for (var i = start; i < Math.Min(start + SeedBatch, options.Recipients); i++)
            {
                var email = $"user{i:D6}@bench.example.jp";
                var user = new AppUser
                {
                    Id = Guid.NewGuid(),
                    UserName = email,
                    NormalizedUserName = email.ToUpperInvariant(),
                    Email = email,
                    NormalizedEmail = email.ToUpperInvariant(),
                    EmailConfirmed = true,
                    SecurityStamp = Guid.NewGuid().ToString("N"),
                    DisplayName = $"職員 {i}",
                    Language = i % 4 == 0 ? "en" : "ja",
                    CreatedAt = now,
                };
                users.Add(user.Id);
                db.Users.Add(user);
            }

            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        // grouped: a recipient's nudges are adjacent in DueAt order (one second apart per recipient), so a 500-row
        // batch holds whole recipients and each gets about one digest. interleaved: every nudge due at the same
        // working morning (as the planner makes them) and written subject by subject, so recipients alternate.
        var morning = now.AddHours(-3);
        for (var start = 0; start < options.Count; start += SeedBatch)
        {
            for (var i = start; i < Math.Min(start + SeedBatch, options.Count); i++)
            {
                int recipient;
                DateTime dueAt;
                if (options.Layout == "grouped")
                {
                    recipient = (int)((long)i * options.Recipients / options.Count);
                    dueAt = morning.AddSeconds(recipient);
                }
                else
                {
                    recipient = i % options.Recipients;
                    dueAt = morning;
                }

                var kind = i % 2 == 0 ? NudgeKind.CheckInDue : NudgeKind.CheckInOverdue;
                var team = teams[i % teams.Count];
                db.Nudges.Add(new Nudge
                {
                    ProgramId = program.Id,
                    RecipientUserId = users[recipient],
                    Kind = kind,
                    SubjectId = team.Id,
                    SubjectDate = DateOnly.FromDateTime(now).AddDays(-(i % 30)),
                    DedupeKey = $"bench:{i}",
                    DueAt = dueAt,
                    State = NudgeState.Pending,
                    CreatedAt = now.AddDays(-1),
                });
            }

            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
    }

    private static async Task<int> VerifyAsync(ServiceProvider provider, Options options, NudgeDispatcher.RunResult dispatched, long delivered, string mailFolder)
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CohortDbContext>();
        var notifications = await db.Notifications.LongCountAsync();
        var mails = await db.MailDeliveries.LongCountAsync();
        var mailsSent = await db.MailDeliveries.LongCountAsync(m => m.State == MailState.Sent);
        var pending = await db.Nudges.LongCountAsync(n => n.State == NudgeState.Pending);
        var files = Directory.Exists(mailFolder) ? Directory.EnumerateFiles(mailFolder, "*.eml").LongCount() : 0;

        // One digest per recipient: batches are chosen by recipient, so no batch boundary splits a person's nudges.
        var checks = new (string What, long Actual, string Expected, bool Ok)[]
        {
            ("nudges sent", dispatched.Sent, $"{options.Count}", dispatched.Sent == options.Count),
            ("nudges still pending", pending, "0", pending == 0),
            ("notifications", notifications, $"{options.Count}", notifications == options.Count),
            ("mail deliveries", mails, $"{options.Recipients} (one per recipient)", mails == options.Recipients),
            ("mail deliveries sent", mailsSent, $"= mail deliveries ({mails})", mailsSent == mails && delivered == mails),
            (".eml files", files, $"= mail deliveries ({mails})", files == mails),
        };

        Console.WriteLine();
        var ok = true;
        foreach (var (what, actual, expected, good) in checks)
        {
            ok &= good;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(good ? "ok      " : "MISMATCH")}  {what,-22} {actual,9}   expected {expected}"));
        }

        if (!ok)
        {
            Console.WriteLine();
            Console.WriteLine("!!!!!!!! MISMATCH: the results above are not what the dispatcher promises !!!!!!!!");
        }

        return ok ? 0 : 1;
    }

    /// <summary>results/nudges-{provider}.json and .md: the table above, the machine and the command.</summary>
    private static async Task WriteResultsAsync(Options options, List<(string Phase, long Rows, TimeSpan Elapsed, long PeakWorkingSet, string Note)> rows, string loadBefore, bool verified)
    {
        var machine = Routes.Machine.Describe();
        var command = string.Create(CultureInfo.InvariantCulture,
            $"nudges --provider {options.Provider} --count {options.Count} --recipients {options.Recipients} --layout {options.Layout} --hangfire-jobs {options.HangfireJobs}{(options.PgFast ? " --pg-fast" : "")}");
        var table = rows.Select(r => new { r.Phase, r.Rows, Seconds = r.Elapsed.TotalSeconds, RowsPerSecond = r.Rows / Math.Max(r.Elapsed.TotalSeconds, 1e-9), PeakWorkingSetMb = r.PeakWorkingSet / 1024 / 1024, r.Note }).ToList();
        var folder = Routes.Report.ResultsFolder();
        Directory.CreateDirectory(folder);
        var name = Path.Combine(folder, $"nudges-{options.Provider}");
        var at = DateTime.UtcNow;
        var loadAfter = Routes.Machine.LoadAverage();
        await File.WriteAllTextAsync(name + ".json", System.Text.Json.JsonSerializer.Serialize(
            new { At = at, Machine = machine, Command = command, LoadAverageBefore = loadBefore, LoadAverageAfter = loadAfter, Verified = verified, Phases = table },
            new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        var md = new System.Text.StringBuilder();
        var c = CultureInfo.InvariantCulture;
        md.AppendLine(c, $"Measured {at:yyyy-MM-dd HH:mm} UTC on {machine}; load average {loadBefore} → {loadAfter}; checks {(verified ? "passed" : "FAILED")}.");
        md.AppendLine(c, $"Command: `dotnet run -c Release --project tests/Cohort.Benchmarks -- {command}`");
        md.AppendLine();
        md.AppendLine("| phase | rows | seconds | rows/s | peak working set | note |");
        md.AppendLine("|---|---:|---:|---:|---:|---|");
        foreach (var r in table)
        {
            md.AppendLine(c, $"| {r.Phase} | {r.Rows:N0} | {r.Seconds:F1} | {r.RowsPerSecond:N0} | {r.PeakWorkingSetMb} MB | {r.Note} |");
        }

        await File.WriteAllTextAsync(name + ".md", md.ToString());
        Console.WriteLine($"wrote {name}.json and {name}.md");
    }

    private static void PrintTable(List<(string Phase, long Rows, TimeSpan Elapsed, long PeakWorkingSet, string Note)> rows)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"phase",-38} {"rows",9} {"seconds",9} {"rows/s",9} {"peak WS",9}  note"));
        foreach (var (phase, count, elapsed, peak, note) in rows)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{phase,-38} {count,9} {elapsed.TotalSeconds,9:F1} {count / Math.Max(elapsed.TotalSeconds, 1e-9),9:F0} {peak / 1024 / 1024,6} MB  {note}"));
        }
    }

    /// <summary>Highest resident set of the process so far (VmHWM on Linux).</summary>
    private static long PeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    private sealed record Options(string Provider, int Count, int Recipients, string Layout, bool ProfileSql, bool PgFast, bool Keep, int HangfireJobs)
    {
        public static Options Parse(string[] args)
        {
            var options = new Options("sqlite", 100_000, 5_000, "grouped", false, false, false, 10_000);
            for (var i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                options = args[i] switch
                {
                    "--provider" => options with { Provider = ProviderName(Value()) },
                    "--count" => options with { Count = int.Parse(Value(), CultureInfo.InvariantCulture) },
                    "--recipients" => options with { Recipients = int.Parse(Value(), CultureInfo.InvariantCulture) },
                    "--layout" => options with { Layout = LayoutName(Value()) },
                    "--profile-sql" => options with { ProfileSql = true },
                    "--pg-fast" => options with { PgFast = true },
                    "--keep" => options with { Keep = true },
                    "--hangfire-jobs" => options with { HangfireJobs = int.Parse(Value(), CultureInfo.InvariantCulture) },
                    _ => throw new ArgumentException($"Unknown option {args[i]}. Options: --provider sqlite|postgres, --count N, --recipients R, --layout grouped|interleaved, --profile-sql, --pg-fast, --keep, --hangfire-jobs N."),
                };
            }

            if (options.Count < 1 || options.Recipients < 1 || options.Recipients > options.Count)
            {
                throw new ArgumentException("Need 1 <= --recipients <= --count.");
            }

            return options;
        }

        private static string ProviderName(string value) => value.ToUpperInvariant() switch
        {
            "SQLITE" => "sqlite",
            "POSTGRES" or "POSTGRESQL" => "postgres",
            _ => throw new ArgumentException("--provider is sqlite or postgres."),
        };

        private static string LayoutName(string value) =>
            value is "grouped" or "interleaved" ? value : throw new ArgumentException("--layout is grouped or interleaved.");
    }

    private sealed class BenchEnvironment(string contentRoot) : IWebHostEnvironment
    {
        public string WebRootPath { get; set; } = contentRoot;

        public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();

        public string ApplicationName { get; set; } = "Cohort.Web";

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();

        public string ContentRootPath { get; set; } = contentRoot;

        public string EnvironmentName { get; set; } = "Production";
    }
}
