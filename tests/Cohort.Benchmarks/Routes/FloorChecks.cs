using System.Data.Common;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using Cohort.Benchmarks.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Cohort.Benchmarks.Routes;

/// <summary>
/// A floor is only a floor if it returns (or writes) the same data as its route. Checked once before anything is timed;
/// each line starts with "ok" or "MISMATCH" (the run then fails). Reads: the same rows (dashboard teams; team page
/// entries plus open items; mentor home teams, overdue items and this month's load; the same first page of cases in the
/// same order, the same total and facet counts). Pages: each answers 200 to the signed-in cookie and names every team the
/// floor returns. Writes: the rows the route adds or changes, read straight from the database, equal the floor's
/// (every column but ids, row versions and times; for submit also the submission and milestone ids the two touch).
/// </summary>
internal static class FloorChecks
{
    /// <summary>Columns that differ between any two writes of the same data.</summary>
    private static readonly string[] Volatile = ["Id", "Version", "CreatedAt", "UpdatedAt", "At", "SubmittedAt"];

    public static async Task<List<string>> RunAsync(HttpClient client, TargetIds t, PageCookies cookies, RowReader rows)
    {
        var lines = new List<string>();
        var p = t.ProgramId;

        // Each part on its own: one that fails (a floor answering 500) says so and the others still run.
        async Task Part(string what, Func<Task> check)
        {
            try
            {
                await check();
            }
            catch (Exception e) when (e is InvalidOperationException or HttpRequestException or JsonException or KeyNotFoundException or System.Data.Common.DbException)
            {
                lines.Add($"MISMATCH  {what}: {e.Message}");
            }
        }

        var team = t.TeamIds[0];
        var teamNames = new Dictionary<Guid, string>();
        await Part("dashboard", async () =>
        {
            var route = await JsonAsync(client, RouteCatalog.Api(HttpMethod.Get, $"/api/v1/programs/{p}/dashboard", t.OrganizerToken));
            var floor = await JsonAsync(client, RouteCatalog.Anonymous(HttpMethod.Get, $"/bench/floor/programs/{p}/dashboard"));
            lines.Add(Count("dashboard teams", route.GetProperty("rows").GetArrayLength(), floor.GetArrayLength()));
            foreach (var row in floor.EnumerateArray())
            {
                teamNames[Guid.Parse(row.GetProperty("Id").GetString()!)] = row.GetProperty("Name").GetString()!;
            }
        });

        await Part("team page", async () =>
        {
            var route = await JsonAsync(client, RouteCatalog.Api(HttpMethod.Get, $"/api/v1/programs/{p}/teams/{team}/timeline", t.OrganizerToken));
            var floor = await JsonAsync(client, RouteCatalog.Anonymous(HttpMethod.Get, $"/bench/floor/programs/{p}/teams/{team}/timeline"));
            lines.Add(Count("team page entries + open items", route.GetProperty("entries").GetArrayLength() + route.GetProperty("openItems").GetArrayLength(), floor.GetArrayLength()));
        });

        var mentorTeams = new List<string>();
        await Part("mentor home", async () =>
        {
            var route = await JsonAsync(client, RouteCatalog.Api(HttpMethod.Get, "/api/v1/me/mentoring", t.MentorToken));
            var floor = await JsonAsync(client, RouteCatalog.Anonymous(HttpMethod.Get, RouteCatalog.MentorHomeFloor(t)));
            lines.Add(Same("mentor home teams",
                Ids(route.GetProperty("teams").EnumerateArray().Select(r => r.GetProperty("teamId"))),
                Ids(Kind(floor, "Team").Select(r => r.GetProperty("Id")))));
            lines.Add(Same("mentor home overdue items",
                Ids(route.GetProperty("overdueItems").EnumerateArray().Select(r => r.GetProperty("id"))),
                Ids(Kind(floor, "OverdueItem").Select(r => r.GetProperty("Id"))), allowEmpty: true));
            var month = Kind(floor, "Month").Single();
            lines.Add(Same("mentor home check-ins / minutes this month",
                $"{route.GetProperty("checkInsThisMonth").GetInt32()} / {route.GetProperty("minutesThisMonth").GetInt32()}",
                $"{Number(month.GetProperty("Count"))} / {Number(month.GetProperty("Minutes"))}"));
            mentorTeams.AddRange(Kind(floor, "Team").Select(r => r.GetProperty("Name").GetString()!));
        });

        await Part("search cases", async () =>
        {
            var route = await JsonAsync(client, RouteCatalog.Api(HttpMethod.Get, RouteCatalog.SearchRoute, t.OrganizerToken));
            var floor = await JsonAsync(client, RouteCatalog.Anonymous(HttpMethod.Get, RouteCatalog.SearchFloor(t)));
            lines.Add(Same("search cases first page, in order",
                Ids(route.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id")), sort: false),
                Ids(Kind(floor, "Item").Select(r => r.GetProperty("Id")), sort: false)));
            lines.Add(Same("search cases total", route.GetProperty("total").GetInt32().ToString(CultureInfo.InvariantCulture), Number(Kind(floor, "Total").Single().GetProperty("Count"))));
            foreach (var (facet, kind) in new[] { ("areas", "Area"), ("tools", "Tool"), ("problems", "Problem"), ("outcomes", "Outcome"), ("years", "Year") })
            {
                lines.Add(Same($"search cases facet {facet}",
                    Sorted(route.GetProperty(facet).EnumerateArray().Select(f => $"{f.GetProperty("value").GetString()}={f.GetProperty("count").GetInt32()}")),
                    Sorted(Kind(floor, kind).Select(f => $"{f.GetProperty("Title").GetString()}={Number(f.GetProperty("Count"))}"))));
            }
        });

        // Pages: signed in (a 200, not a redirect to the login form) and showing the teams their floor returns.
        await Part("pages", async () =>
        {
            lines.Add(await PageAsync(client, "dashboard (page)", $"/Programs/{p}/Dashboard", cookies.Organizer, teamNames.Values));
            lines.Add(await PageAsync(client, "team page (page)", $"/Programs/{p}/Teams/{team}", cookies.Organizer, teamNames.TryGetValue(team, out var name) ? [name] : []));
            lines.Add(await PageAsync(client, "mentor home (page)", "/Mentor", cookies.Mentor, mentorTeams));
        });

        // Writes: what the route changes, then what the floor changes, from the same state with the same request body.
        await Part("record check-in", async () => lines.Add(await WriteAsync("record check-in", rows, TeamTables(RouteCatalog.CheckInTeam(t, 0), p), [],
            () => SendAsync(client, LoadGenerator.Send(n => RouteCatalog.RecordCheckIn(t, n)), 0),
            () => SendAsync(client, LoadGenerator.Send(n => RouteCatalog.RecordCheckInFloor(t, n)), 0))));

        // Submit: the route on worker 0's milestone, the floor on worker 1's (both never submitted before), twice: the
        // first creates the submission, the second adds a version to it.
        for (var round = 1; round <= 2; round++)
        {
            var what = $"submit (round {round})";
            await Part(what, async () => lines.Add(await WriteAsync(what, rows, TeamTables(t.MemberTeamId, p), ["SubmissionId", "MilestoneId", "Details"],
                () => SendAsync(client, RouteCatalog.Submit(t), 0),
                () => SendAsync(client, RouteCatalog.SubmitFloor(t), 1))));
        }

        return lines;
    }

    /// <summary>The rows a write of the team's may touch, each table narrowed to the team or programme.</summary>
    private static (string Table, string Where, Guid Team, Guid Program)[] TeamTables(Guid team, Guid program) =>
    [
        ("CheckIns", """ "TeamId" = @t """, team, program),
        ("ActionItems", """ "TeamId" = @t """, team, program),
        ("CheckInReplies", """ "CheckInId" IN (SELECT "Id" FROM "CheckIns" WHERE "TeamId" = @t) """, team, program),
        ("Submissions", """ "TeamId" = @t """, team, program),
        ("SubmissionVersions", """ "SubmissionId" IN (SELECT "Id" FROM "Submissions" WHERE "TeamId" = @t) """, team, program),
        ("SubmissionFiles", """ "SubmissionVersionId" IN (SELECT v."Id" FROM "SubmissionVersions" v JOIN "Submissions" s ON s."Id" = v."SubmissionId" WHERE s."TeamId" = @t) """, team, program),
        ("StageGates", """ "TeamId" = @t """, team, program),
        ("Teams", """ "Id" = @t """, team, program),
        ("AuditEntries", """ "ProgramId" = @p """, team, program),
        ("Nudges", """ "ProgramId" = @p """, team, program),
        ("Notifications", """ "ProgramId" = @p """, team, program),
    ];

    private static async Task<string> WriteAsync(string what, RowReader rows, (string Table, string Where, Guid Team, Guid Program)[] tables, string[] ignore,
        Func<Task<string?>> route, Func<Task<string?>> floor)
    {
        var before = await rows.SnapshotAsync(tables);
        var routeError = await route();
        var middle = await rows.SnapshotAsync(tables);
        var floorError = await floor();
        var after = await rows.SnapshotAsync(tables);
        if (routeError is not null || floorError is not null)
        {
            return $"MISMATCH  {what}: route {routeError ?? "ok"}; floor {floorError ?? "ok"}";
        }

        var skip = Volatile.Concat(ignore).ToHashSet(StringComparer.Ordinal);
        var byRoute = RowReader.Changes(before, middle, skip);
        var byFloor = RowReader.Changes(middle, after, skip);
        var summary = string.Join(", ", byRoute.GroupBy(c => c.Split(' ', 3)[0] + " " + c.Split(' ', 3)[1]).Select(g => $"{g.Key} ×{g.Count()}"));
        if (byRoute.Count > 0 && byRoute.SequenceEqual(byFloor))
        {
            return $"ok        {what} rows: {summary}";
        }

        var onlyRoute = byRoute.Except(byFloor).Take(3);
        var onlyFloor = byFloor.Except(byRoute).Take(3);
        return $"MISMATCH  {what} rows: route {summary}; only the route: {string.Join(" | ", onlyRoute)}; only the floor: {string.Join(" | ", onlyFloor)}";
    }

    private static async Task<string?> SendAsync(HttpClient client, Operation operation, int worker)
    {
        try
        {
            return await operation(client, worker, 0);
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
    }

    private static async Task<string> PageAsync(HttpClient client, string what, string path, string cookie, IEnumerable<string> names)
    {
        using var message = RouteCatalog.Page(path, cookie);
        using var response = await client.SendAsync(message);
        var html = await response.Content.ReadAsStringAsync();
        var expected = names.ToList();
        var missing = expected.Where(n => !html.Contains(n, StringComparison.Ordinal)).ToList();
        return response.IsSuccessStatusCode && expected.Count > 0 && missing.Count == 0
            ? $"ok        {what}: 200, shows the {expected.Count} team(s) of its floor"
            : $"MISMATCH  {what}: {(int)response.StatusCode}{(response.Headers.Location is { } to ? " → " + to : "")}, {expected.Count - missing.Count} of {expected.Count} team(s) of its floor shown";
    }

    private static async Task<JsonElement> JsonAsync(HttpClient client, HttpRequestMessage message)
    {
        using (message)
        {
            using var response = await client.SendAsync(message);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException(await LoadGenerator.ErrorAsync(message, response));
            }

            return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
        }
    }

    private static IEnumerable<JsonElement> Kind(JsonElement floor, string kind) =>
        floor.EnumerateArray().Where(r => r.GetProperty("Kind").GetString() == kind);

    /// <summary>Ids as one comparable string (SQLite's floor answers upper-case text, the API lower-case GUIDs).</summary>
    private static string Ids(IEnumerable<JsonElement> ids, bool sort = true)
    {
        var list = ids.Select(i => Guid.Parse(i.GetString()!).ToString()).ToList();
        return $"{list.Count}: " + string.Join(",", sort ? list.Order(StringComparer.Ordinal) : list);
    }

    private static string Sorted(IEnumerable<string> values) => string.Join(", ", values.Order(StringComparer.Ordinal));

    private static string Number(JsonElement value) => value.ValueKind == JsonValueKind.Null ? "0" : value.GetInt64().ToString(CultureInfo.InvariantCulture);

    private static string Count(string what, int route, int floor) =>
        $"{(route == floor && route > 0 ? "ok      " : "MISMATCH")}  {what}: route {route}, floor {floor}";

    /// <summary>An "ok" line when route and floor say the same (and, unless <paramref name="allowEmpty"/>, say something).</summary>
    private static string Same(string what, string route, string floor, bool allowEmpty = false)
    {
        static string Short(string s) => s.Length <= 120 ? s : s[..120] + "…";
        return route == floor && (allowEmpty || (route.Length > 0 && !route.StartsWith("0:", StringComparison.Ordinal)))
            ? $"ok        {what}: {Short(route)}"
            : $"MISMATCH  {what}: route {Short(route)}; floor {Short(floor)}";
    }
}

/// <summary>
/// Reads rows straight from the database the app uses (not through it), so a write's changes can be compared: a
/// snapshot of some tables (narrowed by a WHERE on the team or programme), then the rows added or changed between two.
/// </summary>
internal sealed class RowReader(bool postgres, string connectionString)
{
    /// <summary>Per table, its rows by id, each as column → value text.</summary>
    public async Task<Dictionary<string, Dictionary<string, Dictionary<string, string?>>>> SnapshotAsync(IEnumerable<(string Table, string Where, Guid Team, Guid Program)> tables)
    {
        await using DbConnection connection = postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var snapshot = new Dictionary<string, Dictionary<string, Dictionary<string, string?>>>(StringComparer.Ordinal);
        foreach (var (table, where, team, program) in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"""SELECT * FROM "{table}" WHERE {where}""";
            foreach (var (name, value) in new[] { ("@t", team), ("@p", program) })
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = Floors.Id(value, postgres);
                command.Parameters.Add(parameter);
            }

            var rows = snapshot[table] = new Dictionary<string, Dictionary<string, string?>>(StringComparer.Ordinal);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var row = new Dictionary<string, string?>(StringComparer.Ordinal);
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row[reader.GetName(i)] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
                }

