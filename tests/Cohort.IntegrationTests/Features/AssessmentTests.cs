using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Domain.Assessments;
using Cohort.Web.Features.Assessments;
using Cohort.Web.Features.Learning;
using Cohort.Web.Features.Teams;
using Cohort.Web.Features.Tokens;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.IntegrationTests.Features;

/// <summary>
/// The pre-/post-programme self-assessment through the API (and the participant's page): who may answer, when, what
/// a complete answer is, changing it, stale copies, the framework lock and the participant's own change per skill.
/// </summary>
public abstract class AssessmentTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : CohortApp
{
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);

    private sealed record World(Guid ProgramId, Guid TeamId, string Member, string Mentor, AssessmentWindow Pre, AssessmentWindow Post);

    /// <summary>Noon in Tokyo on the day, so "today" in the programme's time zone is that day.</summary>
    private void SetToday(DateOnly day) => App.Clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), Jst));

    private SkillFramework Framework
    {
        get
        {
            Assert.True(App.Services.GetRequiredService<SkillFrameworkCatalog>().TryGet(SkillFrameworkCatalog.DefaultKey, out var framework));
            return framework;
        }
    }

    /// <summary>Every statement of dx-core rated the same.</summary>
    private Dictionary<string, int> All(int rating) => Framework.Items.ToDictionary(i => i.Key, _ => rating);

    private async Task<World> WorldAsync()
    {
        // Created with the two-stage-dx template, starting Thursday 1 April 2027: it gets dx-core.
        SetToday(new DateOnly(2027, 3, 1));
        var program = await Seed.ProgramAsync(App, new DateOnly(2027, 4, 1));
        var team = await App.SendAsync(new CreateTeam.Command(program.Id, "評価チーム", "情報政策課", null));
        var member = await Seed.JoinAsync(App, program.Id, InvitedRole.TeamMember, team, "受講 太郎");
        var mentor = await Seed.JoinAsync(App, program.Id, InvitedRole.Mentor, team, "伴走 花子");
        var windows = await App.QueryDbAsync(async db => AssessmentWindow.For(await db.GetProgramWithScheduleAsync(program.Id, CancellationToken.None)));
        return new World(program.Id, team, member, mentor, windows.Single(w => w.Phase == AssessmentPhase.Pre), windows.Single(w => w.Phase == AssessmentPhase.Post));
    }

    /// <summary>An API client with a token that does not expire, since these tests move the clock by months.</summary>
    private async Task<HttpClient> ApiAsync(string email = CohortApp.AdminEmail)
    {
        var token = await App.SendAsAsync(email, new CreateToken.Command("assessment", false, null));
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return client;
    }

    private static string Url(World w, string rest = "") => $"/api/v1/programs/{w.ProgramId}/self-assessment{rest}";

    private static Task<HttpResponseMessage> AnswerAsync(HttpClient client, World w, string phase, IReadOnlyDictionary<string, int>? ratings, string? goals = null, Guid? version = null) =>
        client.PutAsJsonAsync(Url(w, "/" + phase), new { ratings, goals, version });

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"Expected 400, got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(body)!["errors"].Deserialize<Dictionary<string, string[]>>()!;
    }

    private Task<int> AssessmentsAsync(Guid programId) => App.QueryDbAsync(db => db.SelfAssessments.CountAsync(a => a.ProgramId == programId));

    private static JsonElement Phase(JsonElement mine, string phase) =>
        mine.GetProperty("phases").EnumerateArray().Single(p => p.GetProperty("phase").GetString() == phase);

    [SkippableFact]
    public async Task The_windows_follow_the_first_and_last_self_assessment_milestones_in_working_days()
    {
        var w = await WorldAsync();

        // Pre: opens on the programme's first day (Thu 1 Apr); 事前自己評価 is offset 4 working days: Thu 1, Fri 2,
        // Mon 5, Tue 6, Wed 7 → due Wed 7 Apr; late answers for 10 more working days: 8, 9, 12..16, 19, 20, 21 → Wed 21 Apr.
        Assert.Equal((new DateOnly(2027, 4, 1), new DateOnly(2027, 4, 7), new DateOnly(2027, 4, 21)), (w.Pre.Opens, w.Pre.Due, w.Pre.Closes));

        // Post: the last milestone (事後自己評価), opening 5 working days before it is due, after the pre window.
        Assert.True(w.Post.Opens > w.Pre.Closes);
        Assert.True(w.Post.Opens < w.Post.Due && w.Post.Due < w.Post.Closes);
        var milestones = await App.QueryDbAsync(db => db.Milestones.Where(m => m.Stage!.ProgramId == w.ProgramId && m.Deliverable == Cohort.Web.Domain.Templates.DeliverableType.Assessment)
            .OrderBy(m => m.DueDate).Select(m => new { m.Id, m.DueDate }).ToListAsync());
        Assert.Equal((milestones[0].Id, milestones[^1].Id), (w.Pre.MilestoneId, w.Post.MilestoneId));
        Assert.Equal(milestones[^1].DueDate, w.Post.Due);

        var member = await ApiAsync(w.Member);
        var mine = await JsonAsync(await member.GetAsync(Url(w)));
        Assert.Equal("2027-04-07", Phase(mine, "Pre").GetProperty("due").GetString());
        Assert.Equal(SkillFrameworkCatalog.DefaultKey, mine.GetProperty("framework").GetProperty("key").GetString());
    }

    [SkippableFact]
    public async Task A_participant_answers_the_pre_assessment_and_changes_it_and_a_stale_copy_gets_409()
    {
        var w = await WorldAsync();
        var member = await ApiAsync(w.Member);
        SetToday(w.Pre.Opens.AddDays(1));

        var first = await AnswerAsync(member, w, "Pre", All(3), "  データで説明できるようになりたい  ");
        var id = (await JsonAsync(first)).GetProperty("id").GetGuid();
        var mine = await JsonAsync(await member.GetAsync(Url(w)));
        var pre = Phase(mine, "Pre");
        Assert.True(pre.GetProperty("answered").GetBoolean());
        Assert.True(pre.GetProperty("isOpen").GetBoolean());
        Assert.False(pre.GetProperty("late").GetBoolean());
        Assert.Equal("データで説明できるようになりたい", pre.GetProperty("goals").GetString());
        Assert.Equal(Framework.Items.Count(), pre.GetProperty("ratings").EnumerateObject().Count());
        Assert.All(pre.GetProperty("ratings").EnumerateObject(), r => Assert.Equal(3, r.Value.GetInt32()));
        var version = pre.GetProperty("version").GetGuid();

        // Answering again (with the version read) changes the one answer; it is not a second one.
        var changed = All(3);
        changed["analyse-data"] = 5;
        Assert.Equal(id, (await JsonAsync(await AnswerAsync(member, w, "Pre", changed, null, version))).GetProperty("id").GetGuid());
        var stored = await App.QueryDbAsync(db => db.SelfAssessments.Include(a => a.Answers).SingleAsync(a => a.ProgramId == w.ProgramId));
        Assert.Equal(id, stored.Id);
        Assert.Null(stored.Goals);
        Assert.Equal(Framework.Items.Count(), stored.Answers.Count);
        Assert.Equal(5, stored.Answers.Single(a => a.ItemKey == "analyse-data").Rating);
        Assert.Equal("data-use", stored.Answers.Single(a => a.ItemKey == "analyse-data").AreaKey);
        Assert.NotEqual(version, stored.Version);

        // A second window still holding the first version: 409, nothing overwritten.
        var stale = await AnswerAsync(member, w, "Pre", All(1), null, version);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var after = await App.QueryDbAsync(db => db.SelfAssessments.Include(a => a.Answers).SingleAsync(a => a.ProgramId == w.ProgramId));
        Assert.Equal(5, after.Answers.Single(a => a.ItemKey == "analyse-data").Rating);
        Assert.Equal(3, after.Answers.Single(a => a.ItemKey == "dx-meaning").Rating);
        Assert.Equal(stored.Version, after.Version);

        // With the current version it goes through again.
        Assert.Equal(HttpStatusCode.OK, (await AnswerAsync(member, w, "Pre", All(2), null, after.Version)).StatusCode);
        Assert.Equal(1, await AssessmentsAsync(w.ProgramId));
    }

    [SkippableFact]
    public async Task A_missing_or_out_of_range_rating_is_refused_per_statement_and_nothing_is_saved()
    {
        var w = await WorldAsync();
        var member = await ApiAsync(w.Member);
        SetToday(w.Pre.Opens);

        var missing = All(4);
        missing.Remove("data-quality");
        missing.Remove("vision");
        var errors = await ErrorsAsync(await AnswerAsync(member, w, "Pre", missing));
        Assert.Equal(["ratings[data-quality]", "ratings[vision]"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, await AssessmentsAsync(w.ProgramId));

        // A statement that is not in the framework is refused too.
        var unknown = All(4);
        unknown["not-a-statement"] = 3;
        Assert.Contains("ratings[not-a-statement]", (await ErrorsAsync(await AnswerAsync(member, w, "Pre", unknown))).Keys);

        // Nothing rated at all.
        Assert.Contains("ratings", (await ErrorsAsync(await AnswerAsync(member, w, "Pre", null))).Keys);

        // 6 on a 1–5 scale (and 0): refused, and the error names the statement like a missing one does.
        var six = All(4);
        six["analyse-data"] = 6;
        six["vision"] = 0;
        errors = await ErrorsAsync(await AnswerAsync(member, w, "Pre", six));
        Assert.True(errors.ContainsKey("ratings[analyse-data]") && errors.ContainsKey("ratings[vision]"),
            "The out-of-range ratings should be reported under ratings[<statement key>]; got: " + string.Join(", ", errors.Keys));

        Assert.Equal(0, await AssessmentsAsync(w.ProgramId));
    }

    [SkippableFact]
    public async Task Only_participants_answer_and_only_while_the_phase_is_open()
    {
        var w = await WorldAsync();
        var member = await ApiAsync(w.Member);
        var mentor = await ApiAsync(w.Mentor);
        var organiser = await ApiAsync();
        SetToday(w.Pre.Opens);

        // A mentor (and the organiser) can read the programme but has no self-assessment of their own.
        Assert.Equal(HttpStatusCode.Forbidden, (await AnswerAsync(mentor, w, "Pre", All(3))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await mentor.GetAsync(Url(w))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await AnswerAsync(organiser, w, "Pre", All(3))).StatusCode);

        // Before the programme starts; between the phases; the post one before it opens and after it closes.
        SetToday(w.Pre.Opens.AddDays(-1));
        Assert.Equal(HttpStatusCode.Conflict, (await AnswerAsync(member, w, "Pre", All(3))).StatusCode);
        // Days are Tokyo days: 23:30 JST the evening before is still closed (14:30 UTC).
        App.Clock.SetUtcNow(new DateTimeOffset(w.Pre.Opens.ToDateTime(new TimeOnly(23, 30)), Jst).AddDays(-1));
        Assert.Equal(HttpStatusCode.Conflict, (await AnswerAsync(member, w, "Pre", All(3))).StatusCode);
        SetToday(w.Pre.Closes.AddDays(1));
        Assert.Equal(HttpStatusCode.Conflict, (await AnswerAsync(member, w, "Pre", All(3))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await AnswerAsync(member, w, "Post", All(3))).StatusCode);
        SetToday(w.Post.Opens.AddDays(-1));
        Assert.Equal(HttpStatusCode.Conflict, (await AnswerAsync(member, w, "Post", All(3))).StatusCode);
        SetToday(w.Post.Closes.AddDays(1));
        Assert.Equal(HttpStatusCode.Conflict, (await AnswerAsync(member, w, "Post", All(3))).StatusCode);
        Assert.Equal(0, await AssessmentsAsync(w.ProgramId));

        // The last day of a window still counts, to midnight in Tokyo; after the due date the answer is kept and marked late.
        App.Clock.SetUtcNow(new DateTimeOffset(w.Pre.Closes.ToDateTime(new TimeOnly(23, 50)), Jst));
        Assert.Equal(HttpStatusCode.OK, (await AnswerAsync(member, w, "Pre", All(3))).StatusCode);
        var pre = Phase(await JsonAsync(await member.GetAsync(Url(w))), "Pre");
        Assert.True(pre.GetProperty("late").GetBoolean());
        Assert.Equal(1, await AssessmentsAsync(w.ProgramId));
    }

    [SkippableFact]
    public async Task The_framework_can_change_until_someone_has_answered()
    {
        var w = await WorldAsync();
        var organiser = await ApiAsync();
        var member = await ApiAsync(w.Member);
        var url = $"/api/v1/programs/{w.ProgramId}/assessment-framework";

        var frameworks = await JsonAsync(await member.GetAsync("/api/v1/assessment-frameworks"));
        var dx = frameworks.EnumerateArray().Single(f => f.GetProperty("key").GetString() == SkillFrameworkCatalog.DefaultKey);
        Assert.Equal((7, 27), (dx.GetProperty("areaCount").GetInt32(), dx.GetProperty("itemCount").GetInt32()));

        // Before anyone answers: off, an unknown key refused, back on.
        Assert.Equal(HttpStatusCode.NoContent, (await organiser.PutAsJsonAsync(url, new { frameworkKey = (string?)null })).StatusCode);
        Assert.Null(await App.QueryDbAsync(db => db.Programs.Where(p => p.Id == w.ProgramId).Select(p => p.AssessmentFrameworkKey).SingleAsync()));
        SetToday(w.Pre.Opens);
        Assert.Equal(HttpStatusCode.Conflict, (await AnswerAsync(member, w, "Pre", All(3))).StatusCode);
        Assert.Contains("frameworkKey", (await ErrorsAsync(await organiser.PutAsJsonAsync(url, new { frameworkKey = "no-such-framework" }))).Keys);
        Assert.Equal(HttpStatusCode.NoContent, (await organiser.PutAsJsonAsync(url, new { frameworkKey = SkillFrameworkCatalog.DefaultKey })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PutAsJsonAsync(url, new { frameworkKey = (string?)null })).StatusCode);

        // Someone answered: switching it off (or to anything else) is a conflict; choosing the same one is harmless.
        Assert.Equal(HttpStatusCode.OK, (await AnswerAsync(member, w, "Pre", All(3))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await organiser.PutAsJsonAsync(url, new { frameworkKey = (string?)null })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await organiser.PutAsJsonAsync(url, new { frameworkKey = SkillFrameworkCatalog.DefaultKey })).StatusCode);
        Assert.Equal(SkillFrameworkCatalog.DefaultKey, await App.QueryDbAsync(db => db.Programs.Where(p => p.Id == w.ProgramId).Select(p => p.AssessmentFrameworkKey).SingleAsync()));

        // The settings page shows the framework as fixed.
        var browser = await App.SignedInBrowserAsync();
        var edit = await browser.GetStringAsync($"/Programs/{w.ProgramId}/Edit");
        Assert.Contains("id=\"framework\" name=\"FrameworkKey\" disabled", edit, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_settings_page_switches_the_framework_off_before_anyone_answers()
    {
        var w = await WorldAsync();
        var browser = await App.SignedInBrowserAsync();
        var page = $"/Programs/{w.ProgramId}/Edit";
        var html = await browser.GetStringAsync(page);
        Assert.Matches("<option value=\"dx-core\" selected=\"selected\">", html);

        var saved = await CohortApp.PostFormAsync(browser, page, new() { ["FrameworkKey"] = "" }, handler: "Framework");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Null(await App.QueryDbAsync(db => db.Programs.Where(p => p.Id == w.ProgramId).Select(p => p.AssessmentFrameworkKey).SingleAsync()));
    }

    [SkippableFact]
    public async Task After_pre_and_post_the_participant_sees_their_change_per_skill_and_their_learning()
    {
        var w = await WorldAsync();
        var member = await ApiAsync(w.Member);

        // Pre: 2 everywhere except data use (all 1). Post: 4 everywhere except data use (all 5).
        var pre = All(2);
        var post = All(4);
        foreach (var item in Framework.Areas.Single(a => a.Key == "data-use").Items)
        {
            pre[item.Key] = 1;
            post[item.Key] = 5;
        }

        SetToday(w.Pre.Due);
        Assert.Equal(HttpStatusCode.OK, (await AnswerAsync(member, w, "Pre", pre)).StatusCode);
        var mine = await JsonAsync(await member.GetAsync(Url(w)));
        var dataUse = mine.GetProperty("change").EnumerateArray().Single(c => c.GetProperty("areaKey").GetString() == "data-use");
        Assert.Equal(1.0, dataUse.GetProperty("pre").GetDouble());
        Assert.Equal(JsonValueKind.Null, dataUse.GetProperty("post").ValueKind);

        SetToday(w.Post.Opens);
        var open = Phase(await JsonAsync(await member.GetAsync(Url(w))), "Post");
        Assert.True(open.GetProperty("isOpen").GetBoolean());
        Assert.False(Phase(await JsonAsync(await member.GetAsync(Url(w))), "Pre").GetProperty("isOpen").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await AnswerAsync(member, w, "Post", post, "学んだことを課内で共有する")).StatusCode);

        // Some learning too: 45 + 90 minutes, one course completed (twice counts once).
        var csv = $"email,course,minutes,date,completed\n{w.Member},データ活用入門,45,2027-05-10,yes\n{w.Member},データ活用入門,90,2027-05-17,yes\n";
        await App.SendAsync(new ImportLearningActivity.Command(w.ProgramId, "lms.csv", System.Text.Encoding.UTF8.GetBytes(csv), new ColumnMap("email", "course", null, "minutes", "date", "completed", null)));

        mine = await JsonAsync(await member.GetAsync(Url(w)));
        var change = mine.GetProperty("change").EnumerateArray().ToDictionary(c => c.GetProperty("areaKey").GetString()!, c => (c.GetProperty("pre").GetDouble(), c.GetProperty("post").GetDouble()));
        Assert.Equal(Framework.Areas.Select(a => a.Key), change.Keys);
        Assert.Equal((1.0, 5.0), change["data-use"]);
        Assert.All(change.Where(c => c.Key != "data-use"), c => Assert.Equal((2.0, 4.0), c.Value));
        Assert.Equal((135, 1), (mine.GetProperty("learningMinutes").GetInt32(), mine.GetProperty("coursesCompleted").GetInt32()));
        Assert.Equal(2, await AssessmentsAsync(w.ProgramId));

        // The participant's page shows the change as a chart.
        var browser = await App.SignedInBrowserAsync(w.Member);
        var response = await browser.GetAsync($"/Programs/{w.ProgramId}/SelfAssessment");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<svg", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_participants_download_of_their_data_includes_their_self_assessment_and_learning()
    {
        var w = await WorldAsync();
        SetToday(w.Pre.Opens);
        var member = await ApiAsync(w.Member);
        Assert.Equal(HttpStatusCode.OK, (await AnswerAsync(member, w, "Pre", All(4), "住民票の申請をオンライン化したい")).StatusCode);
        var csv = $"email,course,minutes,date\n{w.Member},ノーコード入門講座,30,2027-04-05\n";
        await App.SendAsync(new ImportLearningActivity.Command(w.ProgramId, "lms.csv", System.Text.Encoding.UTF8.GetBytes(csv), new ColumnMap("email", "course", null, "minutes", "date", null, null)));

        // "Everything Cohort holds about the caller": their answers and goals, and the learning recorded for them.
        var data = System.Text.RegularExpressions.Regex.Unescape(await (await member.GetAsync("/api/v1/me/data")).Content.ReadAsStringAsync());
        Assert.Contains("住民票の申請をオンライン化したい", data, StringComparison.Ordinal);
        Assert.Contains("ノーコード入門講座", data, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Removing_a_participant_removes_their_self_assessments_and_learning_records()
    {
        var w = await WorldAsync();
        SetToday(w.Pre.Opens);
        var assessment = await App.SendAsAsync(w.Member, new SubmitSelfAssessment.Command(w.ProgramId, AssessmentPhase.Pre, All(3), "目標"));
        var csv = $"email,course,minutes,date\n{w.Member},講座,30,2027-04-05\n";
        await App.SendAsync(new ImportLearningActivity.Command(w.ProgramId, "lms.csv", System.Text.Encoding.UTF8.GetBytes(csv), new ColumnMap("email", "course", null, "minutes", "date", null, null)));
        var participant = await App.QueryDbAsync(db => db.Participants.Where(p => p.ProgramId == w.ProgramId && p.Email == w.Member).Select(p => p.Id).SingleAsync());

        await App.SendAsync(new Cohort.Web.Features.Participants.RemoveParticipant.Command(w.ProgramId, participant));

        Assert.Equal(0, await AssessmentsAsync(w.ProgramId));
        Assert.Equal(0, await App.QueryDbAsync(db => db.SelfAssessmentAnswers.CountAsync(a => a.AssessmentId == assessment)));
        Assert.Equal(0, await App.QueryDbAsync(db => db.LearningActivities.CountAsync(a => a.ProgramId == w.ProgramId)));
    }

    [SkippableFact]
    public async Task A_participant_answers_through_the_page_and_a_mentor_is_turned_away()
    {
        var w = await WorldAsync();
        SetToday(w.Pre.Opens.AddDays(2));
        var browser = await App.SignedInBrowserAsync(w.Member);
        var page = $"/Programs/{w.ProgramId}/SelfAssessment";
        var form = Framework.Items.ToDictionary(i => $"Input.Ratings[{i.Key}]", _ => "4");
        form["Input.Phase"] = "Pre";
        form["Input.Goals"] = "窓口業務のオンライン化";

        // One statement left blank: the form comes back with the error and nothing is saved.
        var incomplete = new Dictionary<string, string>(form);
        incomplete.Remove("Input.Ratings[low-code]");
        var refused = await CohortApp.PostFormAsync(browser, page, incomplete);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("id=\"err-low-code\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await AssessmentsAsync(w.ProgramId));

        var saved = await CohortApp.PostFormAsync(browser, page, form);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await App.QueryDbAsync(db => db.SelfAssessments.Include(a => a.Answers).SingleAsync(a => a.ProgramId == w.ProgramId));
        Assert.Equal((AssessmentPhase.Pre, "窓口業務のオンライン化"), (stored.Phase, stored.Goals));
        Assert.All(stored.Answers, a => Assert.Equal(4, a.Rating));

        var mentor = await App.SignedInBrowserAsync(w.Mentor);
        var denied = await mentor.GetAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Equal("/Account/Denied", denied.Headers.Location!.AbsolutePath);
    }
}

public sealed class AssessmentTests_Sqlite(SqliteApp app) : AssessmentTests<SqliteApp>(app);

public sealed class AssessmentTests_Postgres(PostgresApp app) : AssessmentTests<PostgresApp>(app);
