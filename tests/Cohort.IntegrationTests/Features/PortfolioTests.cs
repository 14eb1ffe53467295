using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Domain;
using Cohort.Web.Domain.Templates;
using Cohort.Web.Features.Programs;
using Cohort.Web.Features.Submissions;
using Cohort.Web.Features.Teams;
using Cohort.Web.Infrastructure.Files;
using Microsoft.EntityFrameworkCore;

namespace Cohort.IntegrationTests.Features;

/// <summary>The portfolio export: the accepted version of each deliverable, printable and as a ZIP with its files.</summary>
public abstract class PortfolioTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : CohortApp
{
    private static readonly byte[] FirstNotes = Encoding.UTF8.GetBytes("第1版のメモ\n");
    private static readonly byte[] UnsafeNotes = Encoding.UTF8.GetBytes("名前に気をつける\n");
    private static readonly byte[] NotAccepted = Encoding.UTF8.GetBytes("まだ受理されていない\n");

    private sealed record World(ProgramOverview.Result Program, Guid TeamId, string Member, string Mentor, string Organizer, string StageFolder, string DocumentFolder);

    /// <summary>
    /// Stage 1 of a team: the first document returned once and accepted as version 2 (one file carried over, one
    /// added), a milestone whose name tries to climb out of the ZIP accepted as version 1, and a second document
    /// submitted but not accepted.
    /// </summary>
    private async Task<World> AcceptedWorkAsync()
    {
        App.Clock.SetUtcNow(new DateTimeOffset(2027, 4, 5, 10, 0, 0, TimeSpan.FromHours(9)));
        var program = await Seed.ProgramAsync(App, new DateOnly(2027, 4, 1));
        var stage = program.Stages[0];
        var teamId = await App.SendAsync(new CreateTeam.Command(program.Id, "窓口/改善チーム", "市民課", "窓口の待ち時間"));
        var member = await Seed.JoinAsync(App, program.Id, InvitedRole.TeamMember, teamId);
        var mentor = await Seed.JoinAsync(App, program.Id, InvitedRole.Mentor, teamId);
        var organizer = await Seed.JoinAsync(App, program.Id, InvitedRole.Organizer, null);
        var rubric = await App.QueryDbAsync(db => db.RubricCriteria.Where(c => c.StageId == stage.Id).Select(c => new { c.Id, c.MaxScore }).ToListAsync());
        List<ReviewSubmission.Score> Scores(int value) => rubric.Select(c => new ReviewSubmission.Score(c.Id, Math.Min(value, c.MaxScore), "観点コメント")).ToList();
        var documents = stage.Milestones.Where(m => m.Deliverable != DeliverableType.None).OrderBy(m => m.DueDate).ToList();
        var first = documents[0];
        var second = documents[1];
        var unsafeMilestone = await App.SendAsync(new AddMilestone.Command(program.Id, stage.Id, "../..\\..\\evil/名前", null, null, first.DueDate, DeliverableType.Document));

        var id = await App.SendAsAsync(member, new SaveSubmissionDraft.Command(program.Id, teamId, first.Id, "現状分析 v1", "下書き", null, null, null, null, null, null));
        await App.SendAsAsync(member, new AttachFile.Command(program.Id, teamId, id, "メモ.txt", FirstNotes));
        await App.SendAsAsync(member, new SubmitDeliverable.Command(program.Id, teamId, id));
        await App.SendAsAsync(mentor, new ReviewSubmission.Command(program.Id, teamId, id, 1, ReviewDecision.Return, "数字を入れて", Scores(2)));
        await App.SendAsAsync(member, new SaveSubmissionDraft.Command(program.Id, teamId, first.Id, "現状分析 v2",
            "## 成果\n**年間120時間**の削減 <script>alert(1)</script>", "https://example.jp/sheet", null, null, null, null, null));
        await App.SendAsAsync(member, new AttachFile.Command(program.Id, teamId, id, "画面.png", Seed.Png));
        await App.SendAsAsync(member, new SubmitDeliverable.Command(program.Id, teamId, id));
        await App.SendAsAsync(mentor, new ReviewSubmission.Command(program.Id, teamId, id, 2, ReviewDecision.Accept, "よくまとまっています", Scores(4)));

        var unsafeId = await App.SendAsAsync(member, new SaveSubmissionDraft.Command(program.Id, teamId, unsafeMilestone, "名前の試験", null, null, null, null, null, null, null));
        await App.SendAsAsync(member, new AttachFile.Command(program.Id, teamId, unsafeId, "..\\..\\注意.txt", UnsafeNotes));
        await App.SendAsAsync(member, new SubmitDeliverable.Command(program.Id, teamId, unsafeId));
        await App.SendAsAsync(mentor, new ReviewSubmission.Command(program.Id, teamId, unsafeId, 1, ReviewDecision.Accept, null, Scores(3)));

        var pending = await App.SendAsAsync(member, new SaveSubmissionDraft.Command(program.Id, teamId, second.Id, "未受理の資料", null, null, null, null, null, null, null));
        await App.SendAsAsync(member, new AttachFile.Command(program.Id, teamId, pending, "未受理.txt", NotAccepted));
        await App.SendAsAsync(member, new SubmitDeliverable.Command(program.Id, teamId, pending));

        return new World(program, teamId, member, mentor, organizer, ArchivePaths.Part(stage.Name), ArchivePaths.Part(first.Name));
    }

