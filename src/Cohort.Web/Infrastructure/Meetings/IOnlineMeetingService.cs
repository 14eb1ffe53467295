namespace Cohort.Web.Infrastructure.Meetings;

/// <summary>
/// Creates, reschedules and cancels the calendar event with an online (Teams) meeting for a showcase day.
/// The Microsoft Graph implementation is used when <c>Cohort:Graph</c> is configured; otherwise
/// <see cref="IsConfigured"/> is false and organisers paste a meeting link by hand.
/// </summary>
public interface IOnlineMeetingService
{
    bool IsConfigured { get; }

    /// <summary>
    /// Creates the event (idempotent for the same <see cref="MeetingRequest.TransactionId"/>: a retried create
    /// returns the event created before, never a second one).
    /// </summary>
    Task<CreatedMeeting> CreateAsync(MeetingRequest request, CancellationToken cancellationToken);

    /// <summary>Moves the event and replaces its subject, body, location and attendees.</summary>
    Task UpdateAsync(string eventId, MeetingRequest request, CancellationToken cancellationToken);

    /// <summary>Cancels the event; attendees get a cancellation with <paramref name="comment"/>.</summary>
    Task CancelAsync(string eventId, string comment, CancellationToken cancellationToken);
}

/// <param name="TransactionId">Stable per logical create (e.g. "cohort-showcase-{id}-{generation}").</param>
/// <param name="StartUtc">UTC (DateTimeKind.Utc).</param>
/// <param name="EndUtc">UTC (DateTimeKind.Utc).</param>
/// <param name="TimeZone">IANA id, e.g. Asia/Tokyo; shown to attendees.</param>
public sealed record MeetingRequest(
    string TransactionId,
    string Subject,
    string BodyHtml,
    DateTime StartUtc,
    DateTime EndUtc,
    string TimeZone,
    string? Location,
    IReadOnlyList<MeetingAttendee> Attendees);

public sealed record MeetingAttendee(string Email, string? Name);

public sealed record CreatedMeeting(string EventId, string? JoinUrl, string? WebLink);

/// <summary>
/// The meeting service could not do what was asked. <see cref="IsTransient"/>: trying later may succeed
/// (throttling that outlasted the SDK's retries, 5xx, timeouts, network); otherwise it will not (bad request,
/// permission denied, mailbox not found) and the organiser must fix configuration or data.
/// </summary>
public sealed class MeetingServiceException(string message, bool isTransient, Exception? inner = null) : Exception(message, inner)
{
    public bool IsTransient { get; } = isTransient;

    /// <summary>HTTP status of the last response, when there was one.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Seconds the service asked to wait (Retry-After), when it did.</summary>
    public int? RetryAfterSeconds { get; init; }
}
