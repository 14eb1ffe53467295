using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Mail;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cohort.IntegrationTests.Meetings;

/// <summary>One request as the fake received it, for assertions.</summary>
public sealed record FakeGraphRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name.ToLowerInvariant());

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>An event in the fake organiser calendar, as Exchange would hold it.</summary>
public sealed class FakeEvent
{
    public required string Id { get; init; }
    public string? TransactionId { get; init; }
    public required string JoinUrl { get; init; }
    public required string WebLink { get; init; }
    public string? Subject { get; set; }
    public string BodyHtml { get; set; } = "";
    public DateTime StartUtc { get; set; }
    public DateTime EndUtc { get; set; }
    public string? StartTimeZone { get; set; }
    public string? EndTimeZone { get; set; }
    public string? Location { get; set; }
    public List<(string Address, string? Name, string Type)> Attendees { get; set; } = [];
    public bool IsOnlineMeeting { get; set; }
    public string? OnlineMeetingProvider { get; set; }
    public bool IsCancelled { get; set; }
    public string? CancellationComment { get; set; }
    public int Version { get; set; } = 1;
}

/// <summary>How the fake answers a scripted request instead of serving it.</summary>
public sealed record FakeGraphFault(int Status, bool ServeFirst = false, int? RetryAfterSeconds = null, TimeSpan? Hang = null, string? Code = null, string? Message = null)
{
    /// <summary>429 with Retry-After, as Outlook's mailbox concurrency limit answers.</summary>
    public static FakeGraphFault Throttled(int retryAfterSeconds = 1) =>
        new(429, RetryAfterSeconds: retryAfterSeconds, Code: "ApplicationThrottled", Message: "Application is over its MailboxConcurrency limit.");

    public static FakeGraphFault Unavailable() =>
        new(503, Code: "ServiceNotAvailable", Message: "The service is temporarily unavailable. Please try again later.");

    /// <summary>The request is carried out, but the answer is lost and a 503 comes back instead.</summary>
    public static FakeGraphFault ServedButUnavailable() => Unavailable() with { ServeFirst = true };

    /// <summary>No answer for <paramref name="hang"/> (longer than the client waits); optionally carried out first.</summary>
    public static FakeGraphFault NoAnswer(TimeSpan hang, bool serveFirst) =>
        new(504, ServeFirst: serveFirst, Hang: hang, Code: "UnknownError", Message: "Gateway timeout.");

    /// <summary>What Graph says when the app may not touch the mailbox (e.g. outside its Exchange RBAC scope).</summary>
    public static FakeGraphFault AccessDenied() =>
        new(403, Code: "ErrorAccessDenied", Message: "Access is denied. Check credentials and try again.");
}

/// <summary>
/// A stand-in for Microsoft Graph's calendar API on a real loopback port (<c>http://127.0.0.1:PORT/v1.0</c>):
/// create (<c>POST /users/{id}/events</c>), get, update (<c>PATCH</c>) and cancel (<c>POST .../cancel</c>) an event
/// in one organiser mailbox, checked the way Microsoft's documentation describes them: bearer token, JSON content,
/// only properties the event type has (camelCase), enum values as Graph spells them, transactionId only on create.
/// Like Exchange it keeps events in a calendar, adds a Teams meeting (join URL and a block in the body) to online
/// meetings, and answers a create with a transactionId it has seen with the event created before. Faults can be
/// scripted for the next requests: throttling with Retry-After, 503, lost answers and hangs.
/// </summary>
public sealed class FakeGraphServer : IAsyncDisposable
{
    public const string AccessToken = "fake-graph-access-token";
    public const string TenantId = "7f8e9d0c-1b2a-4c3d-9e8f-0a1b2c3d4e5f";

    private static readonly string[] EventProperties =
        ["@odata.type", "subject", "body", "start", "end", "location", "attendees", "isOnlineMeeting", "onlineMeetingProvider", "transactionId"];

    private static readonly string[] AttendeeTypes = ["required", "optional", "resource"];
    private static readonly string[] OnlineMeetingProviders = ["unknown", "teamsForBusiness", "skypeForBusiness", "skypeForConsumer"];

    private readonly WebApplication _host;
    private readonly object _gate = new();
    private readonly List<FakeEvent> _events = [];
    private readonly List<FakeGraphRequest> _requests = [];
    private readonly ConcurrentQueue<FakeGraphFault> _faults = new();

    private FakeGraphServer(WebApplication host, string organizer)
    {
        _host = host;
        Organizer = organizer;
    }

