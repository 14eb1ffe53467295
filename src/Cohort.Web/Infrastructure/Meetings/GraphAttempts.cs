using System.Globalization;
using System.Net;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Http.HttpClientLibrary.Extensions;

namespace Cohort.Web.Infrastructure.Meetings;

/// <summary>
/// What happened on the wire during one service call: the SDK's retry handler swallows the last response when its
/// retries run out, so the status and Retry-After of that response are kept here. Travels as a request option,
/// which the retry handler copies onto each repeated request.
/// </summary>
internal sealed class GraphAttempts : IRequestOption
{
    private int _count;

    public int Count => _count;

    public int? LastStatusCode { get; private set; }

    public int? LastRetryAfterSeconds { get; private set; }

    public void Record(HttpResponseMessage response)
    {
        Interlocked.Increment(ref _count);
        LastStatusCode = (int)response.StatusCode;
        LastRetryAfterSeconds = RetryAfterSeconds(response.Headers.RetryAfter, DateTimeOffset.UtcNow);
    }

    internal static int? RetryAfterSeconds(System.Net.Http.Headers.RetryConditionHeaderValue? retryAfter, DateTimeOffset now)
    {
        if (retryAfter?.Delta is { } delta)
        {
            return (int)Math.Ceiling(delta.TotalSeconds);
        }

        if (retryAfter?.Date is { } date)
        {
            return Math.Max(0, (int)Math.Ceiling((date - now).TotalSeconds));
        }

        return null;
    }

    internal static int? RetryAfterSeconds(IDictionary<string, IEnumerable<string>>? headers)
    {
        if (headers is null)
        {
            return null;
        }

        foreach (var (name, values) in headers)
        {
            if (name.Equals("Retry-After", StringComparison.OrdinalIgnoreCase)
                && values.FirstOrDefault() is { } value
                && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return seconds;
            }
        }

        return null;
    }
}

/// <summary>
/// Sits inside the SDK's retry handler, so it sees every attempt: records it in <see cref="GraphAttempts"/> and logs
/// answers Graph may be retried on. Logs method, path and status only, never headers (the bearer token) or bodies.
/// </summary>
internal sealed class GraphAttemptRecorder(ILogger? logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var attempts = request.GetRequestOption<GraphAttempts>();
        attempts?.Record(response);
        if (logger is not null && (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout))
        {
            logger.LogWarning(
                "Microsoft Graph answered {StatusCode} to {Method} {Path} (attempt {Attempt}, Retry-After {RetryAfter} s)",
                (int)response.StatusCode,
                request.Method,
                request.RequestUri?.AbsolutePath,
                attempts?.Count,
                attempts?.LastRetryAfterSeconds);
        }

        return response;
    }
}
