using System.Text.Json;
using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure.Auth;
using MediatR;

namespace Cohort.Web.Infrastructure.Mediation;

/// <summary>
/// Records every command (a request type named <c>Command</c>) that succeeded: who, when, which one, for
/// which organisation or programme, with its values minus secrets, file contents and free-text goals. The entry is added
/// before the handler runs so it is saved in the same transaction as the change.
/// </summary>
public sealed class AuditBehavior<TRequest, TResponse>(CohortDbContext db, CurrentUser user, TimeProvider clock)
    : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly bool IsCommand = typeof(TRequest).Name == "Command";

    private static readonly string Action = typeof(TRequest).DeclaringType?.Name ?? typeof(TRequest).Name;

    private static readonly JsonSerializerOptions Json = new()
    {
        // Stored as data and shown HTML-encoded by the page; Japanese stays readable.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private static readonly HashSet<string> Hidden = new(StringComparer.OrdinalIgnoreCase) { "Password", "Token", "Content", "Goals", "Document" };

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (!IsCommand)
        {
            return await next();
        }

        var entry = new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            UserId = user.Id,
            UserName = AuditTrail.Fit(user.Name, 254),
            Action = Action,
            ProgramId = (request as IProgramRequest)?.ProgramId,
            OrganizationId = (request as IOrganizationRequest)?.OrganizationId,
            Details = Describe(request!),
        };
        db.AuditEntries.Add(entry);
        try
        {
            var response = await next();
            if (db.Entry(entry).State == Microsoft.EntityFrameworkCore.EntityState.Added)
            {
                // The handler changed nothing (an idempotent repeat): still worth recording that it was asked.
                await db.SaveChangesAsync(cancellationToken);
            }

            return response;
        }
        catch
        {
            db.Entry(entry).State = Microsoft.EntityFrameworkCore.EntityState.Detached;
            throw;
        }
    }

    private static string Describe(object request)
    {
        var values = new Dictionary<string, object?>();
        foreach (var property in request.GetType().GetProperties())
        {
            var value = property.GetValue(request);
            values[property.Name] = Hidden.Contains(property.Name)
                ? value is byte[] bytes ? $"({bytes.Length} bytes)" : "(hidden)"
                : value;
        }

        var json = JsonSerializer.Serialize(values, Json);
        return json.Length <= 4000 ? json : json[..3990] + "…";
    }
}