    /// <summary>The mailbox whose calendar this fake holds; other mailboxes are unknown users.</summary>
    public string Organizer { get; }

    /// <summary>The Graph root to configure, <c>http://127.0.0.1:PORT/v1.0</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<FakeGraphRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Events in the calendar, cancelled ones excluded (cancel moves them to Deleted Items).</summary>
    public IReadOnlyList<FakeEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events.Where(e => !e.IsCancelled)];
            }
        }
    }

    public IReadOnlyList<FakeEvent> CancelledEvents
    {
        get
        {
            lock (_gate)
            {
                return [.. _events.Where(e => e.IsCancelled)];
            }
        }
    }

    public static async Task<FakeGraphServer> StartAsync(string organizer = "showcase@city.example.jp")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var host = builder.Build();
        var server = new FakeGraphServer(host, organizer);
        host.Run(server.HandleAsync);
        await host.StartAsync();

        // Port 0 lets the system pick a free port; the bound address says which.
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUrl = address.TrimEnd('/') + "/v1.0";
        return server;
    }

    /// <summary>The next <paramref name="times"/> requests, whatever they are, get <paramref name="fault"/>.</summary>
    public void FailNext(FakeGraphFault fault, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _faults.Enqueue(fault);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        await _host.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var recorded = new FakeGraphRequest(
            request.Method,
            request.Path.Value ?? "",
            request.QueryString.Value ?? "",
            request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
            body);
        lock (_gate)
        {
            _requests.Add(recorded);
        }

        var fault = _faults.TryDequeue(out var next) ? next : null;
        if (fault is { ServeFirst: false })
        {
            await AnswerWithFaultAsync(context, fault);
            return;
        }

        var (status, answer, headers) = Serve(recorded);
        if (fault is not null)
        {
            await AnswerWithFaultAsync(context, fault);
            return;
        }

        context.Response.StatusCode = status;
        foreach (var (name, value) in headers)
        {
            context.Response.Headers[name] = value;
        }

        if (answer is not null)
        {
            context.Response.ContentType = "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8";
            await context.Response.WriteAsync(answer.ToJsonString(), context.RequestAborted);
        }
    }

    private static async Task AnswerWithFaultAsync(HttpContext context, FakeGraphFault fault)
    {
        if (fault.Hang is { } hang)
        {
            try
            {
                await Task.Delay(hang, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the client gave up, as intended
            }
        }

        context.Response.StatusCode = fault.Status;
        if (fault.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(Error(fault.Code ?? "UnknownError", fault.Message ?? "").ToJsonString());
    }

    private (int Status, JsonNode? Body, Dictionary<string, string> Headers) Serve(FakeGraphRequest request)
    {
        var none = new Dictionary<string, string>();
        var authorization = request.Header("Authorization");
        if (string.IsNullOrEmpty(authorization))
        {
            return (401, Error("InvalidAuthenticationToken", "Access token is empty."), none);
        }

        if (authorization != "Bearer " + AccessToken)
        {
            return (401, Error("InvalidAuthenticationToken", "Access token validation failure."), none);
        }

        // /v1.0/users/{user}/events[/{id}[/cancel]]
        var segments = request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 4 || segments[0] != "v1.0" || segments[1] != "users" || segments[3] != "events" || segments.Length > 6
            || (segments.Length == 6 && segments[5] != "cancel"))
        {
            return (400, Error("BadRequest", $"Resource not found for the segment '{segments.LastOrDefault()}'."), none);
        }

        var user = segments[2];
        if (!string.Equals(user, Organizer, StringComparison.OrdinalIgnoreCase))
        {
            return (404, Error("ErrorInvalidUser", $"The requested user '{user}' is invalid."), none);
        }

        if (request.Method is "POST" or "PATCH" && !(request.Header("Content-Type") ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (415, Error("UnsupportedMediaType", "The request body must be JSON (Content-Type: application/json)."), none);
        }

        JsonObject? json = null;
        if (request.Method is "POST" or "PATCH")
        {
            try
            {
                json = JsonNode.Parse(request.Body) as JsonObject;
            }
            catch (JsonException)
            {
                json = null;
            }

            if (json is null)
            {
                return (400, Error("RequestBodyRead", "Invalid JSON: the request body must be a JSON object."), none);
            }
        }

        lock (_gate)
        {
            return (request.Method, segments.Length) switch
            {
                ("POST", 4) => Create(json!),
                ("GET", 5) => Get(segments[4]),
                ("PATCH", 5) => Update(segments[4], json!),
                ("POST", 6) => Cancel(segments[4], json!),
                _ => (405, Error("Request_BadRequest", $"{request.Method} is not supported on {request.Path}."), none),
            };
        }
    }

    private (int, JsonNode?, Dictionary<string, string>) Create(JsonObject json)
    {
        if (Validate(json, creating: true) is { } problem)
        {
            return (400, problem, []);
        }

        var transactionId = json["transactionId"]?.GetValue<string>();
        var existing = transactionId is null ? null : _events.FirstOrDefault(e => e.TransactionId == transactionId);
        if (existing is not null)
        {
            return (201, Representation(existing), []);
        }

        var created = NewEvent(transactionId);
        Apply(created, json);
        created.BodyHtml = ExchangeBody(json["body"]?["content"]?.GetValue<string>() ?? "", created.IsOnlineMeeting ? created.JoinUrl : null);
        _events.Add(created);
        return (201, Representation(created), new Dictionary<string, string> { ["Location"] = $"{BaseUrl}/users/{Organizer}/events/{created.Id}" });
    }

    private (int, JsonNode?, Dictionary<string, string>) Get(string id) =>
        Find(id) is { } found ? (200, Representation(found), []) : NotFound();

    private (int, JsonNode?, Dictionary<string, string>) Update(string id, JsonObject json)
    {
        if (Find(id) is not { } found)
        {
            return NotFound();
        }

        if (Validate(json, creating: false) is { } problem)
        {
            return (400, problem, []);
        }

        Apply(found, json);
        if (json["body"]?["content"]?.GetValue<string>() is { } content)
        {
            // Exchange keeps the body as given (wrapped in a document); it does not add the meeting block again.
            found.BodyHtml = ExchangeBody(content, null);
        }

        found.Version++;
        return (200, Representation(found), []);
    }

    private (int, JsonNode?, Dictionary<string, string>) Cancel(string id, JsonObject json)
    {
        if (Find(id) is not { } found)
        {
            return NotFound();
        }

        // Graph's metadata names the action's parameter "Comment" (and the SDK sends that); the documentation's
        // table writes "comment". Graph matches parameter names without regard to case; anything else is refused.
        foreach (var (name, _) in json)
        {
            if (!name.Equals("Comment", StringComparison.OrdinalIgnoreCase))
            {
                return (400, Error("RequestBodyRead", $"The parameter '{name}' in the request payload is not a valid parameter for the operation 'cancel'."), []);
            }
        }

        found.IsCancelled = true;
        found.CancellationComment = json.FirstOrDefault(p => p.Key.Equals("Comment", StringComparison.OrdinalIgnoreCase)).Value?.GetValue<string>();
        return (202, null, []);
    }

    private FakeEvent? Find(string id) => _events.FirstOrDefault(e => e.Id == id && !e.IsCancelled);

    private static (int, JsonNode?, Dictionary<string, string>) NotFound() =>
        (404, Error("ErrorItemNotFound", "The specified object was not found in the store."), []);

    private FakeEvent NewEvent(string? transactionId)
    {
        // Exchange ids are long base64 strings with '-' and '_' for '/' and '+', often ending in '='.
        var raw = Convert.ToBase64String([.. Encoding.ASCII.GetBytes("AAMkAGI1"), .. Guid.NewGuid().ToByteArray(), 0xfb, 0xff]);
        var id = raw.Replace('/', '-').Replace('+', '_');
        var meeting = Guid.NewGuid().ToString("N");
        return new FakeEvent
        {
            Id = id,
            TransactionId = transactionId,
            JoinUrl = $"https://teams.microsoft.com/l/meetup-join/19%3ameeting_{meeting}%40thread.v2/0?context=%7b%22Tid%22%3a%22{TenantId}%22%7d",
            WebLink = $"https://outlook.office365.com/owa/?itemid={Uri.EscapeDataString(id)}&exvsurl=1&path=/calendar/item",
        };
    }

    /// <returns>An ODataError body when the event JSON breaks a rule of the documentation, otherwise null.</returns>
    private static JsonNode? Validate(JsonObject json, bool creating)
    {
        foreach (var (name, _) in json)
        {
            if (!EventProperties.Contains(name, StringComparer.Ordinal))
            {
                return Error("RequestBodyRead", $"The property '{name}' does not exist on type 'microsoft.graph.event'. Make sure to only use property names that are defined by the type or mark the type as open type.");
            }
        }

        if (json["@odata.type"] is { } type && type.GetValue<string>() != "#microsoft.graph.event")
        {
            return Error("RequestBodyRead", $"A type named '{type}' could not be resolved by the model.");
        }

        if (!creating && json.ContainsKey("transactionId"))
        {
            return Error("ErrorInvalidRequest", "The transactionId of an event cannot be changed after it is created.");
        }

        if (creating)
        {
            foreach (var required in new[] { "subject", "start", "end" })
            {
                if (!json.ContainsKey(required))
                {
                    return Error("ErrorInvalidRequest", $"Your request is missing the required property '{required}'.");
                }
            }

            if (json["transactionId"] is { } transaction && string.IsNullOrWhiteSpace(transaction.GetValue<string>()))
            {
                return Error("ErrorInvalidRequest", "The transactionId must not be empty.");
            }
        }

        if (json["body"] is JsonObject body)
        {
            if (body["contentType"]?.GetValue<string>() is not ("html" or "text") || body["content"] is null)
            {
                return Error("RequestBodyRead", "The body needs contentType 'html' or 'text' and content.");
            }
        }

        DateTime? start = null, end = null;
        foreach (var name in new[] { "start", "end" })
        {
            if (json[name] is null)
            {
                continue;
            }

            if (ReadDateTimeTimeZone(json[name]) is not { } instant)
            {
                return Error("ErrorInvalidRequest", $"The {name} needs dateTime (yyyy-MM-ddTHH:mm:ss) and a timeZone Exchange knows.");
            }

            if (name == "start")
            {
                start = instant.Utc;
            }
            else
            {
                end = instant.Utc;
            }
        }

        if (start is not null && end is not null && end <= start)
        {
            return Error("ErrorInvalidRequest", "The end of the event must be after its start.");
        }

        if (json["location"] is { } location && (location is not JsonObject || location["displayName"] is null))
        {
            return Error("RequestBodyRead", "The location needs a displayName.");
        }

        if (json["attendees"] is { } attendees)
        {
            if (attendees is not JsonArray list)
            {
                return Error("RequestBodyRead", "attendees must be an array.");
            }

            foreach (var attendee in list)
            {
                var address = attendee?["emailAddress"]?["address"]?.GetValue<string>();
                if (address is null || !MailAddress.TryCreate(address, out var parsed) || parsed.Address != address)
                {
                    return Error("ErrorInvalidRecipients", $"At least one recipient isn't valid: '{address}' is not a valid SMTP address.");
                }

                if (attendee!["type"]?.GetValue<string>() is not { } attendeeType || !AttendeeTypes.Contains(attendeeType, StringComparer.Ordinal))
                {
                    return Error("RequestBodyRead", $"The attendee type must be one of {string.Join(", ", AttendeeTypes)}.");
                }
            }
        }

        if (json["isOnlineMeeting"] is { } online && online.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            return Error("RequestBodyRead", "isOnlineMeeting must be a boolean.");
        }

        if (json["onlineMeetingProvider"] is { } provider && !OnlineMeetingProviders.Contains(provider.GetValue<string>(), StringComparer.Ordinal))
        {
            return Error("RequestBodyRead", $"The value '{provider}' is not valid for onlineMeetingProviderType.");
        }

        return null;
    }

    private static (DateTime Utc, string TimeZone)? ReadDateTimeTimeZone(JsonNode? node)
    {
        var text = node?["dateTime"]?.GetValue<string>();
        var zoneId = node?["timeZone"]?.GetValue<string>();
        if (text is null || zoneId is null
            || !DateTime.TryParseExact(text, ["yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.fffffff"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall))
        {
            return null;
        }

        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
            return (TimeZoneInfo.ConvertTimeToUtc(wall, zone), zoneId);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return null;
        }
    }

    private static void Apply(FakeEvent target, JsonObject json)
    {
        if (json["subject"] is { } subject)
        {
            target.Subject = subject.GetValue<string>();
        }

        if (ReadDateTimeTimeZone(json["start"]) is { } start)
        {
            (target.StartUtc, target.StartTimeZone) = start;
        }

        if (ReadDateTimeTimeZone(json["end"]) is { } end)
        {
            (target.EndUtc, target.EndTimeZone) = end;
        }

        if (json["location"] is { } location)
        {
            var name = location["displayName"]!.GetValue<string>();
            target.Location = name.Length == 0 ? null : name;
        }

        if (json["attendees"] is JsonArray attendees)
        {
            target.Attendees = [.. attendees.Select(a => (
                a!["emailAddress"]!["address"]!.GetValue<string>(),
                a["emailAddress"]!["name"]?.GetValue<string>(),
                a["type"]!.GetValue<string>()))];
        }

        if (json["isOnlineMeeting"] is { } online)
        {
            target.IsOnlineMeeting = online.GetValue<bool>();
        }

        if (json["onlineMeetingProvider"] is { } provider)
        {
            target.OnlineMeetingProvider = provider.GetValue<string>();
        }
    }

    /// <summary>The body as Exchange stores it: a whole document, with the Teams block appended for online meetings.</summary>
    private static string ExchangeBody(string content, string? joinUrl)
    {
        var meeting = joinUrl is null ? "" : $"""
            <div style="width:100%;height:20px"><span style="white-space:nowrap;color:#5F5F5F;opacity:.36">________________________________________________________________________________</span></div>
            <div class="me-email-text" lang="en-US" style="color:#252424;font-family:'Segoe UI','Helvetica Neue',Helvetica,Arial,sans-serif">
            <div style="margin-top:24px;margin-bottom:20px"><span style="font-size:24px;color:#252424">Microsoft Teams meeting</span></div>
            <div style="margin-bottom:20px"><div style="margin-top:0px;margin-bottom:0px;font-weight:bold"><span style="font-size:14px;color:#252424">Join on your computer, mobile app or room device</span></div>
            <a class="me-email-headline" style="font-size:14px;text-decoration:underline;color:#6264a7" href="{joinUrl}" target="_blank" rel="noreferrer noopener">Click here to join the meeting</a></div>
            <div style="margin-bottom:20px;margin-top:20px"><div style="margin-bottom:4px"><span style="font-size:14px;color:#252424">Meeting ID: <span style="font-size:16px;color:#252424">381 205 774 912</span></span></div></div>
            </div>
            <div style="width:100%;height:20px"><span style="white-space:nowrap;color:#5F5F5F;opacity:.36">________________________________________________________________________________</span></div>
            """;
        return $"<html>\r\n<head>\r\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\r\n</head>\r\n<body>\r\n{content}\r\n{meeting}\r\n</body>\r\n</html>\r\n";
    }

    private JsonObject Representation(FakeEvent e) => new()
    {
        ["@odata.context"] = $"{BaseUrl}/$metadata#users('{Organizer}')/events/$entity",
        ["@odata.etag"] = $"W/\"{Convert.ToBase64String(BitConverter.GetBytes(e.Version))}\"",
        ["id"] = e.Id,
        ["subject"] = e.Subject,
        ["body"] = new JsonObject { ["contentType"] = "html", ["content"] = e.BodyHtml },
        ["start"] = new JsonObject { ["dateTime"] = e.StartUtc.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture), ["timeZone"] = "UTC" },
        ["end"] = new JsonObject { ["dateTime"] = e.EndUtc.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture), ["timeZone"] = "UTC" },
        ["originalStartTimeZone"] = e.StartTimeZone,
        ["originalEndTimeZone"] = e.EndTimeZone,
        ["location"] = new JsonObject { ["displayName"] = e.Location ?? "", ["locationType"] = "default" },
        ["attendees"] = new JsonArray([.. e.Attendees.Select(a => (JsonNode)new JsonObject
        {
            ["type"] = a.Type,
            ["status"] = new JsonObject { ["response"] = "none", ["time"] = "0001-01-01T00:00:00Z" },
            ["emailAddress"] = new JsonObject { ["name"] = a.Name ?? a.Address, ["address"] = a.Address },
        })]),
        ["organizer"] = new JsonObject { ["emailAddress"] = new JsonObject { ["name"] = "Showcase", ["address"] = Organizer } },
        ["isOrganizer"] = true,
        ["isCancelled"] = e.IsCancelled,
        ["isOnlineMeeting"] = e.IsOnlineMeeting,
        ["onlineMeetingProvider"] = e.OnlineMeetingProvider ?? "unknown",
        ["onlineMeeting"] = e.IsOnlineMeeting ? new JsonObject { ["joinUrl"] = e.JoinUrl } : null,
        ["transactionId"] = e.TransactionId,
        ["webLink"] = e.WebLink,
        ["type"] = "singleInstance",
    };

    private static JsonObject Error(string code, string message) => new()
    {
        ["error"] = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["innerError"] = new JsonObject
            {
                ["date"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
                ["request-id"] = Guid.NewGuid().ToString(),
                ["client-request-id"] = Guid.NewGuid().ToString(),
            },
        },
    };
}
