using System.Text;
using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Features.Participants;
using Cohort.Web.Features.Programs;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Cohort.IntegrationTests.Features;

public abstract class ParticipantImportTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : CohortApp
{
    static ParticipantImportTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static byte[] Utf8WithBom(string text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];

    [SkippableFact]
    public async Task A_good_file_creates_people_and_teams_and_a_reimport_updates_without_duplicates()
    {
        var program = await Seed.ProgramAsync(App);
        const string file = "氏名,メールアドレス,部署,チーム\r\n山田 太郎,Taro.Yamada@city.example.jp,下水道課,下水道台帳チーム\r\n佐藤 花子,hanako.sato@city.example.jp,福祉課,福祉申請チーム\r\n鈴木 一郎,ichiro.suzuki@city.example.jp,下水道課,下水道台帳チーム\r\n";

        var first = await App.SendAsync(new ImportParticipants.Command(program.Id, Utf8WithBom(file)));

        Assert.Equal(3, first.Created);
        Assert.Equal(["下水道台帳チーム", "福祉申請チーム"], first.TeamsCreated.Order().ToArray());
        var overview = await App.SendAsync(new ProgramOverview.Query(program.Id));
        Assert.Equal(2, overview.Teams.Single(t => t.Name == "下水道台帳チーム").Members.Count);

        // Same people again, one moved department: updated in place, nobody duplicated.
        var changed = file.Replace("佐藤 花子,hanako.sato@city.example.jp,福祉課", "佐藤 花子,HANAKO.SATO@city.example.jp,障害福祉課", StringComparison.Ordinal);
        var second = await App.SendAsync(new ImportParticipants.Command(program.Id, Utf8WithBom(changed)));

        Assert.Equal((0, 1, 2), (second.Created, second.Updated, second.Unchanged));
        Assert.Empty(second.TeamsCreated);
        var people = await App.SendAsync(new ParticipantList.Query(program.Id));
        Assert.Equal(3, people.Count);
        Assert.Equal("障害福祉課", people.Single(p => p.Email == "hanako.sato@city.example.jp").Department);
        Assert.Equal("taro.yamada@city.example.jp", people.Single(p => p.Name == "山田 太郎").Email);
    }

    [SkippableFact]
    public async Task A_Shift_JIS_file_from_Excel_keeps_its_Japanese_text()
    {
        var program = await Seed.ProgramAsync(App);
        var bytes = Encoding.GetEncoding(932).GetBytes("氏名,メールアドレス,部署,チーム\r\n髙橋 美咲,misaki@city.example.jp,建設課,道路点検チーム\r\n");

        var result = await App.SendAsync(new ImportParticipants.Command(program.Id, bytes));

        Assert.Equal(1, result.Created);
        Assert.Equal("shift_jis", result.Encoding);
        var person = Assert.Single(await App.SendAsync(new ParticipantList.Query(program.Id)));
        Assert.Equal(("髙橋 美咲", "建設課", "道路点検チーム"), (person.Name, person.Department, person.TeamName));
    }

    [SkippableFact]
    public async Task A_file_with_bad_rows_reports_each_row_and_writes_nothing()
    {
        var program = await Seed.ProgramAsync(App);
        const string file = "name,email,department,team\nGood Person,good@city.example.jp,IT,New Team\n,missing-name@city.example.jp,IT,New Team\nBad Mail,not-an-email,IT,New Team\nDup,good@city.example.jp,IT,\n";

        var error = await Assert.ThrowsAsync<Cohort.Web.Infrastructure.Mediation.RequestValidationException>(() =>
            App.SendAsync(new ImportParticipants.Command(program.Id, Encoding.UTF8.GetBytes(file))));

        var cells = error.Errors.Select(e => e.CustomState).OfType<CsvCellError>().Select(e => (e.Row, e.Column)).ToList();
        Assert.Contains((3, "name"), cells);
        Assert.Contains((4, "email"), cells);
        Assert.Contains((5, "email"), cells);
        Assert.DoesNotContain(cells, c => c.Row == 2);
        Assert.Equal(0, await App.QueryDbAsync(db => db.Participants.CountAsync(p => p.ProgramId == program.Id)));
        Assert.Equal(0, await App.QueryDbAsync(db => db.Teams.CountAsync(t => t.ProgramId == program.Id)));
    }

    [SkippableFact]
    public async Task An_empty_upload_is_refused()
    {
        var program = await Seed.ProgramAsync(App);

        var error = await Assert.ThrowsAsync<Cohort.Web.Infrastructure.Mediation.RequestValidationException>(() =>
            App.SendAsync(new ImportParticipants.Command(program.Id, [])));

        Assert.Contains(error.Errors, e => e.PropertyName == "Content");
    }
}

public sealed class ParticipantImportTests_Sqlite(SqliteApp app) : ParticipantImportTests<SqliteApp>(app);

public sealed class ParticipantImportTests_Postgres(PostgresApp app) : ParticipantImportTests<PostgresApp>(app);
