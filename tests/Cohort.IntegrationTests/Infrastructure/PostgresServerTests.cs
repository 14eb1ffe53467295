using Npgsql;

namespace Cohort.IntegrationTests.Infrastructure;

public sealed class PostgresServerTests
{
    [SkippableFact]
    public async Task Creates_separate_empty_databases_on_a_real_server()
    {
        var server = await PostgresServer.SharedOrSkipAsync();

        var first = await server.CreateDatabaseAsync("first");
        var second = await server.CreateDatabaseAsync();

        Assert.NotEqual(first, second);
        Assert.Contains("Include Error Detail=True", first, StringComparison.OrdinalIgnoreCase);
        await ExecuteAsync(first, "CREATE TABLE participant (email text PRIMARY KEY); INSERT INTO participant VALUES ('taro@example.jp')");
        Assert.Equal(1L, await ScalarAsync(first, "SELECT count(*) FROM participant"));
        Assert.Equal(0L, await ScalarAsync(second, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'participant'"));
        Assert.StartsWith("PostgreSQL ", (string)(await ScalarAsync(second, "SELECT version()"))!, StringComparison.Ordinal);
        Assert.Null(PostgresServer.UnavailableReason);
    }

    [Fact]
    public async Task Is_shared_by_the_whole_test_process()
    {
        var first = PostgresServer.SharedAsync();
        var second = PostgresServer.SharedAsync();

        Assert.Same(first, second);
        try
        {
            await first;
        }
        catch (PostgresUnavailableException)
        {
            // Covered by the skip in the test above; sharing holds either way.
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
