using Cohort.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Cohort.UnitTests.Conventions;

/// <summary>
/// The model and each provider's migrations snapshot must agree, and both providers must have the same migrations.
/// Building the contexts opens no connection.
/// </summary>
public sealed class ModelSnapshotTests
{
    public static TheoryData<string> Providers => ["Sqlite", "Postgres"];

    [Theory]
    [MemberData(nameof(Providers))]
    public void Model_has_no_changes_missing_from_the_migrations(string provider)
    {
        using var context = CreateContext(provider);

        Assert.False(context.Database.HasPendingModelChanges(),
            $"The model has changed since the last {provider} migration. Add one for both providers:\n" +
            AddMigrationCommand("Sqlite", "<Name>") + "\n" + AddMigrationCommand("Postgres", "<Name>"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Provider_has_migrations(string provider)
    {
        using var context = CreateContext(provider);

        Assert.True(context.Database.GetMigrations().Any(),
            $"No {provider} migrations found; create the first one with:\n" + AddMigrationCommand(provider, "Initial"));
    }

    [Fact]
    public void Both_providers_have_the_same_migrations()
    {
        var sqlite = MigrationNames("Sqlite");
        var postgres = MigrationNames("Postgres");

        var onlySqlite = sqlite.Except(postgres).ToList();
        var onlyPostgres = postgres.Except(sqlite).ToList();
        Assert.True(onlySqlite.Count == 0 && onlyPostgres.Count == 0,
            "Each migration must exist for both providers. "
            + string.Concat(onlySqlite.Select(n => $"\nMissing for Postgres: {AddMigrationCommand("Postgres", n)}"))
            + string.Concat(onlyPostgres.Select(n => $"\nMissing for Sqlite: {AddMigrationCommand("Sqlite", n)}")));
    }

    private static List<string> MigrationNames(string provider)
    {
        using var context = CreateContext(provider);

        // Ids are "<timestamp>_<Name>"; the timestamps differ per provider, the names must not.
        return context.Database.GetMigrations().Select(id => id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..]).ToList();
    }

    private static CohortDbContext CreateContext(string provider) => provider switch
    {
        "Sqlite" => new SqliteDesignTimeFactory().CreateDbContext([]),
        "Postgres" => new PostgresDesignTimeFactory().CreateDbContext([]),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    private static string AddMigrationCommand(string provider, string name) =>
        $"dotnet ef migrations add {name} --project src/Cohort.Web --context {provider}CohortDbContext --output-dir Data/Migrations/{provider}";
}
