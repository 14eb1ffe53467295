using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Cohort.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>Where data lives and which provider serves it, from configuration.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, string DataDir)
{
    public static DatabaseSettings From(IConfiguration configuration, string contentRoot)
    {
        var dataDir = configuration["Cohort:DataDir"];
        dataDir = string.IsNullOrWhiteSpace(dataDir) ? Path.Combine(contentRoot, "data") : Path.GetFullPath(dataDir, contentRoot);
        var providerText = configuration["Cohort:Database:Provider"] ?? "Sqlite";
        var provider = providerText.ToLowerInvariant() switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgresql" or "postgres" or "npgsql" => DatabaseProvider.PostgreSql,
            _ => throw new InvalidOperationException($"Cohort:Database:Provider must be Sqlite or PostgreSQL, got '{providerText}'."),
        };
        var connection = configuration.GetConnectionString("Cohort");
        if (provider == DatabaseProvider.PostgreSql && string.IsNullOrWhiteSpace(connection))
        {
            throw new InvalidOperationException("PostgreSQL needs ConnectionStrings:Cohort (environment variable ConnectionStrings__Cohort).");
        }

        if (string.IsNullOrWhiteSpace(connection))
        {
            connection = $"Data Source={Path.Combine(dataDir, "cohort.db")}";
        }

        return new DatabaseSettings(provider, connection, dataDir);
    }
}

public static class DatabaseServiceCollectionExtensions
{
    public static IServiceCollection AddCohortDatabase(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddSingleton(settings);
        if (settings.Provider == DatabaseProvider.PostgreSql)
        {
            services.AddDbContext<CohortDbContext, PostgresCohortDbContext>(o => ConfigurePostgres(o, settings.ConnectionString));
        }
        else
        {
            Directory.CreateDirectory(settings.DataDir);
            services.AddDbContext<CohortDbContext, SqliteCohortDbContext>(o => ConfigureSqlite(o, settings.ConnectionString));
        }

        return services;
    }

    internal static void ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, s => s.MigrationsAssembly(typeof(CohortDbContext).Assembly.FullName));

    internal static void ConfigurePostgres(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, s => s.MigrationsAssembly(typeof(CohortDbContext).Assembly.FullName));
}

/// <summary>Lets <c>dotnet ef</c> build each provider's context without starting the app.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCohortDbContext>
{
    public SqliteCohortDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteCohortDbContext>();
        DatabaseServiceCollectionExtensions.ConfigureSqlite(builder, "Data Source=:memory:");
        return new SqliteCohortDbContext(builder.Options, TimeProvider.System);
    }
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCohortDbContext>
{
    public PostgresCohortDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgresCohortDbContext>();
        DatabaseServiceCollectionExtensions.ConfigurePostgres(builder, "Host=localhost;Database=cohort_design");
        return new PostgresCohortDbContext(builder.Options, TimeProvider.System);
    }
}
