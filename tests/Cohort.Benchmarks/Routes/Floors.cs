using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Cohort.Benchmarks.Data;
using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Features.Cases;
using Cohort.Web.Features.CheckIns;
using Cohort.Web.Features.Submissions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Cohort.Benchmarks.Routes;

/// <summary>
/// The floor of a route: a minimal endpoint in the same process that returns the same rows as the route with one
/// hand-written SQL query, streamed from the reader to JSON — no mediator, validation, access check, EF
/// materialisation or health rule. Anonymous (only the benchmark host maps them, on loopback), so the route's ratio to
/// its floor includes the cost of authentication; where the route depends on who asks (mentor home, case search, the
/// writes), the floor takes that user's id as a query value. The floor's health is the latest check-in's; the route
/// evaluates the health rule in C# over the same rows. The write floors make the same row changes as their route (the
/// audit rows included) with one hand-written batch in one transaction, as the route's SaveChanges does.
/// </summary>
internal static class Floors
{
    /// <summary>The options AuditBehavior serialises a command with, so the floor's audit rows hold the same Details.</summary>
    private static readonly JsonSerializerOptions AuditJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private static readonly DateOnly Today = DateOnly.FromDateTime(SyntheticData.Anchor.UtcDateTime);

    public static void Map(WebApplication app, DatabaseProvider provider)
    {
        var postgres = provider == DatabaseProvider.PostgreSql;
        var floor = app.MapGroup("/bench/floor").AllowAnonymous();
        floor.MapGet("/programs/{programId:guid}/dashboard", (Guid programId, CohortDbContext db, HttpResponse response, CancellationToken ct) =>
            StreamAsync(db, response, postgres ? DashboardPostgres : DashboardSqlite, ct, ("p", Id(programId, postgres)), ("today", Day(Today, postgres))));
        floor.MapGet("/programs/{programId:guid}/teams/{teamId:guid}/timeline", (Guid programId, Guid teamId, CohortDbContext db, HttpResponse response, CancellationToken ct) =>
            StreamAsync(db, response, postgres ? TimelinePostgres : TimelineSqlite, ct, ("p", Id(programId, postgres)), ("t", Id(teamId, postgres))));
        floor.MapGet("/me/mentoring", (Guid user, CohortDbContext db, HttpResponse response, CancellationToken ct) =>
            StreamAsync(db, response, MentorHomeSelect, ct, ("u", Id(user, postgres)), ("today", Day(Today, postgres)), ("month", Day(new DateOnly(Today.Year, Today.Month, 1), postgres))));
        floor.MapGet("/cases", (Guid user, string? q, CohortDbContext db, HttpResponse response, CancellationToken ct) =>
        {
            var (sql, parameters) = CaseSearch(CaseSearchText.Terms(q), user, postgres);
            return StreamAsync(db, response, sql, ct, parameters);
        });
        floor.MapPost("/programs/{programId:guid}/teams/{teamId:guid}/checkins", (Guid programId, Guid teamId, Guid user, RecordCheckIn.Command command, CohortDbContext db, TimeProvider clock, CancellationToken ct) =>
            RecordCheckInAsync(db, clock, command with { ProgramId = programId, TeamId = teamId }, user, ct));
        floor.MapPost("/programs/{programId:guid}/teams/{teamId:guid}/milestones/{milestoneId:guid}/submit", (Guid programId, Guid teamId, Guid milestoneId, Guid user, SaveSubmissionDraft.Command command, CohortDbContext db, TimeProvider clock, CancellationToken ct) =>
            SubmitAsync(db, clock, command with { ProgramId = programId, TeamId = teamId, MilestoneId = milestoneId }, user, ct));
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

    private static readonly string DashboardPostgres = string.Format(CultureInfo.InvariantCulture, DashboardSelect,
        """(SELECT string_agg(m."Name", ', ' ORDER BY m."Name") FROM "MentorAssignments" a JOIN "Mentors" m ON m."Id" = a."MentorId" WHERE a."TeamId" = t."Id")""");

    private static readonly string DashboardSqlite = string.Format(CultureInfo.InvariantCulture, DashboardSelect,
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

    private static readonly string TimelinePostgres = string.Format(CultureInfo.InvariantCulture, TimelineSelect,
        """(SELECT string_agg(r."AuthorName" || ': ' || r."Text", E'\n' ORDER BY r."CreatedAt") FROM "CheckInReplies" r WHERE r."CheckInId" = c."Id")""");

    private static readonly string TimelineSqlite = string.Format(CultureInfo.InvariantCulture, TimelineSelect,
        """(SELECT group_concat(x, char(10)) FROM (SELECT r."AuthorName" || ': ' || r."Text" AS x FROM "CheckInReplies" r WHERE r."CheckInId" = c."Id" ORDER BY r."CreatedAt"))""");

    /// <summary>
    /// Mentor home: one row per team the user mentors (in any programme, as the route takes them: every assignment ever)
    /// with its programme, organisation, latest check-in, overdue item count and check-in cadence; one row per overdue
    /// open item of those teams (with its owner); one row with the user's check-ins and minutes this month. The route's
    /// "due this week" needs the health rule's next due date (working days): the floor returns the cadence and the latest
    /// date it is computed from, not the flag.
    /// </summary>
    /// <remarks>
    /// Joins from the mentor rather than IN (subquery) for the assignments and the month: with IN, SQLite 3.40 scanned
    /// every assignment and skip-scanned the check-ins by team; the overdue items the other way round (joined, it
    /// skip-scanned every overdue item in the country). SQLite's names are case-insensitive: a CTE named like a table ("teams") would hide
    /// "Teams". PostgreSQL types UNION columns branch by branch: two untyped NULLs become text, which then cannot meet
    /// the sum's bigint.
    /// </remarks>
    private const string MentorHomeSelect = """
        WITH assigned AS (SELECT DISTINCT a."TeamId" FROM "Mentors" m JOIN "MentorAssignments" a ON a."MentorId" = m."Id" WHERE m."UserId" = @u)
        SELECT 'Team' AS "Kind", t."Id", p."Id" AS "ProgramId", p."Title", o."Name" AS "Organization", t."Name",
          (SELECT c."HeldOn" FROM "CheckIns" c WHERE c."TeamId" = t."Id" ORDER BY c."HeldOn" DESC, c."CreatedAt" DESC LIMIT 1) AS "Date",
          (SELECT c."Health" FROM "CheckIns" c WHERE c."TeamId" = t."Id" ORDER BY c."HeldOn" DESC, c."CreatedAt" DESC LIMIT 1) AS "Health",
          (SELECT count(*) FROM "ActionItems" i WHERE i."TeamId" = t."Id" AND i."Status" = 'Open' AND i."DueDate" < @today) AS "Count",
          coalesce(t."CheckInCadenceWorkingDays", p."CheckInCadenceWorkingDays") AS "Cadence", CAST(NULL AS BIGINT) AS "Minutes"
        FROM assigned x JOIN "Teams" t ON t."Id" = x."TeamId" JOIN "TrainingPrograms" p ON p."Id" = t."ProgramId" JOIN "Organizations" o ON o."Id" = p."OrganizationId"
        UNION ALL
        SELECT 'OverdueItem', i."Id", i."ProgramId", i."Title", NULL, w."Name", i."DueDate", NULL, i."CarryOverCount", NULL, NULL
        FROM "ActionItems" i LEFT JOIN "Participants" w ON w."Id" = i."OwnerParticipantId"
        WHERE i."TeamId" IN (SELECT "TeamId" FROM assigned) AND i."Status" = 'Open' AND i."DueDate" < @today
        UNION ALL
        SELECT 'Month', NULL, NULL, NULL, NULL, NULL, NULL, NULL, count(*), NULL, sum(c."DurationMinutes")
        FROM "Mentors" m JOIN "CheckIns" c ON c."MentorId" = m."Id" WHERE m."UserId" = @u AND c."HeldOn" >= @month
        """;

    /// <summary>
    /// Case search in one statement: the cases the user may see (their organisations' — members, or through a programme
    /// they organise, mentor in or take part in — plus every shared and public one) that contain every term, through the
    /// same index as the route (SQLite: the FTS5 trigram table, words under three characters with instr() on its rows;
    /// PostgreSQL: LIKE on "SearchText", served by the pg_trgm index); then the first page by relevance (terms in the
    /// title, newest, id), the total, and the five facet counts with the route's limits.
    /// </summary>
    private static (string Sql, (string, object)[] Parameters) CaseSearch(IReadOnlyList<string> terms, Guid user, bool postgres)
    {
        var parameters = new List<(string, object)> { ("u", Id(user, postgres)) };
        var match = new List<string>();
        var relevance = new List<string>();
        if (postgres)
        {
            foreach (var (term, i) in terms.Select((x, i) => (x, i)))
            {
                parameters.Add(($"like{i}", CaseSearchText.Contains(term)));
                match.Add($"""c."SearchText" LIKE @like{i}""");
            }
        }
        else if (terms.Count > 0)
        {
            var fts = new List<string>();
            var longTerms = terms.Where(x => x.Length >= 3).ToList();
            if (longTerms.Count > 0)
            {
                parameters.Add(("match", string.Join(" AND ", longTerms.Select(x => "\"" + x.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""))));
                fts.Add("""
                    "CaseSearch" MATCH @match
                    """);
            }

            foreach (var (term, i) in terms.Where(x => x.Length < 3).Select((x, i) => (x, i)))
            {
                parameters.Add(($"short{i}", term));
                fts.Add($"""instr("SearchText", @short{i}) > 0""");
            }

            match.Add($"""c."Id" IN (SELECT r."CaseId" FROM "CaseSearchRows" r WHERE r."RowId" IN (SELECT rowid FROM "CaseSearch" WHERE {string.Join(" AND ", fts)}))""");
        }

        foreach (var (term, i) in terms.Select((x, i) => (x, i)))
        {
            parameters.Add(($"title{i}", term));
            relevance.Add(postgres ? $"""(strpos(v."Title", @title{i}) > 0)::int""" : $"""(instr(v."Title", @title{i}) > 0)""");
        }

        // A NULL in a subquery's output is text to PostgreSQL, which then cannot put it under a uuid, int or timestamp column.
        string Null(string type) => postgres ? "NULL::" + type : "NULL";
        string Facet(string kind, string column, int? limit) => $"""
            SELECT * FROM (SELECT '{kind}' AS "Kind", {Null("uuid")} AS "Id", CAST(v."{column}" AS TEXT) AS "Title", NULL AS "Organization", NULL AS "Department", NULL AS "DepartmentArea",
              NULL AS "ProblemType", NULL AS "Tool", NULL AS "Outcome", {Null("int")} AS "Year", NULL AS "Level", NULL AS "Summary", count(*) AS "Count", {Null("timestamptz")} AS "UpdatedAt"
            FROM v WHERE v."{column}" IS NOT NULL AND CAST(v."{column}" AS TEXT) <> '' GROUP BY v."{column}" ORDER BY count(*) DESC, v."{column}"{(limit is { } n ? $" LIMIT {n}" : "")}) AS {kind.ToLowerInvariant()}
            """;

        var sql = $"""
            WITH orgs AS (
              SELECT m."OrganizationId" AS "Id" FROM "OrganizationMembers" m WHERE m."UserId" = @u
              UNION SELECT p."OrganizationId" FROM "ProgramMembers" pm JOIN "TrainingPrograms" p ON p."Id" = pm."ProgramId" WHERE pm."UserId" = @u
              UNION SELECT p."OrganizationId" FROM "MentorAssignments" a JOIN "Mentors" me ON me."Id" = a."MentorId" JOIN "Teams" t ON t."Id" = a."TeamId"
                JOIN "TrainingPrograms" p ON p."Id" = t."ProgramId" WHERE me."UserId" = @u
              UNION SELECT p."OrganizationId" FROM "Participants" x JOIN "TrainingPrograms" p ON p."Id" = x."ProgramId" WHERE x."UserId" = @u AND x."TeamId" IS NOT NULL),
            v AS MATERIALIZED (SELECT c."Id", c."OrganizationId", c."Title", c."Department", c."DepartmentArea", c."ProblemType", c."Tool", c."Outcome", c."Year", c."Level", c."AsIs", c."UpdatedAt"
              FROM "Cases" c WHERE (c."Level" <> 'Private' OR c."OrganizationId" IN (SELECT "Id" FROM orgs)){string.Concat(match.Select(m => " AND " + m))})
            SELECT * FROM (SELECT 'Item' AS "Kind", v."Id", v."Title", o."Name" AS "Organization", v."Department", v."DepartmentArea", v."ProblemType", v."Tool", v."Outcome", v."Year", v."Level",
                CASE WHEN length(v."AsIs") > 140 THEN substr(v."AsIs", 1, 140) || '…' ELSE v."AsIs" END AS "Summary",
                (SELECT count(*) FROM "CaseReuses" r WHERE r."CaseId" = v."Id") AS "Count", v."UpdatedAt"
              FROM v JOIN "Organizations" o ON o."Id" = v."OrganizationId"
              ORDER BY {(relevance.Count == 0 ? "" : string.Join(" + ", relevance) + " DESC, ")}v."UpdatedAt" DESC, v."Id" LIMIT {CaseSearcher.PageSize}) AS items
            UNION ALL SELECT 'Total', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, count(*), NULL FROM v
            UNION ALL {Facet("Area", "DepartmentArea", 50)}
            UNION ALL {Facet("Tool", "Tool", 15)}
            UNION ALL {Facet("Problem", "ProblemType", 50)}
            UNION ALL {Facet("Outcome", "Outcome", null)}
            UNION ALL {Facet("Year", "Year", null)}
            """;
        return (sql, parameters.ToArray());
    }

    /// <summary>
    /// Recording a check-in: the check-in row (the recorder's mentor record looked up in the same statement) and the
    /// audit row AuditBehavior adds, in one transaction. Leaves out what the route checks first (access, validation,
    /// every open action item decided) and any decision or new item: the measured teams have no open items and the
    /// request raises none, so the route changes no other row either.
    /// </summary>
    private static async Task<IResult> RecordCheckInAsync(CohortDbContext db, TimeProvider clock, RecordCheckIn.Command c, Guid user, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await ExecuteAsync(db, """
            INSERT INTO "CheckIns" ("Id", "Version", "CreatedAt", "UpdatedAt", "ProgramId", "TeamId", "MentorId", "RecordedByUserId", "HeldOn", "DurationMinutes",
              "Format", "Attendees", "SharedNotes", "PrivateNotes", "Health", "HealthReason", "Blockers")
            SELECT @id, @version, @now, @now, t."ProgramId", t."Id", (SELECT m."Id" FROM "Mentors" m WHERE m."UserId" = @user LIMIT 1), @user, @heldOn, @minutes,
              @format, @attendees, @shared, @private, @health, @reason, @blockers
            FROM "Teams" t WHERE t."Id" = @team AND t."ProgramId" = @program;
            INSERT INTO "AuditEntries" ("At", "UserId", "UserName", "Action", "ProgramId", "Details")
            SELECT @at, u."Id", u."UserName", 'RecordCheckIn', @program, @details FROM "AspNetUsers" u WHERE u."Id" = @user;
            """, p => p
            .Add<CheckIn>("id", nameof(CheckIn.Id), Guid.NewGuid())
            .Add<CheckIn>("version", nameof(CheckIn.Version), Guid.NewGuid())
            .Add<CheckIn>("now", nameof(CheckIn.CreatedAt), now)
            .Add<CheckIn>("user", nameof(CheckIn.RecordedByUserId), user)
            .Add<CheckIn>("team", nameof(CheckIn.TeamId), c.TeamId)
            .Add<CheckIn>("program", nameof(CheckIn.ProgramId), c.ProgramId)
            .Add<CheckIn>("heldOn", nameof(CheckIn.HeldOn), c.HeldOn)
            .Add<CheckIn>("minutes", nameof(CheckIn.DurationMinutes), c.DurationMinutes)
            .Add<CheckIn>("format", nameof(CheckIn.Format), c.Format)
            .Add<CheckIn>("attendees", nameof(CheckIn.Attendees), OrNull(c.Attendees))
            .Add<CheckIn>("shared", nameof(CheckIn.SharedNotes), OrNull(c.SharedNotes))
            .Add<CheckIn>("private", nameof(CheckIn.PrivateNotes), OrNull(c.PrivateNotes))
            .Add<CheckIn>("health", nameof(CheckIn.Health), c.Health)
            .Add<CheckIn>("reason", nameof(CheckIn.HealthReason), OrNull(c.HealthReason))
            .Add<CheckIn>("blockers", nameof(CheckIn.Blockers), OrNull(c.Blockers))
            .Add<AuditEntry>("at", nameof(AuditEntry.At), now)
            .Add<AuditEntry>("details", nameof(AuditEntry.Details), Details(c)), ct);
        return rows == 2 ? Results.Created((string?)null, new { rows }) : Results.Conflict(new { rows });
    }

    /// <summary>
    /// Saving a draft and submitting it (two requests on the route, one here): the submission (created as submitted,
    /// or set to submitted), a new version numbered after the last one and submitted now (late when the milestone's due
    /// date has passed), and the two audit rows the route's two commands add, in one transaction. Leaves out the
    /// route's checks (access, validation, the stage gate, an accepted submission, a prototype's required fields),
    /// editing an unsubmitted draft in place (the benchmark always submits, so there is none), and copying the previous
    /// version's files to the new one (the dataset has no files).
    /// </summary>
    private static async Task<IResult> SubmitAsync(CohortDbContext db, TimeProvider clock, SaveSubmissionDraft.Command c, Guid user, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await ExecuteAsync(db, """
            INSERT INTO "Submissions" ("Id", "Version", "CreatedAt", "UpdatedAt", "ProgramId", "TeamId", "MilestoneId", "Status")
            SELECT @submission, @version, @now, @now, @program, @team, @milestone, @submitted
            WHERE NOT EXISTS (SELECT 1 FROM "Submissions" s WHERE s."TeamId" = @team AND s."MilestoneId" = @milestone);
            UPDATE "Submissions" SET "Status" = @submitted, "UpdatedAt" = @now, "Version" = @version
            WHERE "TeamId" = @team AND "MilestoneId" = @milestone AND "Status" <> @submitted;
            INSERT INTO "SubmissionVersions" ("Id", "Version", "CreatedAt", "UpdatedAt", "SubmissionId", "Number", "Title", "Description", "Links", "PrototypeWhat",
              "UserTestNotes", "Tool", "ContainsPersonalData", "PersonalDataExplanation", "AuthorUserId", "SubmittedAt", "Late")
            SELECT @versionId, @versionVersion, @now, @now, s."Id", (SELECT coalesce(max(v."Number"), 0) + 1 FROM "SubmissionVersions" v WHERE v."SubmissionId" = s."Id"),
              @title, @description, @links, @prototype, @notes, @tool, @personal, @explanation, @user, @now,
              (SELECT m."DueDate" < @today FROM "Milestones" m WHERE m."Id" = @milestone)
            FROM "Submissions" s WHERE s."TeamId" = @team AND s."MilestoneId" = @milestone;
            INSERT INTO "AuditEntries" ("At", "UserId", "UserName", "Action", "ProgramId", "Details")
            SELECT @at, u."Id", u."UserName", 'SaveSubmissionDraft', @program, @draftDetails FROM "AspNetUsers" u WHERE u."Id" = @user;
            INSERT INTO "AuditEntries" ("At", "UserId", "UserName", "Action", "ProgramId", "Details")
            SELECT @at, u."Id", u."UserName", 'SubmitDeliverable', @program, replace(@submitDetails, @placeholder, lower(CAST(s."Id" AS TEXT)))
            FROM "AspNetUsers" u, "Submissions" s WHERE u."Id" = @user AND s."TeamId" = @team AND s."MilestoneId" = @milestone;
            """, p => p
            .Add<Submission>("submission", nameof(Submission.Id), Guid.NewGuid())
            .Add<Submission>("version", nameof(Submission.Version), Guid.NewGuid())
            .Add<Submission>("now", nameof(Submission.CreatedAt), now)
            .Add<Submission>("program", nameof(Submission.ProgramId), c.ProgramId)
            .Add<Submission>("team", nameof(Submission.TeamId), c.TeamId)
            .Add<Submission>("milestone", nameof(Submission.MilestoneId), c.MilestoneId)
            .Add<Submission>("submitted", nameof(Submission.Status), SubmissionStatus.Submitted)
            .Add<SubmissionVersion>("versionId", nameof(SubmissionVersion.Id), Guid.NewGuid())
            .Add<SubmissionVersion>("versionVersion", nameof(SubmissionVersion.Version), Guid.NewGuid())
            .Add<SubmissionVersion>("title", nameof(SubmissionVersion.Title), c.Title.Trim())
            .Add<SubmissionVersion>("description", nameof(SubmissionVersion.Description), OrNull(c.Description))
            .Add<SubmissionVersion>("links", nameof(SubmissionVersion.Links), OrNull(c.Links))
            .Add<SubmissionVersion>("prototype", nameof(SubmissionVersion.PrototypeWhat), OrNull(c.PrototypeWhat))
            .Add<SubmissionVersion>("notes", nameof(SubmissionVersion.UserTestNotes), OrNull(c.UserTestNotes))
            .Add<SubmissionVersion>("tool", nameof(SubmissionVersion.Tool), OrNull(c.Tool))
            .Add<SubmissionVersion>("personal", nameof(SubmissionVersion.ContainsPersonalData), c.ContainsPersonalData)
            .Add<SubmissionVersion>("explanation", nameof(SubmissionVersion.PersonalDataExplanation), OrNull(c.PersonalDataExplanation))
            .Add<SubmissionVersion>("user", nameof(SubmissionVersion.AuthorUserId), user)
            .Add<Milestone>("today", nameof(Milestone.DueDate), Today)
            .Add<AuditEntry>("at", nameof(AuditEntry.At), now)
            .Add<AuditEntry>("draftDetails", nameof(AuditEntry.Details), Details(c))
            .Add<AuditEntry>("submitDetails", nameof(AuditEntry.Details), Details(new SubmitDeliverable.Command(c.ProgramId, c.TeamId, Guid.Empty)))
            .Add<AuditEntry>("placeholder", nameof(AuditEntry.Details), Guid.Empty.ToString()), ct);
        return rows >= 3 ? Results.Ok(new { rows }) : Results.Conflict(new { rows });
    }

    /// <summary>As AuditBehavior describes a command (it hides no property of these two).</summary>
    private static string Details(object command)
    {
        var json = JsonSerializer.Serialize(command, command.GetType(), AuditJson);
        return json.Length <= 4000 ? json : json[..3990] + "…";
    }

    /// <summary>As the app's TextInput.OrNull: trimmed, or null when blank.</summary>
    private static string? OrNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // SQLite keeps GUIDs as upper-case text and dates as yyyy-MM-dd text (EF's mapping); PostgreSQL as uuid and date.
    internal static object Id(Guid id, bool postgres) => postgres ? id : id.ToString().ToUpperInvariant();

    private static object Day(DateOnly day, bool postgres) => postgres ? day : day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Runs one batch of statements in one transaction (as SaveChanges does) on the context's own connection; returns the rows changed.</summary>
    private static async Task<int> ExecuteAsync(CohortDbContext db, string sql, Func<Binder, Binder> bind, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = sql;
        bind(new Binder(db, command));
        var rows = await command.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        return rows;
    }

    private static async Task StreamAsync(CohortDbContext db, HttpResponse response, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await db.Database.OpenConnectionAsync(ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
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
                json.WriteStringValue(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case DateTime d:
                json.WriteStringValue(d);
                break;
            case var other:
                json.WriteStringValue(Convert.ToString(other, CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>
    /// Binds a write's parameters as EF binds the column they go to (the property's type mapping and value converter:
    /// SQLite's text GUIDs and dates, enums as text, UTC dates), so the floor writes exactly what the route would.
    /// </summary>
    private sealed class Binder(CohortDbContext db, DbCommand command)
    {
        public Binder Add<TEntity>(string name, string property, object? value)
        {
            var p = db.Model.FindEntityType(typeof(TEntity))?.FindProperty(property) ?? throw new InvalidOperationException($"{typeof(TEntity).Name}.{property} is not in the model.");
            // CreateParameter applies the mapping's converter itself.
            command.Parameters.Add(((RelationalTypeMapping)p.GetTypeMapping()).CreateParameter(command, "@" + name, value, nullable: true));
            return this;
        }
    }
}
