using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Cohort.Benchmarks;

/// <summary>
/// A PostgreSQL cluster for one benchmark run: initdb into a temp directory, started on a free port on 127.0.0.1
/// (trust authentication, superuser <c>postgres</c>), stopped and deleted on dispose. As root, initdb and pg_ctl
/// run as the <c>postgres</c> system user via runuser. Unlike the test fixture, durability settings are left at
/// PostgreSQL's defaults (fsync, synchronous_commit on) so the numbers resemble a real server; pass
/// <c>--pg-fast</c> to switch them off like the tests do.
/// </summary>
internal sealed class ThrowawayPostgres : IAsyncDisposable
{
    private const string SystemUser = "postgres";

    private readonly string _bin;
    private readonly bool _asSystemUser;
    private readonly string _directory;
    private readonly int _port;

    private ThrowawayPostgres(string bin, bool asSystemUser, string directory, int port)
    {
        _bin = bin;
        _asSystemUser = asSystemUser;
        _directory = directory;
        _port = port;
    }

    private string DataDirectory => Path.Combine(_directory, "data");

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = _port,
        Username = SystemUser,
        Database = database,
    }.ConnectionString;

    public static async Task<ThrowawayPostgres> StartAsync(bool durable)
    {
        var bin = FindBin() ?? throw new InvalidOperationException("initdb/pg_ctl not found on PATH or in /usr/lib/postgresql/*/bin.");
        var asSystemUser = Environment.UserName == "root";
        var directory = Path.Combine(Path.GetTempPath(), "cohort-bench-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var server = new ThrowawayPostgres(bin, asSystemUser, directory, FreePort());
        if (asSystemUser)
        {
            await RunAsync("chown", [SystemUser + ":", directory]);
        }

        await server.PgAsync("initdb", ["-D", server.DataDirectory, "-U", SystemUser, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"]);
        var options = string.Create(CultureInfo.InvariantCulture, $"-F -c listen_addresses=127.0.0.1 -p {server._port} -k '{directory}'");
        if (!durable)
        {
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        }

        await server.PgAsync("pg_ctl", ["start", "-D", server.DataDirectory, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "-o", options]);
        await using var connection = new NpgsqlConnection(server.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand("CREATE DATABASE cohort_bench", connection);
        await create.ExecuteNonQueryAsync();
        return server;
    }

    /// <summary>Another empty database on the same cluster (one per dataset size).</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async Task<string> VersionAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var version = new NpgsqlCommand("SHOW server_version", connection);
        return (string)(await version.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await PgAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "30"]);
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private Task PgAsync(string program, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(_bin, program);
        return _asSystemUser ? RunAsync("runuser", ["-u", SystemUser, "--", path, .. arguments]) : RunAsync(path, arguments);
    }

    private static string? FindBin()
    {
        static bool HasServer(string dir) => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"));

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(HasServer);
        if (onPath is not null || !Directory.Exists("/usr/lib/postgresql"))
        {
            return onPath;
        }

        return Directory.EnumerateDirectories("/usr/lib/postgresql")
            .Select(dir => Path.Combine(dir, "bin"))
            .Where(HasServer)
            .OrderByDescending(dir => int.TryParse(Path.GetFileName(Path.GetDirectoryName(dir)), out var major) ? major : 0)
            .FirstOrDefault();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start " + fileName);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }
}
