using System.Data.Common;
using System.Text.Json;
using Cohort.Benchmarks.Data;
using Cohort.Web.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Benchmarks.Routes;

/// <summary>
/// The floor of a route: a minimal endpoint in the same process that returns the same rows as the route with one
/// hand-written SQL query, streamed from the reader to JSON — no mediator, validation, access check, EF
/// materialisation or health rule. Anonymous (only the benchmark host maps them, on loopback), so the route's ratio to
/// its floor includes the cost of token authentication. The floor's health is the latest check-in's; the route
/// evaluates the health rule in C# over the same rows.
/// </summary>
internal static class Floors
{
    public static void Map(WebApplication app, DatabaseProvider provider)
    {
        var postgres = provider == DatabaseProvider.PostgreSql;
        var floor = app.MapGroup("/bench/floor").AllowAnonymous();
        floor.MapGet("/programs/{programId:guid}/dashboard", (Guid programId, CohortDbContext db, HttpResponse response, CancellationToken ct) =>
            StreamAsync(db, response, postgres ? DashboardPostgres : DashboardSqlite, ct, ("p", Id(programId, postgres)), ("today", Today(postgres))));
        floor.MapGet("/programs/{programId:guid}/teams/{teamId:guid}/timeline", (Guid programId, Guid teamId, CohortDbContext db, HttpResponse response, CancellationToken ct) =>
            StreamAsync(db, response, postgres ? TimelinePostgres : TimelineSqlite, ct, ("p", Id(programId, postgres)), ("t", Id(teamId, postgres))));
    }

    /// <summary>Per team: mentors, latest check-in (date, health), open and overdue action items, the programme's next milestone.</summary>
    private const string DashboardSelect = """
        SELECT t."Id", t."Name", t."Department", {0} AS "Mentors",
          (SELECT c."HeldOn" FROM "CheckIns" c WHERE c."TeamId" = t."Id" ORDER BY c."HeldOn" DESC, c."CreatedAt" DESC LIMIT 1) AS "LastCheckIn",
          (SELECT c."Health" FROM "CheckIns" c WHERE c."TeamId" = t."Id" ORDER BY c."HeldOn" DESC, c."CreatedAt" DESC LIMIT 1) AS "Health",
          (SELECT count(*) FROM "ActionItems" i WHERE i."TeamId" = t."Id" AND i."Status" = 'Open') AS "OpenItems",
          (SELECT count(*) FROM "ActionItems" i WHERE i."TeamId" = t."Id" AND i."Status" = 'Open' AND i."DueDate" < @today) AS "OverdueItems",
          (SELECT m."Name" FROM "Milestones" m JOIN "Stages" s ON s."Id" = m."StageId" WHERE s."ProgramId" = @p AND m."DueDate" >= @today ORDER BY m."DueDate" LIMIT 1) AS "NextMilestone",
          (SELECT m."DueDate" FROM "Milestones" m JOIN "Stages" s ON s."Id" = m."StageId" WHERE s."ProgramId" = @p AND m."DueDate" >= @today ORDER BY m."DueDate" LIMIT 1) AS "NextMilestoneDue"
        FROM "Teams" t WHERE t."ProgramId" = @p ORDER BY t."Name"
        """;

    private static readonly string DashboardPostgres = string.Format(DashboardSelect,
        """(SELECT string_agg(m."Name", ', ' ORDER BY m."Name") FROM "MentorAssignments" a JOIN "Mentors" m ON m."Id" = a."MentorId" WHERE a."TeamId" = t."Id")""");

    private static readonly string DashboardSqlite = string.Format(DashboardSelect,
        """(SELECT group_concat(n, ', ') FROM (SELECT m."Name" AS n FROM "MentorAssignments" a JOIN "Mentors" m ON m."Id" = a."MentorId" WHERE a."TeamId" = t."Id" ORDER BY m."Name"))""");

    /// <summary>The team's check-ins (mentor, notes, replies) and action items (owner, status) as one dated list.</summary>
    private const string TimelineSelect = """
        SELECT 'CheckIn' AS "Kind", c."Id", c."HeldOn" AS "Date", c."DurationMinutes", c."Format", m."Name" AS "Mentor", c."Attendees", c."SharedNotes",
          c."PrivateNotes", c."Health", c."HealthReason", c."Blockers", {0} AS "Replies", NULL AS "Title", NULL AS "Status", NULL AS "Owner", NULL AS "CarryOverCount"
        FROM "CheckIns" c LEFT JOIN "Mentors" m ON m."Id" = c."MentorId" WHERE c."TeamId" = @t AND c."ProgramId" = @p
        UNION ALL
        SELECT 'ActionItem', i."Id", i."DueDate", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, i."Title", i."Status", o."Name", i."CarryOverCount"
        FROM "ActionItems" i LEFT JOIN "Participants" o ON o."Id" = i."OwnerParticipantId" WHERE i."TeamId" = @t AND i."ProgramId" = @p
        ORDER BY 3 DESC
        """;

    private static readonly string TimelinePostgres = string.Format(TimelineSelect,
        """(SELECT string_agg(r."AuthorName" || ': ' || r."Text", E'\n' ORDER BY r."CreatedAt") FROM "CheckInReplies" r WHERE r."CheckInId" = c."Id")""");

    private static readonly string TimelineSqlite = string.Format(TimelineSelect,
        """(SELECT group_concat(x, char(10)) FROM (SELECT r."AuthorName" || ': ' || r."Text" AS x FROM "CheckInReplies" r WHERE r."CheckInId" = c."Id" ORDER BY r."CreatedAt"))""");

    // SQLite keeps GUIDs as upper-case text and dates as yyyy-MM-dd text (EF's mapping); PostgreSQL as uuid and date.
    private static object Id(Guid id, bool postgres) => postgres ? id : id.ToString().ToUpperInvariant();

    private static object Today(bool postgres)
    {
        var today = DateOnly.FromDateTime(SyntheticData.Anchor.UtcDateTime);
        return postgres ? today : today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task StreamAsync(CohortDbContext db, HttpResponse response, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        await using var reader = await command.ExecuteReaderAsync(ct);
        response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(response.Body);
        json.WriteStartArray();
        while (await reader.ReadAsync(ct))
        {
            json.WriteStartObject();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                json.WritePropertyName(reader.GetName(i));
                WriteValue(json, reader, i);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        await json.FlushAsync(ct);
    }

    private static void WriteValue(Utf8JsonWriter json, DbDataReader reader, int i)
    {
        if (reader.IsDBNull(i))
        {
            json.WriteNullValue();
            return;
        }

        switch (reader.GetValue(i))
        {
            case long n:
                json.WriteNumberValue(n);
                break;
            case int n:
                json.WriteNumberValue(n);
                break;
            case Guid g:
                json.WriteStringValue(g);
                break;
            case DateOnly d:
                json.WriteStringValue(d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                break;
            case DateTime d:
                json.WriteStringValue(d);
                break;
            case var other:
                json.WriteStringValue(Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture));
                break;
        }
    }
}
