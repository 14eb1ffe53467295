using System.Diagnostics;
using System.Globalization;
using System.Net.Http;

namespace Cohort.Benchmarks.Routes;

/// <summary>
/// The app under test as a child process (this program's <c>serve</c> verb), so its start, memory and CPU are its own.
/// Configured through environment variables; server GC as the shipped app's runtimeconfig has it; role <c>web</c>
/// (no Hangfire server: nothing runs in the background while routes are timed); the API rate limit raised so it never
/// answers 429 (the limiter still runs on every request).
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stopwatch _sinceStart;
    private readonly StreamWriter _log;

    private AppProcess(Process process, Stopwatch sinceStart, StreamWriter log)
    {
        _process = process;
        _sinceStart = sinceStart;
        _log = log;
    }

    public static Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, int port, string logFile)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
        var startInfo = new ProcessStartInfo(self)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            startInfo.ArgumentList.Add(typeof(AppProcess).Assembly.Location);
        }

        startInfo.ArgumentList.Add("serve");
        foreach (var (key, value) in settings)
        {
            startInfo.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        startInfo.Environment["ASPNETCORE_URLS"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        startInfo.Environment["DOTNET_gcServer"] = "1";
        startInfo.Environment["Cohort__Role"] = "web";
        startInfo.Environment["Cohort__Admin__Email"] = "admin@bench.example.jp";
        startInfo.Environment["Cohort__Admin__Password"] = "Bench-admin-password-1234";
        startInfo.Environment["Cohort__RateLimits__ApiPerMinute"] = "100000000";
        startInfo.Environment["Logging__LogLevel__Default"] = "Warning";

        var log = new StreamWriter(logFile) { AutoFlush = true };
        var watch = Stopwatch.StartNew();
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start the app.");
        var app = new AppProcess(process, watch, log);
        process.OutputDataReceived += (_, e) =>
        {
            Append(log, e.Data);
            if (e.Data?.StartsWith("startup: ", StringComparison.Ordinal) == true)
            {
                app.StartupPhases = e.Data["startup: ".Length..];
            }
        };
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return Task.FromResult(app);
    }

    /// <summary>Where the app's start went, as it reports it once started (see BenchHost).</summary>
    public string? StartupPhases { get; private set; }

    /// <summary>Polls /readyz every 10 ms; the time from process start to the first 200.</summary>
    public async Task<TimeSpan> WaitReadyAsync(HttpClient client, TimeSpan timeout)
    {
        while (_sinceStart.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {_process.ExitCode}; see its log.");
            }

            try
            {
                using var response = await client.GetAsync("/readyz");
                if (response.IsSuccessStatusCode)
                {
                    return _sinceStart.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("The app did not answer 200 from /readyz in time; see its log.");
    }

    /// <summary>VmRSS of the app process, in MB (Linux).</summary>
    public double ResidentMegabytes()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
                }
            }
        }
        catch (IOException)
        {
            // Exited.
        }

        return double.NaN;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        await _log.DisposeAsync();
    }

    private static void Append(StreamWriter log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }
}
