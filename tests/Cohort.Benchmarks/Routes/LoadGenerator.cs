using System.Diagnostics;
using System.Net.Http;

namespace Cohort.Benchmarks.Routes;

/// <summary>
/// One timed unit of work by worker <c>worker</c> (0..concurrency-1), the <c>n</c>-th overall: usually one request,
/// sometimes a short sequence (save a draft, then submit it). Returns null on success, else what went wrong.
/// </summary>
internal delegate Task<string?> Operation(HttpClient client, int worker, long n);

/// <summary>The outcome of driving one route once: counts, throughput and latency percentiles in milliseconds.</summary>
/// <remarks><see cref="Generator"/> is "builtin" (this class) or "wrk"; wrk's p90 and p95 come from its own histogram.</remarks>
internal sealed record LoadResult(long Requests, long Errors, double Seconds, double RequestsPerSecond, double P50, double P95, double P99, double Max, string? FirstError)
{
    public double P90 { get; init; } = double.NaN;

    public string Generator { get; init; } = "builtin";
}

/// <summary>
/// A closed-loop load generator on loopback: <c>concurrency</c> workers each send a request, wait for the whole
/// response body, record the latency and send the next, until the time or the request budget runs out (whichever
/// first). Bounded both ways so a slow route cannot hold the machine. Latency is measured from just before sending to
/// the end of the body, per request (no coordinated-omission correction: it is a closed loop, so p99 under-reports what
/// an open arrival rate would see).
/// </summary>
internal sealed class LoadGenerator(HttpClient client)
{
    /// <summary>One request per operation; anything but 2xx is an error (redirects are not followed: a sign-in redirect is one).</summary>
    public static Operation Send(Func<long, HttpRequestMessage> request) => Send((_, n) => request(n));

    /// <summary>As <see cref="Send(Func{long, HttpRequestMessage})"/>, for a request that depends on the worker sending it.</summary>
    public static Operation Send(Func<int, long, HttpRequestMessage> request) => async (client, worker, n) =>
    {
        using var message = request(worker, n);
        using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead);
        return response.IsSuccessStatusCode ? null : await ErrorAsync(message, response);
    };

    public static async Task<string> ErrorAsync(HttpRequestMessage message, HttpResponseMessage response) =>
        $"{(int)response.StatusCode} {message.Method} {message.RequestUri}: {Truncate(await response.Content.ReadAsStringAsync())}";

    public async Task<LoadResult> RunAsync(Operation operation, int concurrency, TimeSpan duration, long maxRequests)
    {
        var latencies = new List<long>[concurrency];
        long issued = 0;
        long errors = 0;
        string? firstError = null;
        var total = Stopwatch.StartNew();

        async Task Worker(int w)
        {
            var mine = latencies[w] = new List<long>(4096);
            while (total.Elapsed < duration)
            {
                var n = Interlocked.Increment(ref issued);
                if (n > maxRequests)
                {
                    return;
                }

                var started = Stopwatch.GetTimestamp();
                string? error;
                try
                {
                    error = await operation(client, w, n);
                }
                catch (HttpRequestException e)
                {
                    error = e.Message;
                }

                mine.Add(Stopwatch.GetTimestamp() - started);
                if (error is not null)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, error, null);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(Worker));
        total.Stop();

        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        double Percentile(double p) => all.Length == 0 ? double.NaN : Ms(all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)]);
        return new LoadResult(all.Length, errors, total.Elapsed.TotalSeconds, all.Length / total.Elapsed.TotalSeconds,
            Percentile(0.50), Percentile(0.95), Percentile(0.99), all.Length == 0 ? double.NaN : Ms(all[^1]), firstError)
        {
            P90 = Percentile(0.90),
        };
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
