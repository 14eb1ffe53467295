using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace Cohort.IntegrationTests.Infrastructure;

/// <summary>Thrown when the PostgreSQL server binaries are not installed; the message is the test's skip reason.</summary>
public sealed class PostgresUnavailableException(string message) : Exception(message);

/// <summary>
/// A throwaway PostgreSQL cluster for this test process: initdb into a temp directory
/// (Path.GetTempPath()/cohort-pg-*), started on a free port on 127.0.0.1 with durability switched off,
/// trust authentication and superuser <c>postgres</c>; stopped and deleted at process exit. Collation C, character classes
/// C.UTF-8 (as production should have), so pg_trgm indexes Japanese text.
/// Binaries are looked up on PATH, then in /usr/lib/postgresql/*/bin (highest version first).
/// COHORT_PG_BIN=/some/dir makes that directory the only place searched: point it at an empty
/// directory to see how the tests behave on a machine without PostgreSQL.
/// A test that stops and restarts the server takes one of its own with <see cref="StartPrivateOrSkipAsync"/>.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string SystemUser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly Lazy<Task<PostgresServer>> Shared = new(() => Task.Run(() => StartAsync(durable: false)));
    private static int s_databaseCount;

    private readonly ServerCommands _commands;
    private readonly string _directory;
    private readonly string _dataDirectory;
    private readonly int _port;
    private readonly bool _durable;

    private PostgresServer(ServerCommands commands, string directory, int port, bool durable)
    {
        _commands = commands;
        _directory = directory;
        _dataDirectory = Path.Combine(directory, "data");
        _port = port;
        _durable = durable;
        AdminConnectionString = ConnectionString("postgres");
    }

    /// <summary>Why PostgreSQL tests cannot run here; set once <see cref="SharedAsync"/> found no binaries.</summary>
    public static string? UnavailableReason { get; private set; }

    public string AdminConnectionString { get; }

    /// <summary>The one server of this test process, started on first use.</summary>
    public static Task<PostgresServer> SharedAsync() => Shared.Value;

    /// <summary>
    /// A server for the caller alone, with PostgreSQL's default durability (fsync and synchronous commit on), that it
    /// may stop and start again on the same port; skips the calling [SkippableFact] when PostgreSQL is not installed.
    /// Dispose it to stop it and delete its directory.
    /// </summary>
    public static async Task<PostgresServer> StartPrivateOrSkipAsync()
    {
        try
        {
            return await StartAsync(durable: true);
        }
        catch (PostgresUnavailableException e)
        {
            throw new SkipException(e.Message);
        }
    }

    /// <summary>Stops the server as an administrator would (<c>pg_ctl stop -m fast</c>): sessions are ended, commits kept.</summary>
    public Task StopAsync() =>
        _commands.RunAsync("pg_ctl", ["stop", "-D", _dataDirectory, "-m", "fast", "-w", "-t", "60"], _directory);

    /// <summary>Starts a stopped server again on the same port and data directory.</summary>
    public Task StartAgainAsync() => StartServerAsync();

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    /// <summary><see cref="SharedAsync"/>, or skips the calling [SkippableFact] when PostgreSQL is not installed.</summary>
    public static async Task<PostgresServer> SharedOrSkipAsync()
    {
        try
        {
            return await SharedAsync();
        }
        catch (PostgresUnavailableException e)
        {
            throw new SkipException(e.Message);
        }
    }

    /// <summary>Creates a new empty database with a unique name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? namePrefix = null)
    {
        var prefix = new string((namePrefix ?? "test").ToLowerInvariant().Where(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_').ToArray());
        if (prefix.Length == 0 || char.IsDigit(prefix[0]))
        {
            prefix = "db_" + prefix;
        }

        var suffix = string.Create(CultureInfo.InvariantCulture, $"_{Interlocked.Increment(ref s_databaseCount)}_{Guid.NewGuid():N}")[..20];
        var name = prefix[..Math.Min(prefix.Length, 63 - suffix.Length)] + suffix;

        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    private string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = _port,
        Username = SystemUser,
        Database = database,
        IncludeErrorDetail = true,
    }.ConnectionString;

    private static async Task<PostgresServer> StartAsync(bool durable)
    {
        var bin = FindBinDirectory();
        if (bin is null)
        {
            var reason = Environment.GetEnvironmentVariable("COHORT_PG_BIN") is { Length: > 0 } overridden
                ? $"PostgreSQL is not available: COHORT_PG_BIN={overridden} has no initdb and pg_ctl."
                : "PostgreSQL is not available: initdb and pg_ctl were found neither on PATH nor in /usr/lib/postgresql/*/bin. Install them with `apt-get install postgresql`.";
            UnavailableReason = reason;
            if (RequiredServices.Required)
            {
                throw new InvalidOperationException(reason + " COHORT_REQUIRE_SERVICES=1, so tests that need PostgreSQL fail instead of being skipped.");
            }

            throw new PostgresUnavailableException(reason);
        }

        var commands = new ServerCommands(bin, await IsRootAsync());

        var directory = Path.Combine(Path.GetTempPath(), "cohort-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        try
        {
            if (commands.AsSystemUser)
            {
                await RunAsync("chown", [SystemUser + ":", directory], directory);
            }

            await commands.RunAsync(
                "initdb",
                ["-D", Path.Combine(directory, "data"), "-U", SystemUser, "--auth=trust", "--encoding=UTF8", "--lc-collate=C", "--lc-ctype=C.UTF-8", "--no-sync"],
                directory);

            // Another process can take the port between probing and binding; try a fresh one then.
            for (var attempt = 1; ; attempt++)
            {
                var server = new PostgresServer(commands, directory, FreePort(), durable);
                try
                {
                    await server.StartServerAsync();
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
                    server.StartWatchdog();
                    return server;
                }
                catch (InvalidOperationException) when (attempt < 3 && server.ReadLog().Contains("could not bind", StringComparison.Ordinal))
                {
                    server.Stop(deleteDirectory: false);
                }
            }
        }
        catch
        {
            StopCluster(commands, Path.Combine(directory, "data"));
            DeleteDirectory(directory);
            throw;
        }
    }

    private async Task StartServerAsync()
    {
        // The shared server trades durability for speed; a private one keeps the defaults, as production does.
        var speed = _durable ? "" : "-F -c fsync=off -c synchronous_commit=off -c full_page_writes=off ";
        var options = string.Create(
            CultureInfo.InvariantCulture,
            $"{speed}-c listen_addresses=127.0.0.1 -p {_port} -k '{_directory}'");
        try
        {
            await _commands.RunAsync("pg_ctl", ["start", "-D", _dataDirectory, "-l", LogPath, "-w", "-t", "60", "-o", options], _directory);
            await WaitUntilReadyAsync();
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or NpgsqlException)
        {
            throw new InvalidOperationException($"PostgreSQL did not start on port {_port}: {e.Message}\n--- server log ({LogPath}) ---\n{ReadLog()}", e);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(AdminConnectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync();
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    private string LogPath => Path.Combine(_directory, "server.log");

    private string ReadLog()
    {
        try
        {
            return File.ReadAllText(LogPath);
        }
        catch (IOException e)
        {
            return "(no log: " + e.Message + ")";
        }
    }

    private void Stop(bool deleteDirectory = true)
    {
        NpgsqlConnection.ClearAllPools();
        StopCluster(_commands, _dataDirectory);
        if (deleteDirectory)
        {
            DeleteDirectory(_directory);
        }
    }

    private static void StopCluster(ServerCommands commands, string dataDirectory)
    {
        if (!File.Exists(Path.Combine(dataDirectory, "postmaster.pid")))
        {
            return;
        }

        try
        {
            // Synchronous: ProcessExit handlers cannot await.
            commands.RunAsync("pg_ctl", ["stop", "-D", dataDirectory, "-m", "immediate", "-w", "-t", "20"], Path.GetTempPath())
                .GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            Console.Error.WriteLine($"Could not stop the test PostgreSQL server in {dataDirectory}: {e.Message}");
        }
    }

    private static void DeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Could not delete {directory}: {e.Message}");
        }
    }

    /// <summary>
    /// dotnet test kills the test host about 100 ms after the run, usually before the ProcessExit handler is done,
    /// and a killed process runs no handler at all. A detached shell waits for this process to end and then stops
    /// the server and deletes its directory; where <c>setsid</c> is missing only the ProcessExit handler remains.
    /// </summary>
    private void StartWatchdog()
    {
        const string script = """
            exec </dev/null >/dev/null 2>&1
            owner=$1; directory=$2; shift 2
            while kill -0 "$owner"; do sleep 0.5; done
            "$@"
            rm -rf "$directory"
            """;
        string[] stop = [.. _commands.CommandLine("pg_ctl"), "stop", "-D", _dataDirectory, "-m", "immediate", "-w", "-t", "20"];
        try
        {
            RunAsync(
                    "setsid",
                    ["-f", "sh", "-c", script, "cohort-pg-watchdog", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), _directory, .. stop],
                    _directory)
                .GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            Console.Error.WriteLine($"No watchdog for the test PostgreSQL server in {_directory}: {e.Message}");
        }
    }

    private static string? FindBinDirectory()
    {
        static bool HasServer(string dir) =>
            File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"));

        if (Environment.GetEnvironmentVariable("COHORT_PG_BIN") is { Length: > 0 } overridden)
        {
            return HasServer(overridden) ? overridden : null;
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(HasServer);
        if (onPath is not null)
        {
            return onPath;
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (!Directory.Exists(debianRoot))
        {
            return null;
        }

        return Directory.EnumerateDirectories(debianRoot)
            .Select(dir => (Dir: Path.Combine(dir, "bin"), Version: Version.TryParse(NormaliseVersion(Path.GetFileName(dir)), out var v) ? v : null))
            .Where(candidate => candidate.Version is not null && HasServer(candidate.Dir))
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => candidate.Dir)
            .FirstOrDefault();

        // Debian names the directories "15", "9.6": Version needs at least major.minor.
        static string NormaliseVersion(string name) => name.Contains('.', StringComparison.Ordinal) ? name : name + ".0";
    }

    private static async Task<bool> IsRootAsync()
    {
        if (Environment.UserName == "root")
        {
            return true;
        }

        try
        {
            return (await RunAsync("id", ["-u"], Path.GetTempPath())).Trim() == "0";
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a program to completion; throws with its output when it fails or hangs.</summary>
    private static async Task<string> RunAsync(string fileName, IReadOnlyList<string> arguments, string workingDirectory)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var commandLine = fileName + " " + string.Join(' ', arguments);
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start " + commandLine);
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{commandLine} did not finish within {CommandTimeout.TotalSeconds} s.\n{Output()}");
        }

        // Waits for the output to be drained as well.
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{commandLine} exited with {process.ExitCode}.\n{Output()}");
        }

        return Output();

        void Append(string? line)
        {
            if (line is not null)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        }

        string Output()
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>initdb and pg_ctl refuse to run as root; then they run as the postgres user via runuser.</summary>
    private sealed record ServerCommands(string BinDirectory, bool AsSystemUser)
    {
        public Task<string> RunAsync(string program, IReadOnlyList<string> arguments, string workingDirectory)
        {
            var commandLine = CommandLine(program);
            return PostgresServer.RunAsync(commandLine[0], [.. commandLine[1..], .. arguments], workingDirectory);
        }

        public string[] CommandLine(string program)
        {
            var path = Path.Combine(BinDirectory, program);
            return AsSystemUser ? ["runuser", "-u", SystemUser, "--", path] : [path];
        }
    }
}
