using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Domain;
using Cohort.Web.Features.Participants;
using Cohort.Web.Features.Programs;
using Microsoft.EntityFrameworkCore;

namespace Cohort.IntegrationTests.Features;

/// <summary>
/// Importing an e-learning platform's activity export: through the API with a column mapping (Shift_JIS with
/// Japanese headings, UTF-8), all or nothing on bad cells, unknown learners, re-imports, saved mappings, removing
/// an import, and the two-step page.
/// </summary>
public abstract partial class LearningActivityImportTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : CohortApp
{
    static LearningActivityImportTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string Header = "受講者メール,コース名,カテゴリ,学習時間(分),学習日,修了状況,利用端末";

    /// <summary>
    /// Rows 2–7 as Excel numbers them. Rows 5 and 7 are of someone who is not a participant; the others are written in
    /// the forms platforms use: mixed-case address, "1:30", "30分", a full-width "１２０", a date with a time, 年月日.
    /// </summary>
    private static string ExportText(string domain) =>
        $"""
        {Header}
        Yamada@{domain},データ活用入門,データ,45,2027/4/5,修了,PC
        yamada@{domain},ローコード基礎,ツール,1:30,2027/04/06 10:15,未修了,スマートフォン
        sato@{domain},データ活用入門,データ,30分,2027年4月7日,修了,iPad
        tanaka@other.example.jp,データ活用入門,データ,20,2027/4/7,修了,PC
        suzuki@{domain},生成AI活用,AI,１２０,2027-04-08,未受講,
        tanaka@other.example.jp,ローコード基礎,ツール,15,2027/4/8,未修了,PC

        """.Replace("\n", "\r\n", StringComparison.Ordinal);

    private static readonly Dictionary<string, string> Mapping = new()
    {
        ["email"] = "受講者メール", ["course"] = "コース名", ["category"] = "カテゴリ", ["minutes"] = "学習時間(分)",
        ["date"] = "学習日", ["completion"] = "修了状況", ["device"] = "利用端末",
    };

    private sealed record World(ProgramOverview.Result Program, string Domain, Dictionary<string, Guid> People);

    private async Task<World> WorldAsync()
    {
        var program = await Seed.ProgramAsync(App);
        var domain = $"{Guid.NewGuid():N}.city.example.jp";
        var people = new Dictionary<string, Guid>();
        foreach (var (name, local) in new[] { ("山田 太郎", "yamada"), ("佐藤 花子", "sato"), ("鈴木 一郎", "suzuki") })
        {
            people[local] = await App.SendAsync(new SaveParticipant.Command(program.Id, name, $"{local}@{domain}", "情報政策課", null));
        }

        return new World(program, domain, people);
    }

    private static byte[] ShiftJis(string text) => Encoding.GetEncoding(932).GetBytes(text);

    private static byte[] Utf8WithBom(string text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];