    private static string ZipUrl(World w) => $"/api/v1/programs/{w.Program.Id}/teams/{w.TeamId}/portfolio/export.zip";

    private static Dictionary<string, byte[]> Entries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var content = e.Open();
            using var copy = new MemoryStream();
            content.CopyTo(copy);
            return copy.ToArray();
        });
    }

    [SkippableFact]
    public async Task The_zip_holds_the_accepted_versions_files_under_safe_paths_and_an_index()
    {
        var w = await AcceptedWorkAsync();
        var organizer = await App.ApiClientAsync(w.Organizer);

        var response = await organizer.GetAsync(ZipUrl(w));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("portfolio-窓口_改善チーム-20270405.zip", response.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var entries = Entries(await response.Content.ReadAsByteArrayAsync());

        // Version 2 of the first document with both its files, byte for byte; version 1 and the unaccepted document are not there.
        var folder = $"{w.StageFolder}/{w.DocumentFolder}/v2";
        Assert.Equal(FirstNotes, entries[$"{folder}/メモ.txt"]);
        Assert.Equal(Seed.Png, entries[$"{folder}/画面.png"]);
        Assert.DoesNotContain(entries.Keys, k => k.Contains("/v1/メモ", StringComparison.Ordinal) || k.Contains("未受理", StringComparison.Ordinal));

        // The milestone named "../..\..\evil/名前" stays one folder inside the stage.
        var unsafeEntry = Assert.Single(entries.Keys, k => k.EndsWith("/v1/注意.txt", StringComparison.Ordinal));
        Assert.Equal(UnsafeNotes, entries[unsafeEntry]);
        Assert.Equal(4, unsafeEntry.Split('/').Length);
        Assert.StartsWith(w.StageFolder + "/", unsafeEntry, StringComparison.Ordinal);
        Assert.Equal(4, entries.Count);
        Assert.All(entries.Keys, k =>
        {
            Assert.False(k.StartsWith('/') || k.Contains('\\', StringComparison.Ordinal) || k.Contains(':', StringComparison.Ordinal), k);
            Assert.All(k.Split('/'), part => Assert.False(part is "" or "." or ".." || part.StartsWith('.'), k));
        });

        var index = Encoding.UTF8.GetString(entries["index.html"]);
        Assert.Contains("現状分析 v2", index, StringComparison.Ordinal);
        var pngPath = string.Join('/', $"{folder}/画面.png".Split('/').Select(Uri.EscapeDataString));
        Assert.Contains($"href=\"{pngPath}\"", index, StringComparison.Ordinal);
        Assert.Contains($"<img class=\"thumb\" src=\"{pngPath}\"", index, StringComparison.Ordinal);
        Assert.DoesNotContain("未受理", index, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", index, StringComparison.Ordinal);

        var audit = await App.QueryDbAsync(db => db.AuditEntries.Where(a => a.Action == "ExportPortfolio" && a.ProgramId == w.Program.Id && a.Details!.Contains(w.TeamId.ToString())).CountAsync());
        Assert.Equal(1, audit);
    }

    [SkippableFact]
    public async Task The_print_page_shows_each_stage_with_its_accepted_work_and_downloads_the_zip()
    {
        var w = await AcceptedWorkAsync();
        var member = await App.SignedInBrowserAsync(w.Member);
        var page = $"/Programs/{w.Program.Id}/Teams/{w.TeamId}/Portfolio";

        Assert.Contains($"href=\"{page}\"", await member.GetStringAsync($"/Programs/{w.Program.Id}/Teams/{w.TeamId}"), StringComparison.Ordinal);
        var html = await member.GetStringAsync(page);
        Assert.Contains("<strong>年間120時間</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("よくまとまっています", html, StringComparison.Ordinal);
        Assert.Contains("観点コメント", html, StringComparison.Ordinal);
        Assert.Contains("https://example.jp/sheet", html, StringComparison.Ordinal);
        Assert.Contains("画面.png", html, StringComparison.Ordinal);
        Assert.Matches("<img class=\"thumb\" src=\"/Programs/[^\"]+\\?handler=Thumbnail&amp;fileId=", html);
        Assert.DoesNotContain("未受理", html, StringComparison.Ordinal);
        Assert.Contains("このステージで受理された提出物はまだありません。", html, StringComparison.Ordinal); // Stage 2

        var zip = await member.GetAsync(page + "?handler=Zip");
        Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
        Assert.Equal("application/zip", zip.Content.Headers.ContentType!.MediaType);
        Assert.Contains("index.html", Entries(await zip.Content.ReadAsByteArrayAsync()).Keys);

        // The same content for API clients.
        var api = await App.ApiClientAsync(w.Member);
        var json = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/programs/{w.Program.Id}/teams/{w.TeamId}/portfolio/export")).RootElement;
        var accepted = json.GetProperty("stages")[0].GetProperty("deliverables").EnumerateArray().Select(d => (d.GetProperty("title").GetString(), d.GetProperty("version").GetInt32())).ToList();
        Assert.Equal([("現状分析 v2", 2), ("名前の試験", 1)], accepted.OrderByDescending(a => a.Item2).ToList());
    }

    [SkippableFact]
    public async Task Only_the_team_its_mentors_and_organisers_may_export()
    {
        var w = await AcceptedWorkAsync();
        var otherTeam = await App.SendAsync(new CreateTeam.Command(w.Program.Id, "別チーム", null, null));
        var otherMentor = await Seed.JoinAsync(App, w.Program.Id, InvitedRole.Mentor, otherTeam);
        var otherMember = await Seed.JoinAsync(App, w.Program.Id, InvitedRole.TeamMember, otherTeam);
        var observer = await Seed.JoinAsync(App, w.Program.Id, InvitedRole.Observer, null);
        var elsewhere = await Seed.ProgramAsync(App);
        var foreignOrganizer = await Seed.JoinAsync(App, elsewhere.Id, InvitedRole.Organizer, null);

        async Task<HttpStatusCode> Zip(string email) => (await (await App.ApiClientAsync(email)).GetAsync(ZipUrl(w))).StatusCode;

        Assert.Equal(HttpStatusCode.OK, await Zip(w.Member));
        Assert.Equal(HttpStatusCode.OK, await Zip(w.Mentor));
        Assert.Equal(HttpStatusCode.OK, await Zip(w.Organizer));
        Assert.Equal(HttpStatusCode.Forbidden, await Zip(otherMentor));
        Assert.Equal(HttpStatusCode.Forbidden, await Zip(otherMember));
        Assert.Equal(HttpStatusCode.Forbidden, await Zip(observer));
        Assert.Equal(HttpStatusCode.NotFound, await Zip(foreignOrganizer));
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.CreateClient(new() { AllowAutoRedirect = false }).GetAsync(ZipUrl(w))).StatusCode);

        // The page checks the same rule before it renders.
        var stranger = await App.SignedInBrowserAsync(otherMentor);
        var denied = await stranger.GetAsync($"/Programs/{w.Program.Id}/Teams/{w.TeamId}/Portfolio?handler=Zip");
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
        Assert.NotEqual("application/zip", denied.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class PortfolioTests_Sqlite(SqliteApp app) : PortfolioTests<SqliteApp>(app);

public sealed class PortfolioTests_Postgres(PostgresApp app) : PortfolioTests<PostgresApp>(app);
