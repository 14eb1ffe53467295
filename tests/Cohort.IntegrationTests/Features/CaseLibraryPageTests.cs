using System.Net;
using System.Net.Http.Headers;
using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Domain;
using Cohort.Web.Features.Showcases;
using Cohort.Web.Features.Teams;
using Microsoft.EntityFrameworkCore;

namespace Cohort.IntegrationTests.Features;

/// <summary>The case library through the pages: write, ask, approve, find, follow up, print, import.</summary>
public sealed class CaseLibraryPageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task A_team_writes_its_case_an_organiser_shares_it_and_another_city_finds_prints_and_imports_it()
    {
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(9)));
        var program = await Seed.ProgramAsync(app, new DateOnly(2026, 4, 1));
        var team = await app.SendAsync(new CreateTeam.Command(program.Id, "窓口チーム", "市民課", "窓口の申請書が紙"));
        await app.SendAsync(new ScheduleShowcase.Command(program.Id, "成果発表会", null, new DateOnly(2026, 10, 1), new TimeOnly(13, 0), new TimeOnly(16, 0), ShowcaseFormat.Online,
            null, null, "https://teams.example/join"));
        var member = await app.SignedInBrowserAsync(await Seed.JoinAsync(app, program.Id, InvitedRole.TeamMember, team, "山田 太郎"));
        var organiser = await app.SignedInBrowserAsync(await Seed.JoinAsync(app, program.Id, InvitedRole.Organizer));
        var other = await Seed.ProgramAsync(app);
        var outsider = await app.SignedInBrowserAsync(await Seed.JoinAsync(app, other.Id, InvitedRole.Organizer));

        // The team page invites the team to write its case; the form starts from what is known.
        Assert.Contains($"/Programs/{program.Id}/Teams/{team}/Case", await member.GetStringAsync($"/Programs/{program.Id}/Teams/{team}"), StringComparison.Ordinal);
        var form = $"/Programs/{program.Id}/Teams/{team}/Case";
        Assert.Contains("窓口の申請書が紙", await member.GetStringAsync(form), StringComparison.Ordinal);

        var fields = new Dictionary<string, string>
        {
            ["Input.Title"] = "オンライン申請書で窓口の待ち時間を減らす", ["Input.Department"] = "市民課", ["Input.DepartmentArea"] = "resident-services", ["Input.ProblemType"] = "paper-forms",
            ["Input.Tool"] = "kintone", ["Input.AsIs"] = "紙の申請書を書き写していた", ["Input.ToBe"] = "オンラインで受け付ける", ["Input.Lessons"] = "", ["Input.Outcome"] = "Prototype",
        };
        var bad = await CohortApp.PostFormAsync(member, form, new(fields));
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("field-error", badHtml, StringComparison.Ordinal);
        Assert.Contains("オンライン申請書で窓口の待ち時間を減らす", badHtml, StringComparison.Ordinal);
        Assert.False(await app.QueryDbAsync(db => db.Cases.AnyAsync(c => c.TeamId == team)));

        fields["Input.Lessons"] = "最初は項目が多すぎた";
        var created = await CohortApp.PostFormAsync(member, form, new(fields));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = created.Headers.Location!.ToString();
        var id = await app.QueryDbAsync(db => db.Cases.Where(c => c.TeamId == team).Select(c => c.Id).SingleAsync());
        Assert.Equal($"/Cases/{id}", page);

        // Another city cannot see it yet.
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(page)).StatusCode);
        Assert.DoesNotContain(id.ToString(), await outsider.GetStringAsync("/Cases?q=申請"), StringComparison.Ordinal);

        // The team asks, the organiser approves, and now it is found there.
        Assert.Equal(HttpStatusCode.Redirect, (await CohortApp.PostFormAsync(member, page, new() { ["Ask.Level"] = "Shared", ["Ask.Note"] = "他市にも" }, handler: "Request")).StatusCode);
        var organiserView = await organiser.GetStringAsync(page);
        Assert.Contains("handler=Approve", organiserView, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await CohortApp.PostFormAsync(organiser, page, new() { ["Approve.Level"] = "Shared" }, handler: "Approve")).StatusCode);
        var found = await outsider.GetStringAsync("/Cases?q=申請");
        Assert.Contains(id.ToString(), found, StringComparison.Ordinal);
        Assert.Contains("住民サービス・窓口 (", found, StringComparison.Ordinal);
        Assert.Contains("kintone", await outsider.GetStringAsync(page), StringComparison.Ordinal);

        // Stopped without a reason is refused on the form; piloting is recorded.
        var noReason = await CohortApp.PostFormAsync(member, page, new() { ["FollowUp.Status"] = "Stopped" }, handler: "FollowUp");
        Assert.Contains("field-error", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await CohortApp.PostFormAsync(member, page, new() { ["FollowUp.Status"] = "Piloting", ["FollowUp.Effect"] = "待ち時間が半分" }, handler: "FollowUp")).StatusCode);
        var programPage = await organiser.GetStringAsync($"/Programs/{program.Id}/Cases");
        Assert.Contains("試行中", programPage, StringComparison.Ordinal);

        // Printable, and not public: the public library does not list it and its public page is not found.
        Assert.Contains("待ち時間が半分", await outsider.GetStringAsync($"{page}/Print"), StringComparison.Ordinal);
        var anonymous = app.CreateClient();
        Assert.DoesNotContain(id.ToString(), await anonymous.GetStringAsync("/public/cases?q=申請"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/public/cases/{id}")).StatusCode);

        // The outsider's organisation admin imports the document; a file that is not one is refused with a message.
        var admin = await app.SignedInBrowserAsync();
        var export = await admin.GetAsync($"/Cases/{id}?handler=Export");
        Assert.StartsWith("attachment", export.Content.Headers.ContentDisposition?.ToString() ?? string.Join(",", export.Headers.GetValues("Content-Disposition")), StringComparison.Ordinal);
        var document = await export.Content.ReadAsByteArrayAsync();
        var refused = await UploadAsync(admin, other.OrganizationId, "{\"hello\":1}"u8.ToArray());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("事例ファイルではありません", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var imported = await UploadAsync(admin, other.OrganizationId, document);
        Assert.True(imported.StatusCode == HttpStatusCode.Redirect, await imported.Content.ReadAsStringAsync());
        Assert.Contains("取り込んだ事例", await admin.GetStringAsync(imported.Headers.Location!.ToString()), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid organizationId, byte[] content)
    {
        var html = await client.GetStringAsync("/Cases/Import");
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(organizationId.ToString()), "OrganizationId" },
            { file, "Document", "case.json" },
        };
        return await client.PostAsync("/Cases/Import", form);
    }
}
