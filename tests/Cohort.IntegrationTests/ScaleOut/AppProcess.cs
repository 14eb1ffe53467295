using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Cohort.IntegrationTests.Infrastructure;
using Cohort.IntegrationTests.Meetings;

namespace Cohort.IntegrationTests.ScaleOut;

/// <summary>What a child app process is started with; every key is an ordinary configuration key set by environment variable.</summary>
public sealed record AppProcessOptions(string ConnectionString, string Role, DateTimeOffset ClockStart)
{
    public FakeGraphServer? Graph { get; init; }

    public SmtpServer? Smtp { get; init; }
}

/// <summary>
/// The real app in a process of its own: the built Cohort.Web.dll run with <c>dotnet</c>, on PostgreSQL, listening on
/// a free loopback port with Kestrel, its Hangfire server on unless the role is <c>web</c>. Configuration comes from
/// environment variables as in production; <see cref="StartupHook"/> sets the clock and Graph's fake token.
/// Killed (whole tree) on dispose; its console output is kept for failure messages.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _dataDir;

    private AppProcess(Process process, string dataDir, string name, Uri baseAddress)
    {
        _process = process;
        _dataDir = dataDir;
        Name = name;
        BaseAddress = baseAddress;
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last part of what the process wrote to its console.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                var text = _output.ToString();
                return text.Length <= 6000 ? text : "..." + text[^6000..];
            }
        }
    }

    public static async Task<AppProcess> StartAsync(string name, AppProcessOptions options)
    {
        var bin = AppContext.BaseDirectory;
        var app = Path.Combine(bin, "Cohort.Web.dll");
        var hook = typeof(StartupHook).Assembly.Location;
        var dataDir = Path.Combine(Path.GetTempPath(), "cohort-proc-" + Guid.NewGuid().ToString("N")[..12]);
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");

        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = bin,
        };
        startInfo.ArgumentList.Add(app);
        var env = startInfo.Environment;
        env["DOTNET_STARTUP_HOOKS"] = hook;
        env[StartupHook.ParentVariable] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        env[StartupHook.ClockVariable] = options.ClockStart.ToString("O", CultureInfo.InvariantCulture);
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["ASPNETCORE_URLS"] = baseAddress.ToString();
        // Two cores are shared by everything a test starts: workstation GC keeps each process small.
        env["DOTNET_gcServer"] = "0";
        env["DOTNET_TieredPGO"] = "0";
        env["Logging__LogLevel__Default"] = "Warning";
        env["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        env["Logging__Console__FormatterName"] = "simple";
        env["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
        env["Cohort__Database__Provider"] = "PostgreSQL";
        env["ConnectionStrings__Cohort"] = options.ConnectionString;
        env["Cohort__Role"] = options.Role;
        // The test's own app migrated the database, as the migrate verb does before a rollout. (Two processes that both
        // migrate on start work too, but here they came up about 20 s later: seemingly waiting for EF Core's migrations lock.)
        env["Cohort__Database__MigrateOnStart"] = "false";
        env["Cohort__DataDir"] = dataDir;
        env["Cohort__Admin__Email"] = CohortApp.AdminEmail;
        env["Cohort__Admin__Password"] = CohortApp.AdminPassword;
        env["Cohort__PublicUrl"] = "https://cohort.city.example.jp";
        env["Cohort__RateLimits__ApiPerMinute"] = "100000";
        env["Cohort__RateLimits__SignInPerMinute"] = "10000";
        if (options.Graph is { } graph)
        {
            env[StartupHook.FakeGraphTokenVariable] = "1";
            env["Cohort__Graph__TenantId"] = FakeGraphServer.TenantId;
            env["Cohort__Graph__ClientId"] = "11111111-2222-3333-4444-555555555555";
            env["Cohort__Graph__ClientSecret"] = "not-a-real-secret";
            env["Cohort__Graph__OrganizerMailbox"] = graph.Organizer;
            env["Cohort__Graph__BaseUrl"] = graph.BaseUrl;
            env["Cohort__Graph__TimeoutSeconds"] = "10";
            env["Cohort__Graph__RetryDelaySeconds"] = "0";
        }

        if (options.Smtp is { } smtp)
        {
            env["Cohort__Mail__Smtp__Host"] = SmtpServer.Host;
            env["Cohort__Mail__Smtp__Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture);
            env["Cohort__Mail__Smtp__Security"] = "None";
            env["Cohort__Mail__From"] = "cohort@city.example.jp";
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {startInfo.FileName} {app}");
        var child = new AppProcess(process, dataDir, name, baseAddress);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await child.WaitUntilAnsweringAsync();
        }
        catch
        {
            await child.DisposeAsync();
            throw;
        }

        return child;
    }

    /// <summary>A client for the JSON API with a personal access token; no cookies, no redirects.</summary>
    public HttpClient ApiClient(string token, TimeSpan? timeout = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = BaseAddress,
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Ends the process at once, as a crash or an OOM kill would: no shutdown, no finally blocks.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit(10_000);
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }

        _process.Dispose();
        try
        {
            if (Directory.Exists(_dataDir))
            {
                Directory.Delete(_dataDir, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }

        return ValueTask.CompletedTask;
    }

    public override string ToString() => $"{Name} (pid {Id}, {BaseAddress})";

    private async Task WaitUntilAnsweringAsync()
    {
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} while starting.\n{Output}");
            }

            try
            {
                if ((await probe.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} did not answer /healthz within {StartTimeout.TotalSeconds} s.\n{Output}");
            }

            await Task.Delay(200);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            if (_output.Length > 200_000)
            {
                _output.Remove(0, 100_000);
            }
        }
    }

    /// <summary>The dotnet host running the tests (dotnet test sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path
        : "dotnet";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