    private static MultipartFormDataContent Upload(byte[] file, string fileName, IReadOnlyDictionary<string, string>? fields = null)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(content, "file", fileName);
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            form.Add(new StringContent(value, Encoding.UTF8), name);
        }

        return form;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string Url(World w, string rest = "") => $"/api/v1/programs/{w.Program.Id}{rest}";

    private Task<List<LearningActivity>> RowsAsync(Guid programId) =>
        App.QueryDbAsync(db => db.LearningActivities.AsNoTracking().Where(a => a.ProgramId == programId).OrderBy(a => a.Date).ThenBy(a => a.CourseTitle).ToListAsync());

    [SkippableFact]
    public async Task The_preview_reads_a_Shift_JIS_export_and_suggests_every_column_from_its_Japanese_headings()
    {
        var w = await WorldAsync();
        var api = await App.ApiClientAsync();

        var preview = await JsonAsync(await api.PostAsync(Url(w, "/learning-activity/preview"), Upload(ShiftJis(ExportText(w.Domain)), "export.csv")));

        Assert.Equal("shift_jis", preview.GetProperty("encodingName").GetString());
        Assert.Equal(Header.Split(','), preview.GetProperty("headings").EnumerateArray().Select(h => h.GetString()));
        Assert.Equal(5, preview.GetProperty("sample").GetArrayLength());
        Assert.Equal("生成AI活用", preview.GetProperty("sample")[4][1].GetString());
        var suggested = preview.GetProperty("suggested");
        Assert.All(Mapping, m => Assert.Equal(m.Value, suggested.GetProperty(m.Key).GetString()));
        Assert.Equal(0, await App.QueryDbAsync(db => db.LearningActivityImports.CountAsync(i => i.ProgramId == w.Program.Id)));
    }

    [SkippableFact]
    public async Task A_Shift_JIS_export_is_imported_with_a_mapping_unknown_learners_are_reported_and_a_reimport_adds_nothing()
    {
        var w = await WorldAsync();
        var api = await App.ApiClientAsync();
        var file = ShiftJis(ExportText(w.Domain));

        var first = await JsonAsync(await api.PostAsync(Url(w, "/learning-activity"), Upload(file, "lms-2027-04.csv", new Dictionary<string, string>(Mapping) { ["saveMappingAs"] = "LMS標準" })));

        Assert.Equal((6, 4, 0, "shift_jis"), (first.GetProperty("rows").GetInt32(), first.GetProperty("added").GetInt32(), first.GetProperty("alreadyImported").GetInt32(), first.GetProperty("encoding").GetString()));
        var unknown = Assert.Single(first.GetProperty("notInProgram").EnumerateArray());
        Assert.Equal("tanaka@other.example.jp", unknown.GetProperty("email").GetString());
        Assert.Equal(2, unknown.GetProperty("rows").GetInt32());
        Assert.Equal([5, 7], unknown.GetProperty("rowNumbers").EnumerateArray().Select(r => r.GetInt32()));

        var rows = await RowsAsync(w.Program.Id);
        Assert.Equal(
            [
                (w.People["yamada"], "データ活用入門", "データ", 45, new DateOnly(2027, 4, 5), true, LearningDevice.Pc),
                (w.People["yamada"], "ローコード基礎", "ツール", 90, new DateOnly(2027, 4, 6), false, LearningDevice.Smartphone),
                (w.People["sato"], "データ活用入門", "データ", 30, new DateOnly(2027, 4, 7), true, LearningDevice.Tablet),
                (w.People["suzuki"], "生成AI活用", "AI", 120, new DateOnly(2027, 4, 8), false, LearningDevice.Unknown),
            ],
            rows.Select(r => (r.ParticipantId, r.CourseTitle, r.Category!, r.Minutes, r.Date, r.Completed, r.Device)));
        var importId = first.GetProperty("importId").GetGuid();
        Assert.All(rows, r => Assert.Equal(importId, r.ImportId));
        // Nobody was made a participant from the file.
        Assert.Equal(3, await App.QueryDbAsync(db => db.Participants.CountAsync(p => p.ProgramId == w.Program.Id)));

        // The same export again: every row is already there.
        var again = await JsonAsync(await api.PostAsync(Url(w, "/learning-activity"), Upload(file, "lms-2027-04.csv", Mapping)));
        Assert.Equal((6, 0, 4), (again.GetProperty("rows").GetInt32(), again.GetProperty("added").GetInt32(), again.GetProperty("alreadyImported").GetInt32()));
        Assert.Equal(2, Assert.Single(again.GetProperty("notInProgram").EnumerateArray()).GetProperty("rows").GetInt32());
        Assert.Equal(4, (await RowsAsync(w.Program.Id)).Count);

        var list = await JsonAsync(await api.GetAsync(Url(w, "/learning-activity")));
        Assert.Equal((4, 3, "2027-04-05", "2027-04-08"), (list.GetProperty("activities").GetInt32(), list.GetProperty("learners").GetInt32(),
            list.GetProperty("from").GetString(), list.GetProperty("to").GetString()));
        Assert.Equal([(0, 4), (4, 0)], list.GetProperty("imports").EnumerateArray()
            .Select(i => (i.GetProperty("alreadyImported").GetInt32(), i.GetProperty("added").GetInt32())).Order());
        var imported = list.GetProperty("imports").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == importId);
        Assert.Equal(("lms-2027-04.csv", 6, 2), (imported.GetProperty("fileName").GetString(), imported.GetProperty("rows").GetInt32(), imported.GetProperty("notInProgram").GetInt32()));
    }

    [SkippableFact]
    public async Task A_UTF8_export_with_a_duration_and_the_same_session_twice_keeps_both_sessions()
    {
        var w = await WorldAsync();
        var api = await App.ApiClientAsync();
        // Two identical rows are two sessions of the same course on the same day.
        var text = $"Email,Course title,Time spent,Activity date\nsato@{w.Domain},Excel集計,0:45:30,2027-05-10\nsato@{w.Domain},Excel集計,0:45:30,2027-05-10\n";

        var result = await JsonAsync(await api.PostAsync(Url(w, "/learning-activity"), Upload(Utf8WithBom(text), "udemy.csv",
            new Dictionary<string, string> { ["email"] = "Email", ["course"] = "Course title", ["minutes"] = "Time spent", ["date"] = "Activity date" })));

        Assert.Equal((2, 0, "utf-8"), (result.GetProperty("added").GetInt32(), result.GetProperty("alreadyImported").GetInt32(), result.GetProperty("encoding").GetString()));
        var rows = await RowsAsync(w.Program.Id);
        // 45.5 minutes round half away from zero to 46; no category, completion or device column.
        Assert.All(rows, r => Assert.Equal((46, (string?)null, false, LearningDevice.Unknown), (r.Minutes, r.Category, r.Completed, r.Device)));
        Assert.Equal(2, rows.Count);
    }

    [SkippableFact]
    public async Task A_later_export_brings_completion_up_to_date_and_a_column_left_unmapped_changes_nothing()
    {
        var w = await WorldAsync();
        var api = await App.ApiClientAsync();
        var columns = new Dictionary<string, string> { ["email"] = "Email", ["course"] = "Course", ["minutes"] = "Minutes", ["date"] = "Date", ["completion"] = "Done", ["device"] = "Device" };
        var first = $"Email,Course,Minutes,Date,Done,Device\nsato@{w.Domain},Excel集計,40,2027-05-10,no,PC\n";
        await JsonAsync(await api.PostAsync(Url(w, "/learning-activity"), Upload(Utf8WithBom(first), "may.csv", columns)));

        // The same session in next month's export, completed now: no new row, the stored one is brought up to date.
        var later = $"Email,Course,Minutes,Date,Done,Device\nsato@{w.Domain},Excel集計,40,2027-05-10,yes,PC\n";
        var result = await JsonAsync(await api.PostAsync(Url(w, "/learning-activity"), Upload(Utf8WithBom(later), "june.csv", columns)));
        Assert.Equal((0, 1, 1), (result.GetProperty("added").GetInt32(), result.GetProperty("alreadyImported").GetInt32(), result.GetProperty("updated").GetInt32()));

        // Imported once more without the device column: still one row, and its device is kept.
        var bare = $"Email,Course,Minutes,Date\nsato@{w.Domain},Excel集計,40,2027-05-10\n";
        var again = await JsonAsync(await api.PostAsync(Url(w, "/learning-activity"), Upload(Utf8WithBom(bare), "bare.csv",
            new Dictionary<string, string> { ["email"] = "Email", ["course"] = "Course", ["minutes"] = "Minutes", ["date"] = "Date" })));
        Assert.Equal((0, 1, 0), (again.GetProperty("added").GetInt32(), again.GetProperty("alreadyImported").GetInt32(), again.GetProperty("updated").GetInt32()));
        var row = Assert.Single(await RowsAsync(w.Program.Id));
        Assert.Equal((true, LearningDevice.Pc, 40), (row.Completed, row.Device, row.Minutes));
    }

    [SkippableFact]
    public async Task Bad_cells_refuse_the_whole_file_with_their_row_numbers_and_nothing_is_written()
    {
        var w = await WorldAsync();
        var api = await App.ApiClientAsync();
        var text = $"""
            {Header}
            yamada@{w.Domain},データ活用入門,データ,45,2027/4/5,修了,PC
            yamada@{w.Domain},データ活用入門,データ,45,2027/13/1,修了,PC
            sato@{w.Domain},ローコード基礎,ツール,2000,2027/4/6,修了,PC
            not-an-email,ローコード基礎,ツール,10,2027/4/6,修了,PC
            suzuki@{w.Domain},生成AI活用,AI,20,2027/4/7,たぶん,PC

            """;

        var response = await api.PostAsync(Url(w, "/learning-activity"), Upload(ShiftJis(text), "bad.csv", new Dictionary<string, string>(Mapping) { ["saveMappingAs"] = "保存しない" }));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.Equal(["rows[3].学習日", "rows[4].学習時間(分)", "rows[5].受講者メール", "rows[6].修了状況"], errors.Order(StringComparer.Ordinal));
        Assert.Empty(await RowsAsync(w.Program.Id));
        Assert.Equal(0, await App.QueryDbAsync(db => db.LearningActivityImports.CountAsync(i => i.ProgramId == w.Program.Id)));
        Assert.Equal(0, await App.QueryDbAsync(db => db.ActivityColumnMappings.CountAsync(m => m.OrganizationId == w.Program.OrganizationId)));

        // A mapped column that is not in the file is refused as well, naming it.
        var missing = await api.PostAsync(Url(w, "/learning-activity"), Upload(ShiftJis(ExportText(w.Domain)), "x.csv", new Dictionary<string, string>(Mapping) { ["date"] = "受講日" }));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("受講日", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await RowsAsync(w.Program.Id));
    }

    [SkippableFact]
    public async Task A_saved_mapping_belongs_to_the_organisation_and_can_be_forgotten_and_removing_an_import_removes_its_rows()
    {
        var w = await WorldAsync();
        var api = await App.ApiClientAsync();
        var file = ShiftJis(ExportText(w.Domain));
        var first = await JsonAsync(await api.PostAsync(Url(w, "/learning-activity"), Upload(file, "april.csv", new Dictionary<string, string>(Mapping) { ["saveMappingAs"] = "LMS標準" })));

        // Another programme of the same organisation sees the mapping; one of another organisation does not.
        var sibling = await App.SendAsync(new CreateProgramFromTemplate.Command(w.Program.OrganizationId, "two-stage-dx", Seed.Unique("DX研修 後期"), new DateOnly(2027, 10, 1)));
        var siblingList = await JsonAsync(await api.GetAsync($"/api/v1/programs/{sibling}/learning-activity"));
        var mapping = Assert.Single(siblingList.GetProperty("mappings").EnumerateArray());
        Assert.Equal("LMS標準", mapping.GetProperty("name").GetString());
        Assert.All(Mapping, m => Assert.Equal(m.Value, mapping.GetProperty("columns").GetProperty(m.Key).GetString()));
        var stranger = await Seed.ProgramAsync(App);
        Assert.Empty((await JsonAsync(await api.GetAsync($"/api/v1/programs/{stranger.Id}/learning-activity"))).GetProperty("mappings").EnumerateArray());
        var mappingId = mapping.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync($"/api/v1/programs/{stranger.Id}/activity-mappings/{mappingId}")).StatusCode);

        // Saving under the same name again (another file, without the device column) updates that mapping instead of adding one.
        var later = ShiftJis($"{Header}\r\nsuzuki@{w.Domain},振り返り,研修,60,2027/4/9,修了,PC\r\n");
        var second = await JsonAsync(await api.PostAsync(Url(w, "/learning-activity"), Upload(later, "april-2.csv", new Dictionary<string, string>(Mapping) { ["saveMappingAs"] = "LMS標準", ["device"] = "" })));
        Assert.Equal(1, second.GetProperty("added").GetInt32());
        var updated = Assert.Single((await JsonAsync(await api.GetAsync(Url(w, "/learning-activity")))).GetProperty("mappings").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, updated.GetProperty("columns").GetProperty("device").ValueKind);

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/programs/{sibling}/activity-mappings/{mappingId}")).StatusCode);
        Assert.Empty((await JsonAsync(await api.GetAsync(Url(w, "/learning-activity")))).GetProperty("mappings").EnumerateArray());

        // Removing the import takes its rows; importing the file again then adds them again.
        var importId = first.GetProperty("importId").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync($"/api/v1/programs/{sibling}/learning-activity/imports/{importId}")).StatusCode);
        Assert.Equal(5, (await RowsAsync(w.Program.Id)).Count);
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync(Url(w, $"/learning-activity/imports/{importId}"))).StatusCode);
        Assert.Equal("振り返り", Assert.Single(await RowsAsync(w.Program.Id)).CourseTitle);
        Assert.DoesNotContain((await JsonAsync(await api.GetAsync(Url(w, "/learning-activity")))).GetProperty("imports").EnumerateArray(), i => i.GetProperty("id").GetGuid() == importId);
        var again = await JsonAsync(await api.PostAsync(Url(w, "/learning-activity"), Upload(file, "april.csv", Mapping)));
        Assert.Equal(4, again.GetProperty("added").GetInt32());
        Assert.Equal(5, (await RowsAsync(w.Program.Id)).Count);
    }

    [SkippableFact]
    public async Task Only_organisers_import_a_mentor_is_refused()
    {
        var w = await WorldAsync();
        var team = await App.SendAsync(new Cohort.Web.Features.Teams.CreateTeam.Command(w.Program.Id, "学習チーム", null, null));
        var mentor = await App.ApiClientAsync(await Seed.JoinAsync(App, w.Program.Id, InvitedRole.Mentor, team));

        Assert.Equal(HttpStatusCode.Forbidden, (await mentor.PostAsync(Url(w, "/learning-activity"), Upload(ShiftJis(ExportText(w.Domain)), "x.csv", Mapping))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await mentor.GetAsync(Url(w, "/learning-activity"))).StatusCode);
        Assert.Empty(await RowsAsync(w.Program.Id));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("<input type=\"hidden\" name=\"(FileContent|FileName)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenField();

    [GeneratedRegex("<select id=\"map-(\\w+)\" name=\"Input\\.\\w+\">([\\s\\S]*?)</select>")]
    private static partial Regex MappingSelect();

    /// <summary>Step 1 as a browser sends it: the page's form, multipart, with the file and the antiforgery token.</summary>
    private static async Task<HttpResponseMessage> PreviewThroughPageAsync(HttpClient browser, string page, byte[] file, string fileName)
    {
        var token = AntiforgeryField().Match(await browser.GetStringAsync(page));
        Assert.True(token.Success, "No antiforgery token on " + page);
        var form = Upload(file, fileName);
        form.Add(new StringContent(token.Groups[1].Value), "__RequestVerificationToken");
        return await browser.PostAsync(page + "?handler=Preview", form);
    }

    /// <summary>The hidden fields and the chosen option of each mapping list on the step 2 form.</summary>
    private static Dictionary<string, string> StepTwoFields(string html)
    {
        var fields = HiddenField().Matches(html).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        foreach (Match select in MappingSelect().Matches(html))
        {
            var chosen = Regex.Match(select.Groups[2].Value, "<option value=\"([^\"]*)\" selected=\"selected\">");
            fields["Input." + select.Groups[1].Value] = chosen.Success ? WebUtility.HtmlDecode(chosen.Groups[1].Value) : "";
        }

        return fields;
    }

    [SkippableFact]
    public async Task The_two_step_page_previews_the_file_then_imports_it_with_the_chosen_columns()
    {
        var w = await WorldAsync();
        var organiser = await App.SignedInBrowserAsync(await Seed.JoinAsync(App, w.Program.Id, InvitedRole.Organizer));
        var page = $"/Programs/{w.Program.Id}/LearningActivity";

        // Step 1: the file goes up; the page shows its columns with a guess for each and carries the file in the form.
        var preview = await PreviewThroughPageAsync(organiser, page, ShiftJis(ExportText(w.Domain)), "lms-export.csv");
        var html = await preview.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var fields = StepTwoFields(html);
        Assert.Equal("lms-export.csv", fields["FileName"]);
        Assert.Equal(ShiftJis(ExportText(w.Domain)), Convert.FromBase64String(fields["FileContent"]));
        Assert.Equal(Mapping["email"], fields["Input.Email"]);
        Assert.Equal(Mapping["minutes"], fields["Input.Minutes"]);
        Assert.Equal(Mapping["device"], fields["Input.Device"]);
        Assert.Empty(await RowsAsync(w.Program.Id));

        // Step 2: the organiser leaves the device out and saves the columns under a name.
        fields["Input.Device"] = "";
        fields["Input.SaveMappingAs"] = "研修LMS";
        var imported = await CohortApp.PostFormAsync(organiser, page, fields, handler: "Import");
        var done = WebUtility.HtmlDecode(await imported.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Contains("tanaka@other.example.jp", done, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"FileContent\"", done, StringComparison.Ordinal);
        var rows = await RowsAsync(w.Program.Id);
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal(LearningDevice.Unknown, r.Device));
        var mapping = await App.QueryDbAsync(db => db.ActivityColumnMappings.SingleAsync(m => m.OrganizationId == w.Program.OrganizationId));
        Assert.Equal(("研修LMS", "受講者メール", (string?)null), (mapping.Name, mapping.EmailColumn, mapping.DeviceColumn));

        // Next time the saved columns can be picked on step 1, and the page lists the import.
        var again = await organiser.GetStringAsync(page);
        Assert.Contains($"<option value=\"{mapping.Id}\">", again, StringComparison.Ordinal);
        Assert.Contains("lms-export.csv", again, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task On_the_page_a_bad_file_shows_each_problem_row_keeps_the_file_and_writes_nothing()
    {
        var w = await WorldAsync();
        var organiser = await App.SignedInBrowserAsync();
        var page = $"/Programs/{w.Program.Id}/LearningActivity";
        var text = $"{Header}\r\nyamada@{w.Domain},データ活用入門,データ,2000,2027/4/5,修了,PC\r\nsato@{w.Domain},データ活用入門,データ,30,2027/4/31,修了,PC\r\n";

        var fields = StepTwoFields(await (await PreviewThroughPageAsync(organiser, page, ShiftJis(text), "bad.csv")).Content.ReadAsStringAsync());
        var refused = await CohortApp.PostFormAsync(organiser, page, fields, handler: "Import");
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Matches("<td>2</td><td>学習時間\\(分\\)</td>", html);
        Assert.Matches("<td>3</td><td>学習日</td>", html);
        Assert.Contains("name=\"FileContent\"", html, StringComparison.Ordinal);
        Assert.Empty(await RowsAsync(w.Program.Id));
        Assert.Equal(0, await App.QueryDbAsync(db => db.LearningActivityImports.CountAsync(i => i.ProgramId == w.Program.Id)));
    }
}

public sealed class LearningActivityImportTests_Sqlite(SqliteApp app) : LearningActivityImportTests<SqliteApp>(app);

public sealed class LearningActivityImportTests_Postgres(PostgresApp app) : LearningActivityImportTests<PostgresApp>(app);