                rows[row["Id"]!] = row;
            }
        }

        return snapshot;
    }

    /// <summary>
    /// What changed from one snapshot to the next, one sorted line per row: "+ Table {column=value, …}" for an added row,
    /// "~ Table {column=new value, …}" for a changed one, without the <paramref name="skip"/> columns.
    /// </summary>
    public static List<string> Changes(
        Dictionary<string, Dictionary<string, Dictionary<string, string?>>> before,
        Dictionary<string, Dictionary<string, Dictionary<string, string?>>> after,
        IReadOnlySet<string> skip)
    {
        var changes = new List<string>();
        foreach (var (table, rows) in after)
        {
            foreach (var (id, row) in rows)
            {
                var old = before[table].GetValueOrDefault(id);
                var columns = row.Where(c => !skip.Contains(c.Key) && (old is null || old.GetValueOrDefault(c.Key) != c.Value)).ToList();
                if (old is null || columns.Count > 0)
                {
                    changes.Add($"{(old is null ? "+" : "~")} {table} {{{string.Join(", ", columns.Select(c => $"{c.Key}={c.Value ?? "null"}"))}}}");
                }
            }

            changes.AddRange(before[table].Keys.Except(rows.Keys).Select(id => $"- {table} {{}}"));
        }

        changes.Sort(StringComparer.Ordinal);
        return changes;
    }
}
