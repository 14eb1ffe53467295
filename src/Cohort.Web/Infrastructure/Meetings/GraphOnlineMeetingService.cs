using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Identity;
using Microsoft.Graph;
using Microsoft.Graph.Authentication;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Item.Events.Item.Cancel;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;

namespace Cohort.Web.Infrastructure.Meetings;

/// <summary>
/// Showcase meetings as calendar events with a Teams meeting in the organiser mailbox, through Microsoft Graph with
/// an app-only token. The HttpClient comes from <see cref="GraphClientFactory"/>, so the SDK's middleware retries
/// 429, 503 and 504 (honouring Retry-After); what is left after that becomes a <see cref="MeetingServiceException"/>.
/// </summary>
public sealed class GraphOnlineMeetingService : IOnlineMeetingService, IDisposable
{
    private const string ItemNotFound = "ErrorItemNotFound";

    private readonly GraphSettings _settings;
    private readonly HttpClient _http;
    private readonly GraphServiceClient _graph;
    private readonly ILogger? _logger;

    /// <param name="authenticationProvider">
    /// Puts the bearer token on each request; <see cref="CreateAuthenticationProvider"/> makes the production one.
    /// </param>
    public GraphOnlineMeetingService(GraphSettings settings, IAuthenticationProvider authenticationProvider, ILogger<GraphOnlineMeetingService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(authenticationProvider);
        settings.Validate();
        _settings = settings;
        _logger = logger;

        var handlers = GraphClientFactory.CreateDefaultHandlers();
        var retry = handlers.Single(h => h is RetryHandler);
        var position = handlers.IndexOf(retry);
        handlers[position] = new RetryHandler(new RetryHandlerOption { MaxRetry = settings.MaxRetries, Delay = settings.RetryDelaySeconds });
        // Inside the retry handler, so it sees every attempt and not only the first.
        handlers.Insert(position + 1, new GraphAttemptRecorder(logger));
        _http = GraphClientFactory.Create(handlers);
        _http.Timeout = settings.Timeout;
        _graph = new GraphServiceClient(_http, authenticationProvider, settings.BaseUrl);
    }

    public bool IsConfigured => true;

    private string Organizer => _settings.OrganizerMailbox!;

    /// <summary>
    /// Client credentials (secret or certificate) for Graph's <c>.default</c> scope of the configured host. The token
    /// is only sent to that host: the provider checks each request's host against it.
    /// </summary>
    public static IAuthenticationProvider CreateAuthenticationProvider(GraphSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var graph = new Uri(settings.BaseUrl);
        return new AzureIdentityAuthenticationProvider(Credential(settings), [graph.Host], null, true, $"{graph.Scheme}://{graph.Host}/.default");
    }

    public async Task<CreatedMeeting> CreateAsync(MeetingRequest request, CancellationToken cancellationToken)
    {
        var meeting = ToEvent(request, creating: true);
        // Exchange returns the event created before for a transactionId it has seen, so the SDK's own retries
        // and ours (a job run again after a timeout) never make a second meeting.
        meeting.TransactionId = request.TransactionId;
        var created = await CallAsync(
            "create the meeting",
            attempts => _graph.Users[Organizer].Events.PostAsync(meeting, c => c.Options.Add(attempts), cancellationToken),
            cancellationToken);
        if (created?.Id is null)
        {
            throw new MeetingServiceException("Microsoft Graph created the meeting but returned no event id.", isTransient: true);
        }

        _logger?.LogInformation("Created meeting event {EventId} (transaction {TransactionId}) in {Organizer}", created.Id, request.TransactionId, Organizer);
        return new CreatedMeeting(created.Id, created.OnlineMeeting?.JoinUrl, created.WebLink);
    }

    public async Task UpdateAsync(string eventId, MeetingRequest request, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        var meeting = ToEvent(request, creating: false);
        var current = await CallAsync(
            "read the meeting before changing it",
            attempts => _graph.Users[Organizer].Events[eventId].GetAsync(
                c =>
                {
                    c.QueryParameters.Select = ["body", "onlineMeeting"];
                    c.Options.Add(attempts);
                },
                cancellationToken),
            cancellationToken);
        meeting.Body!.Content = OnlineMeetingBody.Compose(request.BodyHtml, current?.Body?.Content, current?.OnlineMeeting?.JoinUrl);

        await CallAsync(
            "change the meeting",
            attempts => _graph.Users[Organizer].Events[eventId].PatchAsync(meeting, c => c.Options.Add(attempts), cancellationToken),
            cancellationToken);
        _logger?.LogInformation("Updated meeting event {EventId} in {Organizer}", eventId, Organizer);
    }

