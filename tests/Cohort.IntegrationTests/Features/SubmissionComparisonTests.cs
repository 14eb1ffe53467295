using System.Net;
using System.Text;
using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Domain;
using Cohort.Web.Domain.Templates;
using Cohort.Web.Features.Programs;
using Cohort.Web.Features.Submissions;
using Cohort.Web.Features.Teams;
using Cohort.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;

namespace Cohort.IntegrationTests.Features;

/// <summary>Comparing two versions of a deliverable: per field, line by line, files added and removed, for those who see the team's work.</summary>
public abstract class SubmissionComparisonTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : CohortApp
{
    /// <summary>A prototype handed in twice: version 2 changes a line of the notes, a link, the declaration and adds a file.</summary>
    private async Task<(ProgramOverview.Result Program, Guid TeamId, Guid MilestoneId, string Member, string Mentor)> TwoVersionsAsync()
    {
        App.Clock.SetUtcNow(new DateTimeOffset(2027, 4, 5, 10, 0, 0, TimeSpan.FromHours(9)));
        var program = await Seed.ProgramAsync(App, new DateOnly(2027, 4, 1));
        var teamId = await App.SendAsync(new CreateTeam.Command(program.Id, "比較チーム", null, null));
        var member = await Seed.JoinAsync(App, program.Id, InvitedRole.TeamMember, teamId);
        var mentor = await Seed.JoinAsync(App, program.Id, InvitedRole.Mentor, teamId);
        var stage2 = program.Stages[1];
        await App.SendAsync(new SetStageGate.Command(program.Id, teamId, stage2.Id, GateState.Open, "テストのため"));
        var milestone = stage2.Milestones.First(m => m.Deliverable == DeliverableType.Prototype);

        var id = await App.SendAsAsync(member, new SaveSubmissionDraft.Command(program.Id, teamId, milestone.Id, "申請フォーム", "目的\n効果: 未定\n体制",
            "https://example.jp/app\nhttps://example.jp/old", "オンライン申請", "課内3人", "kintone", false, null));
        await App.SendAsAsync(member, new AttachFile.Command(program.Id, teamId, id, "画面.png", Seed.Png));
        await App.SendAsAsync(member, new SubmitDeliverable.Command(program.Id, teamId, id));
        var rubric = await App.QueryDbAsync(db => db.RubricCriteria.Where(c => c.StageId == stage2.Id).Select(c => c.Id).ToListAsync());
        await App.SendAsAsync(mentor, new ReviewSubmission.Command(program.Id, teamId, id, 1, ReviewDecision.Return, "効果を数字で", rubric.Select(c => new ReviewSubmission.Score(c, 2, null)).ToList()));

        App.Clock.Advance(TimeSpan.FromDays(1));
        await App.SendAsAsync(member, new SaveSubmissionDraft.Command(program.Id, teamId, milestone.Id, "申請フォーム", "目的\n効果: 年間120時間削減\n体制",
            "https://example.jp/app\nhttps://example.jp/new", "オンライン申請", "課内3人", "kintone", true, "職員の氏名のみ"));
        await App.SendAsAsync(member, new AttachFile.Command(program.Id, teamId, id, "手順.txt", Encoding.UTF8.GetBytes("1. 開く\n2. 入力する\n")));
        await App.SendAsAsync(member, new SubmitDeliverable.Command(program.Id, teamId, id));
        return (program, teamId, milestone.Id, member, mentor);
    }

