using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cohort.IntegrationTests.Features;

/// <summary>
/// Migrations are never half-applied: each one's statements and its history row commit in one transaction. The only
/// statements that cannot be inside it are SQLite's <c>PRAGMA foreign_keys</c> around a table rebuild, so a migration
/// that rebuilds a table holds that one operation and nothing else (EF warns otherwise, as it did for AddCaseLibrary).
/// </summary>
public sealed partial class MigrationSafetyTests
{
    [Fact]
    public async Task Sqlite_migrations_apply_from_empty_with_no_statement_outside_a_migrations_transaction_except_a_lone_rebuild()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        await using var provided = database.Services();
        await using var scope = provided.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CohortDbContext>();

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.DoesNotContain(database.Warnings, w => w.EventId == SqliteRebuildPending);
        var migrations = db.GetService<IMigrationsAssembly>();
        var nonTransactional = database.Warnings.Where(w => w.EventId == RelationalEventId.NonTransactionalMigrationOperationWarning.Id)
            .Select(w => MigrationName().Match(w.Message).Groups[1].Value).Distinct().ToList();
        Assert.All(nonTransactional, name =>
        {
            var id = migrations.Migrations.Keys.Single(k => k.EndsWith("_" + name, StringComparison.Ordinal));
            var operations = migrations.CreateMigration(migrations.Migrations[id], "Microsoft.EntityFrameworkCore.Sqlite").UpOperations;
            Assert.True(operations.Count == 1, $"{name} runs statements outside its transaction (a table rebuild) beside {operations.Count - 1} other operations; give the rebuild a migration of its own.");
        });
    }

    [Fact]
    public async Task A_database_on_which_the_first_form_of_the_case_library_migration_ran_completes_and_finds_cases()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        await using var provided = database.Services();
        await using (var scope = provided.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CohortDbContext>();
            await db.Database.MigrateAsync();
            // The first form of AddCaseLibrary made the foreign key and the search table itself: the state is the same, with
            // the two later migrations not recorded as applied. One case was written and indexed by its triggers.
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" LIKE '%_CaseSourceForeignKey' OR "MigrationId" LIKE '%_CaseSearchIndex'""");
            // And one case whose index row was lost: the migration indexes what is missing.
            await db.Database.ExecuteSqlRawAsync("""DROP TRIGGER "Cases_search_insert" """);
            await InsertCaseAsync(db, "オンライン申請書の受付");
        }

        await using (var scope = provided.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CohortDbContext>();
            await db.Database.MigrateAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            await InsertCaseAsync(db, "窓口の予約システム");

            Assert.Equal(1, await CountMatchesAsync(db, "申請書"));
            Assert.Equal(1, await CountMatchesAsync(db, "予約シ"));
            var foreignKeys = await db.Database.SqlQueryRaw<string>("""SELECT "table" AS "Value" FROM pragma_foreign_key_list('Teams')""").ToListAsync();
            Assert.Contains("Cases", foreignKeys);
        }
    }

    [SkippableFact]
    public async Task Postgres_migrations_apply_from_empty_with_every_statement_inside_a_migrations_transaction()
    {
        var server = await PostgresServer.SharedOrSkipAsync();
        await using var database = await SqliteDatabase.CreateAsync();
        await using var provided = database.Services("postgres", await server.CreateDatabaseAsync("migrations"));
        await using var scope = provided.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CohortDbContext>();

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.DoesNotContain(database.Warnings, w => w.EventId == RelationalEventId.NonTransactionalMigrationOperationWarning.Id);
    }

    private const int SqliteRebuildPending = 30200;

    private static async Task InsertCaseAsync(CohortDbContext db, string title)
    {
        var organization = new Cohort.Web.Domain.Organization { Name = "市 " + title };
        db.Add(new Cohort.Web.Domain.CaseStudy
        {
            Organization = organization,
            Title = title,
            DepartmentArea = "Other",
            ProblemType = "Other",
            AsIs = "紙の申請",
            ToBe = "オンライン",
            Lessons = "小さく始める",
            SearchText = title,
        });
        await db.SaveChangesAsync();
    }

    private static async Task<int> CountMatchesAsync(CohortDbContext db, string word) =>
        (await db.Database.SqlQueryRaw<int>("""SELECT count(*) AS "Value" FROM "CaseSearch" WHERE "CaseSearch" MATCH {0}""", $"\"{word}\"").ToListAsync()).Single();

    [GeneratedRegex("from migration '([A-Za-z0-9]+)'")]
    private static partial Regex MigrationName();

    /// <summary>A data folder (and SQLite file) of its own, with the warnings logged while using it.</summary>
    private sealed class SqliteDatabase : IAsyncDisposable
    {
        private readonly string _dir;

        private SqliteDatabase(string dir) => _dir = dir;

        public ConcurrentBag<(int EventId, string Message)> Warnings { get; } = [];

        public static Task<SqliteDatabase> CreateAsync()
        {
            var dir = Path.Combine(Path.GetTempPath(), "cohort-migrations-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(dir);
            return Task.FromResult(new SqliteDatabase(dir));
        }

        public ServiceProvider Services(string provider = "sqlite", string? connectionString = null)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Cohort:Database:Provider"] = provider,
                ["Cohort:DataDir"] = _dir,
                ["ConnectionStrings:Cohort"] = connectionString ?? $"Data Source={Path.Combine(_dir, "cohort.db")}",
            }).Build();
            var services = new ServiceCollection();
            services.AddSingleton(TimeProvider.System);
            services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddProvider(new WarningSink(Warnings)));
            services.AddCohortDatabase(DatabaseSettings.From(configuration, _dir));
            return services.BuildServiceProvider();
        }

        public ValueTask DisposeAsync()
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_dir, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow runner: the temp folder is the machine's to clean.
            }

            return ValueTask.CompletedTask;
        }
    }

    private sealed class WarningSink(ConcurrentBag<(int EventId, string Message)> warnings) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning)
            {
                warnings.Add((eventId.Id, formatter(state, exception)));
            }
        }

        public void Dispose()
        {
        }
    }
}