    public async Task CancelAsync(string eventId, string comment, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        var cancelled = await CallAsync(
            "cancel the meeting",
            async attempts =>
            {
                try
                {
                    await _graph.Users[Organizer].Events[eventId].Cancel.PostAsync(
                        new CancelPostRequestBody { Comment = comment },
                        c => c.Options.Add(attempts),
                        cancellationToken);
                    return true;
                }
                catch (ODataError e) when (e.ResponseStatusCode == (int)HttpStatusCode.NotFound && e.Error?.Code == ItemNotFound)
                {
                    // Gone already (cancelled or deleted before, maybe by a run whose answer was lost): the goal is met.
                    return false;
                }
            },
            cancellationToken);
        if (cancelled)
        {
            _logger?.LogInformation("Cancelled meeting event {EventId} in {Organizer}", eventId, Organizer);
        }
        else
        {
            _logger?.LogInformation("Meeting event {EventId} in {Organizer} was already gone; nothing to cancel", eventId, Organizer);
        }
    }

    public void Dispose()
    {
        _graph.Dispose();
        _http.Dispose();
    }

    internal static Event ToEvent(MeetingRequest request, bool creating)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.TransactionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Subject);
        var start = Utc(request.StartUtc);
        var end = Utc(request.EndUtc);
        if (end <= start)
        {
            throw new ArgumentException($"The meeting must end after it starts ({start:u} to {end:u}).", nameof(request));
        }

        var zone = Zone(request.TimeZone);
        var meeting = new Event
        {
            Subject = request.Subject,
            Body = new ItemBody { ContentType = BodyType.Html, Content = request.BodyHtml },
            Start = WallTime(start, zone),
            End = WallTime(end, zone),
            Attendees = request.Attendees.Select(Attendee).ToList(),
            IsOnlineMeeting = true,
            OnlineMeetingProvider = OnlineMeetingProviderType.TeamsForBusiness,
        };

        // Left out of a new event without one (the SDK would send an explicit null); on an update an empty name
        // clears the location set before.
        if (request.Location is not null || !creating)
        {
            meeting.Location = new Location { DisplayName = request.Location ?? "" };
        }

        return meeting;
    }

    /// <summary>
    /// Graph takes a wall-clock time plus a Windows time zone name (or one of a short list of IANA names), and shows
    /// the meeting to attendees in that zone. IANA ids are converted to their Windows names; a zone without one is
    /// sent as UTC, which is the same instant.
    /// </summary>
    internal static DateTimeTimeZone WallTime(DateTime utc, TimeZoneInfo zone)
    {
        var windowsId = zone.HasIanaId
            ? (TimeZoneInfo.TryConvertIanaIdToWindowsId(zone.Id, out var converted) ? converted : null)
            : zone.Id;
        return windowsId is null
            ? new DateTimeTimeZone { DateTime = Format(utc), TimeZone = "UTC" }
            : new DateTimeTimeZone { DateTime = Format(TimeZoneInfo.ConvertTimeFromUtc(utc, zone)), TimeZone = windowsId };
    }

    private static string Format(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    private static DateTime Utc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };

    private static TimeZoneInfo Zone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            throw new ArgumentException($"Unknown time zone '{id}': use an IANA id such as Asia/Tokyo.", nameof(id), e);
        }
    }

    private static Attendee Attendee(MeetingAttendee attendee)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(attendee.Email);
        var address = new EmailAddress { Address = attendee.Email.Trim() };
        if (!string.IsNullOrWhiteSpace(attendee.Name))
        {
            address.Name = attendee.Name.Trim();
        }

        return new Attendee { EmailAddress = address, Type = AttendeeType.Required };
    }

    private static TokenCredential Credential(GraphSettings settings)
    {
        if (settings.ClientSecret is not null)
        {
            return new ClientSecretCredential(settings.TenantId, settings.ClientId, settings.ClientSecret);
        }

        // Loaded here, at start, so a wrong path or password stops the app instead of the first showcase.
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(settings.CertificatePath!, settings.CertificatePassword);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"{GraphSettings.Section}:CertificatePath '{settings.CertificatePath}' could not be read as PKCS#12 (.pfx) with the configured password: {e.Message}", e);
        }

        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"{GraphSettings.Section}:CertificatePath must be a PKCS#12 (.pfx) file with the private key.");
        }

        return new ClientCertificateCredential(settings.TenantId, settings.ClientId, certificate);
    }

    private async Task<T> CallAsync<T>(string what, Func<GraphAttempts, Task<T>> call, CancellationToken cancellationToken)
    {
        var attempts = new GraphAttempts();
        try
        {
            return await call(attempts);
        }
        catch (Exception e) when (Failure(what, e, attempts, _settings.Timeout, cancellationToken) is { } failure)
        {
            _logger?.LogWarning(
                "Microsoft Graph call failed ({Kind}, status {StatusCode}, {Attempts} attempts): {Message}",
                failure.IsTransient ? "transient" : "permanent",
                failure.StatusCode,
                attempts.Count,
                failure.Message);
            throw failure;
        }
    }

    /// <summary>What a failed call means for the caller; null for exceptions that pass through (cancellation by the caller).</summary>
    internal static MeetingServiceException? Failure(string what, Exception e, GraphAttempts attempts, TimeSpan timeout, CancellationToken cancellationToken)
    {
        switch (e)
        {
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                return null;
            case ODataError error:
                return FromResponse(what, error, error.ResponseStatusCode, $"{error.Error?.Code}: {error.Error?.Message}", RequestId(error));
            case ApiException error:
                return FromResponse(what, error, error.ResponseStatusCode, error.Message, null);
            case OperationCanceledException:
                return new MeetingServiceException(
                    string.Create(CultureInfo.InvariantCulture, $"Microsoft Graph did not answer within {timeout.TotalSeconds} s to {what} (answers received: {attempts.Count})."),
                    isTransient: true,
                    e)
                { StatusCode = attempts.LastStatusCode, RetryAfterSeconds = attempts.LastRetryAfterSeconds };
            case HttpRequestException:
                return new MeetingServiceException($"Could not reach Microsoft Graph to {what}: {e.Message}", isTransient: true, e);
            case AuthenticationFailedException or CredentialUnavailableException:
                // Wrong secret, expired certificate or unknown app are permanent; a token endpoint out of reach is not.
                return new MeetingServiceException($"Could not get a Microsoft Graph token to {what}: {e.Message}", isTransient: IsNetworkFailure(e), e);
            case not null when IsTooManyRetries(e):
                return new MeetingServiceException(
                    $"Microsoft Graph was still busy after {attempts.Count} attempts to {what} (last status {attempts.LastStatusCode?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}).",
                    isTransient: true,
                    e)
                { StatusCode = attempts.LastStatusCode, RetryAfterSeconds = attempts.LastRetryAfterSeconds };
            default:
                return null;
        }
    }

    private static MeetingServiceException FromResponse(string what, ApiException error, int status, string detail, string? requestId)
    {
        var transient = status is (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500;
        var reference = requestId is null ? "" : $" (request-id {requestId})";
        return new MeetingServiceException($"Microsoft Graph refused to {what}: {status} {detail}{reference}", transient, error)
        {
            StatusCode = status,
            RetryAfterSeconds = GraphAttempts.RetryAfterSeconds(error.ResponseHeaders),
        };
    }

    private static string? RequestId(ODataError error) =>
        error.Error?.InnerError?.RequestId
        ?? error.ResponseHeaders?.FirstOrDefault(h => h.Key.Equals("request-id", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    // The SDK's retry handler gives up with "Too many retries performed", on its own or wrapped.
    private static bool IsTooManyRetries(Exception e) =>
        Chain(e).Any(x => x.Message.StartsWith("Too many retries", StringComparison.OrdinalIgnoreCase));

    private static bool IsNetworkFailure(Exception e) =>
        Chain(e).Skip(1).Any(x => x is HttpRequestException or TimeoutException or OperationCanceledException);

    private static IEnumerable<Exception> Chain(Exception e)
    {
        var pending = new Stack<Exception>([e]);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (current.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }
}