    [SkippableFact]
    public async Task Latest_version_is_compared_with_the_one_before_field_by_field()
    {
        var (program, teamId, milestoneId, member, _) = await TwoVersionsAsync();

        var result = await App.SendAsAsync(member, new VersionComparison.Query(program.Id, teamId, milestoneId));

        Assert.Equal((1, 2), (result.From.Number, result.To.Number));
        Assert.Equal("TeamMember", result.To.AuthorName);
        Assert.True(result.From.SubmittedAt < result.To.SubmittedAt);
        var fields = result.Fields.ToDictionary(f => f.Field);
        Assert.False(fields[VersionComparison.Fields.Title].Changed);
        Assert.False(fields[VersionComparison.Fields.Tool].Changed);
        Assert.Equal(
            [(DiffKind.Same, "目的"), (DiffKind.Removed, "効果: 未定"), (DiffKind.Added, "効果: 年間120時間削減"), (DiffKind.Same, "体制")],
            fields[VersionComparison.Fields.Description].Lines.Select(l => (l.Kind, l.Text)).ToArray());
        Assert.Equal(
            [(DiffKind.Same, "https://example.jp/app"), (DiffKind.Removed, "https://example.jp/old"), (DiffKind.Added, "https://example.jp/new")],
            fields[VersionComparison.Fields.Links].Lines.Select(l => (l.Kind, l.Text)).ToArray());
        Assert.Equal([(DiffKind.Removed, "no"), (DiffKind.Added, "yes")], fields[VersionComparison.Fields.ContainsPersonalData].Lines.Select(l => (l.Kind, l.Text)).ToArray());
        Assert.Equal("手順.txt", Assert.Single(result.FilesAdded).FileName);
        Assert.Empty(result.FilesRemoved);
        Assert.Equal("画面.png", Assert.Single(result.FilesKept).FileName);

        // Backwards, the same changes read the other way round.
        var back = await App.SendAsAsync(member, new VersionComparison.Query(program.Id, teamId, milestoneId, From: 2, To: 1));
        Assert.Equal("手順.txt", Assert.Single(back.FilesRemoved).FileName);
        Assert.Equal(DiffKind.Added, back.Fields.Single(f => f.Field == VersionComparison.Fields.Description).Lines.Single(l => l.Text == "効果: 未定").Kind);

        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsAsync(member, new VersionComparison.Query(program.Id, teamId, milestoneId, From: 1, To: 7)));
    }

    [SkippableFact]
    public async Task Only_those_who_see_the_team_work_may_compare()
    {
        var (program, teamId, milestoneId, _, mentor) = await TwoVersionsAsync();
        var otherTeam = await App.SendAsync(new CreateTeam.Command(program.Id, "別チーム", null, null));
        var otherMentor = await Seed.JoinAsync(App, program.Id, InvitedRole.Mentor, otherTeam);
        var observer = await Seed.JoinAsync(App, program.Id, InvitedRole.Observer, null);
        var elsewhere = await Seed.ProgramAsync(App);
        var foreignOrganizer = await Seed.JoinAsync(App, elsewhere.Id, InvitedRole.Organizer, null);
        var query = new VersionComparison.Query(program.Id, teamId, milestoneId);

        Assert.True((await App.SendAsAsync(mentor, query)).Changed);
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsAsync(otherMentor, query));
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsAsync(observer, query));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsAsync(foreignOrganizer, query));
    }

    [SkippableFact]
    public async Task The_compare_page_marks_changes_with_text_and_works_without_script()
    {
        var (program, teamId, milestoneId, member, _) = await TwoVersionsAsync();
        var browser = await App.SignedInBrowserAsync(member);
        var deliverable = $"/Programs/{program.Id}/Teams/{teamId}/Deliverables/{milestoneId}";

        var page = await browser.GetStringAsync(deliverable);
        Assert.Contains($"href=\"{deliverable}/Compare\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"{deliverable}/Compare?from=1&amp;to=2\"", page, StringComparison.Ordinal);

        var compare = await browser.GetStringAsync($"{deliverable}/Compare?from=1&to=2");
        Assert.Contains("<del class=\"diff-line\"><span class=\"diff-mark\" aria-hidden=\"true\">−</span>", compare, StringComparison.Ordinal);
        Assert.Matches("<del class=\"diff-line\">.*効果: 未定</del>", compare);
        Assert.Matches("<ins class=\"diff-line\">.*効果: 年間120時間削減</ins>", compare);
        Assert.Matches("<ins class=\"diff-line\">.*手順.txt</a></ins>", compare);
        Assert.Contains("<summary class=\"muted\">変更なし</summary>", compare, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", compare, StringComparison.OrdinalIgnoreCase);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"{deliverable}/Compare?from=1&to=9")).StatusCode);
        var outsider = await App.SignedInBrowserAsync(await Seed.JoinAsync(App, program.Id, InvitedRole.Observer, null));
        Assert.NotEqual(HttpStatusCode.OK, (await outsider.GetAsync($"{deliverable}/Compare")).StatusCode);
    }

    [SkippableFact]
    public async Task The_API_compares_too()
    {
        var (program, teamId, milestoneId, member, _) = await TwoVersionsAsync();
        var api = await App.ApiClientAsync(member);

        var response = await api.GetAsync($"/api/v1/programs/{program.Id}/teams/{teamId}/milestones/{milestoneId}/compare?from=1&to=2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(2, json.GetProperty("to").GetProperty("number").GetInt32());
        var description = json.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("field").GetString() == "description");
        Assert.True(description.GetProperty("changed").GetBoolean());
        Assert.Equal("手順.txt", json.GetProperty("filesAdded")[0].GetProperty("fileName").GetString());
    }
}

public sealed class SubmissionComparisonTests_Sqlite(SqliteApp app) : SubmissionComparisonTests<SqliteApp>(app);

public sealed class SubmissionComparisonTests_Postgres(PostgresApp app) : SubmissionComparisonTests<PostgresApp>(app);
