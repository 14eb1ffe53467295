using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Cohort.Benchmarks.Routes;

/// <summary>A GET route as wrk drives it: the paths taken in turn (one request each) and the headers every request sends.</summary>
internal sealed record WrkPlan(IReadOnlyList<string> Paths, IReadOnlyList<string> Headers);

/// <summary>
/// <c>--load wrk</c>: drives a GET route with wrk (one thread, <c>--concurrency</c> connections, a separate process in
/// C, so the load generator is not .NET sharing the runtime's thread pool). A generated Lua script takes the route's
/// paths in turn, counts every answer but a 200 as an error (wrk itself counts 3xx as success, and a sign-in redirect is
/// one), stops the thread at <c>--max-requests</c>, and prints one machine-readable line from wrk's own latency
/// histogram. p50, p90 and p99 are read from the <c>--latency</c> distribution wrk prints (50/75/90/99); p95, which that
/// distribution does not print, is wrk's <c>latency:percentile(95)</c> from the same histogram, not interpolated. wrk is
/// a closed loop too (no coordinated-omission correction: that is wrk2's <c>-R</c>) and takes whole seconds, so the
/// duration is rounded up; when the request budget stops it early, wrk still waits out the duration, so req/s is low.
/// </summary>
internal static partial class WrkLoad
{
    public static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "wrk")).FirstOrDefault(File.Exists);

    public static async Task<LoadResult> RunAsync(string wrk, Uri baseAddress, WrkPlan plan, int concurrency, TimeSpan duration, long maxRequests, string folder)
    {
        var script = Path.Combine(folder, "wrk-" + Guid.NewGuid().ToString("N")[..8] + ".lua");
        await File.WriteAllTextAsync(script, Script(plan.Paths, maxRequests));
        try
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(duration.TotalSeconds));
            var start = new ProcessStartInfo(wrk) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "-t1", $"-c{concurrency}", $"-d{seconds}s", "--latency", "--timeout", "30s", "-s", script })
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var header in plan.Headers)
            {
                start.ArgumentList.Add("-H");
                start.ArgumentList.Add(header);
            }

            // The script sends the paths; the URL gives wrk the host (and a first path it never requests as is).
            start.ArgumentList.Add(baseAddress.GetLeftPart(UriPartial.Authority) + "/");
            using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start wrk.");
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return Parse(await output, await errors, process.ExitCode);
        }
        catch (InvalidOperationException e)
        {
            // wrk failed (bad arguments, no output): an error of this route, not the end of the whole run.
            return new LoadResult(0, 1, 0, 0, double.NaN, double.NaN, double.NaN, double.NaN, e.Message.Length <= 300 ? e.Message : e.Message[..300] + "…") { Generator = "wrk" };
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>The globals <c>bad</c> and <c>n</c> live in the thread's Lua state; <c>done</c> reads them through <c>thread:get</c>.</summary>
    private static string Script(IReadOnlyList<string> paths, long maxRequests)
    {
        var s = new StringBuilder();
        s.Append("paths = {");
        s.AppendJoin(", ", paths.Select(p => "\"" + p.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\""));
        s.AppendLine("}");
        s.AppendLine(CultureInfo.InvariantCulture, $"max = {maxRequests}");
        s.AppendLine("""
            i = 0
            n = 0
            bad = 0
            threads = {}
            setup = function(thread) table.insert(threads, thread) end
            request = function()
              i = i % #paths + 1
              return wrk.format("GET", paths[i])
            end
            response = function(status, headers, body)
              n = n + 1
              if status ~= 200 then bad = bad + 1 end
              if n >= max then wrk.thread:stop() end
            end
            done = function(summary, latency, requests)
              local b = 0
              for _, t in ipairs(threads) do b = b + t:get("bad") end
              local e = summary.errors
              io.write(string.format("bench: %d %d %d %d %.1f %.1f\n", summary.requests, summary.duration, b,
                e.connect + e.read + e.write + e.timeout, latency:percentile(95), latency.max))
            end
            """);
        return s.ToString();
    }

    private static LoadResult Parse(string output, string errors, int exitCode)
    {
        var line = BenchLine().Match(output);
        if (exitCode != 0 || !line.Success)
        {
            throw new InvalidOperationException($"wrk exited with {exitCode}: {errors.Trim()} {output.Trim()}");
        }

        long Long(int group) => long.Parse(line.Groups[group].Value, CultureInfo.InvariantCulture);
        double Micro(int group) => double.Parse(line.Groups[group].Value, CultureInfo.InvariantCulture) / 1000.0;
        var distribution = Distribution().Matches(output).ToDictionary(
            m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
            m => Milliseconds(double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), m.Groups[3].Value));
        double At(int percent) => distribution.TryGetValue(percent, out var ms) ? ms : double.NaN;

        var requests = Long(1);
        var seconds = Long(2) / 1_000_000.0;
        var failed = Long(3) + Long(4);
        var firstError = failed == 0 ? null : $"wrk: {Long(3)} answers other than 200, {Long(4)} socket errors";
        return new LoadResult(requests, failed, seconds, requests / seconds, At(50), Micro(5), At(99), Micro(6), firstError)
        {
            P90 = At(90),
            Generator = "wrk",
        };
    }

    private static double Milliseconds(double value, string unit) => unit switch
    {
        "us" => value / 1000,
        "ms" => value,
        "s" => value * 1000,
        "m" => value * 60_000,
        _ => double.NaN,
    };

    [GeneratedRegex(@"^bench: (\d+) (\d+) (\d+) (\d+) ([\d.]+) ([\d.]+)$", RegexOptions.Multiline)]
    private static partial Regex BenchLine();

    [GeneratedRegex(@"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline)]
    private static partial Regex Distribution();
}
