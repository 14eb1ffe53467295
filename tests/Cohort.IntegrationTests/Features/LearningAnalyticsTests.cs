using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Domain.Assessments;
using Cohort.Web.Features.Analytics;
using Cohort.Web.Features.Assessments;
using Cohort.Web.Features.Learning;
using Cohort.Web.Features.Participants;
using Cohort.Web.Features.People;
using Cohort.Web.Features.Teams;
using Cohort.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.IntegrationTests.Features;

/// <summary>
/// Learning analytics on hand-made data whose figures are worked out by hand below: before/after per skill and
/// overall with the effect size, small groups suppressed, weekly minutes, what mentors and team members may see,
/// the CSV and Excel exports, and the analytics and report pages from an empty to a 50-learner programme.
/// </summary>
public abstract class LearningAnalyticsTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : CohortApp
{
    private const double Precision = 1e-9;

    private const string TeamA = "A 道路公園チーム";
    private const string TeamB = "B 福祉申請チーム";

    /// <summary>
    /// Eight participants, every statement rated the same by each person, so every skill's mean equals the overall one:
    /// <code>
    ///          team  pre  post  change   minutes (wk of 5 Apr + wk of 12 Apr)
    ///   a1     A     1    3     2        60 + 30 = 90
    ///   a2     A     2    3     1        60 + 30 = 90
    ///   a3     A     2    4     2        60
    ///   a4     A     3    3     0        60
    ///   a5     A     3    5     2        60
    ///   b1     B     4    5     1        60
    ///   b2     B     5    –     (pre only)      30
    ///   b3     B     –    1     (post only)     –
    /// </code>
    /// </summary>
    private static readonly (string Key, string Team, int? Pre, int? Post)[] People =
    [
        ("a1", TeamA, 1, 3), ("a2", TeamA, 2, 3), ("a3", TeamA, 2, 4), ("a4", TeamA, 3, 3), ("a5", TeamA, 3, 5),
        ("b1", TeamB, 4, 5), ("b2", TeamB, 5, null), ("b3", TeamB, null, 1),
    ];

    private sealed record World(Guid ProgramId, Guid OrganizationId, Dictionary<string, Guid> Teams, Dictionary<string, (string Email, Guid Id)> People, string MentorA, string Member);

    private static DateTimeOffset Noon(DateOnly day) => new(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(9));

    private Dictionary<string, int> All(int rating)
    {
        Assert.True(App.Services.GetRequiredService<SkillFrameworkCatalog>().TryGet(SkillFrameworkCatalog.DefaultKey, out var framework));
        return framework.Items.ToDictionary(i => i.Key, _ => rating);
    }

    private async Task<World> WorldAsync()
    {
        App.Clock.SetUtcNow(Noon(new DateOnly(2027, 3, 1)));
        var program = await Seed.ProgramAsync(App, new DateOnly(2027, 4, 1));
        var teams = new Dictionary<string, Guid>
        {
            [TeamA] = await App.SendAsync(new CreateTeam.Command(program.Id, TeamA, "建設課", null)),
            [TeamB] = await App.SendAsync(new CreateTeam.Command(program.Id, TeamB, "福祉課", null)),
        };
        var people = new Dictionary<string, (string, Guid)>();
        foreach (var (key, team, _, _) in People)
        {
            // Entered by the organiser with a department, then invited: the invitation links the account to the person.
            var email = $"{key}-{Guid.NewGuid():N}@city.example.jp";
            var id = await App.SendAsync(new SaveParticipant.Command(program.Id, "受講者 " + key, email, team == TeamA ? "建設課" : "福祉課", teams[team]));
            var link = await App.SendAsync(new InviteToProgram.Command(program.Id, email, InvitedRole.TeamMember, teams[team], 30));
            await App.SendAsync(new RegisterWithInvitation.Command(link.Token, "受講者 " + key, CohortApp.AdminPassword));
            people[key] = (email, id);
        }

        var mentorA = await Seed.JoinAsync(App, program.Id, InvitedRole.Mentor, teams[TeamA]);
        var windows = await App.QueryDbAsync(async db => AssessmentWindow.For(await db.GetProgramWithScheduleAsync(program.Id, CancellationToken.None)));

        App.Clock.SetUtcNow(Noon(windows.Single(x => x.Phase == AssessmentPhase.Pre).Opens));
        foreach (var (key, _, pre, _) in People.Where(p => p.Pre is not null))
        {
            await App.SendAsAsync(people[key].Item1, new SubmitSelfAssessment.Command(program.Id, AssessmentPhase.Pre, All(pre!.Value), null));
        }

        App.Clock.SetUtcNow(Noon(windows.Single(x => x.Phase == AssessmentPhase.Post).Opens));
        foreach (var (key, _, _, post) in People.Where(p => p.Post is not null))
        {
            await App.SendAsAsync(people[key].Item1, new SubmitSelfAssessment.Command(program.Id, AssessmentPhase.Post, All(post!.Value), null));
        }

        // Week of Monday 5 April: six learners, 60 minutes each. Week of Monday 12 April: three learners, 30 minutes each.
        var csv = new StringBuilder("email,course,minutes,date,completed,device\n");
        foreach (var key in new[] { "a1", "a2", "a3", "a4", "a5", "b1" })
        {
            csv.Append(CultureInfo.InvariantCulture, $"{people[key].Item1},データ活用入門,60,2027-04-06,修了,PC\n");
        }

        foreach (var key in new[] { "a1", "a2", "b2" })
        {
            csv.Append(CultureInfo.InvariantCulture, $"{people[key].Item1},ローコード基礎,30,2027-04-13,未修了,PC\n");
        }

        var imported = await App.SendAsync(new ImportLearningActivity.Command(program.Id, "lms.csv", Encoding.UTF8.GetBytes(csv.ToString()),
            new ColumnMap("email", "course", null, "minutes", "date", "completed", "device")));
        Assert.Equal(9, imported.Added);

        var member = people["a1"].Item1;
        return new World(program.Id, program.OrganizationId, teams, people, mentorA, member);
    }

    private static void Near(double expected, double? actual)
    {
        Assert.True(actual.HasValue, $"Expected {expected}, got null (suppressed).");
        Assert.Equal(expected, actual.Value, Precision);
    }

    [SkippableFact]
    public async Task The_organiser_sees_before_after_per_skill_and_overall_with_the_effect_size_worked_out_by_hand()
    {
        var w = await WorldAsync();

        var data = await App.SendAsync(new LearningAnalytics.Query(w.ProgramId));

        Assert.True(data.ShowsIndividuals);
        Assert.Equal(new Participation(8, 7, 7, 6), data.Participation);

        // Paired: a1..a5 and b1 (N = 6); b2 and b3 are left out (ExcludedMissing = 2).
        //   pre  mean = (1+2+2+3+3+4)/6 = 15/6 = 2.5          median of 1,2,2,3,3,4 = 2.5
        //   post mean = (3+3+4+3+5+5)/6 = 23/6 = 3.8333…      median of 3,3,3,4,5,5 = 3.5
        //   changes 2,1,2,0,2,1: mean = 8/6 = 4/3; deviations 2/3, −1/3, 2/3, −4/3, 2/3, −1/3;
        //   squares sum 30/9 = 10/3; sd = √((10/3)/5) = √(2/3) = 0.816497; d_z = (4/3)/√(2/3) = 1.632993.
        //   median change of 0,1,1,2,2,2 = 1.5
        foreach (var key in new[] { "data-use", LearningAnalytics.OverallKey })
        {
            var row = data.Skills.Single(s => s.Key == key);
            var change = Assert.IsType<PairedChange>(row.Change);
            Assert.Equal((6, 6, 2), (row.N, change.N, change.ExcludedMissing));
            Near(2.5, change.PreMean);
            Near(23.0 / 6, change.PostMean);
            Near(4.0 / 3, change.MeanChange);
            Near(2.5, change.PreMedian);
            Near(3.5, change.PostMedian);
            Near(1.5, change.MedianChange);
            Near(4.0 / 3 / Math.Sqrt(2.0 / 3), change.EffectSize);
            Near(1.632993161855452, change.EffectSize);
        }

        Assert.Equal(8, data.Skills.Count);

        // Team B has one person with both answers: suppressed. Team A (N = 5, change 1.4) is suppressed too, or the
        // overall figures minus team A's would give team B's one person back (6 × 4/3 − 5 × 1.4 = 1).
        Assert.Equal(new GroupRow(TeamA, 5, null, null, null), data.ByTeam.Single(g => g.Label == TeamA));
        // Its head count (1) is small-group information too, so it is left out as well.
        Assert.Equal(new GroupRow(TeamB, null, null, null, null), data.ByTeam.Single(g => g.Label == TeamB));
        Assert.All(data.ByTeam, g => Assert.True(g.Suppressed));
        Assert.Equal(new GroupRow("福祉課", null, null, null, null), data.ByDepartment.Single(g => g.Label == "福祉課"));
        Assert.Equal(new GroupRow("建設課", 5, null, null, null), data.ByDepartment.Single(g => g.Label == "建設課"));

        // Weeks: the week of 12 April had 3 learners, so its minutes are hidden; with the total of 450 minutes shown,
        // the first week's 360 would give those 90 back, so it is hidden as well. The same holds for the courses.
        Assert.Equal([new WeekRow(new DateOnly(2027, 4, 5), 6, null), new WeekRow(new DateOnly(2027, 4, 12), null, null)], data.Weeks);
        Assert.Equal([new CourseRow("データ活用入門", null, 6, null, null), new CourseRow("ローコード基礎", null, null, null, null)], data.Courses);
        var pc = Assert.Single(data.Devices);
        Assert.Equal((LearningDevice.Pc, 7, (int?)450, (double?)1.0), (pc.Device, pc.Learners, pc.Minutes, pc.Share));

        // Seven learners: 450 minutes, per learner 30, 60, 60, 60, 60, 90, 90 → median 60. b3 has none.
        // As of the post window (months after April), nobody learned in the last 4 weeks.
        Assert.Equal((0, 7, 1, (int?)450, (double?)60.0), (data.Activity.Active, data.Activity.Inactive, data.Activity.Never, data.Activity.TotalMinutes, data.Activity.MedianMinutes));

        // Minutes 90, 90, 60, 60, 60, 60 against changes 2, 1, 2, 0, 2, 1: Sxy = 10, Sxx = 1200, Syy = 10/3,
        // r = 10 / √4000 = 1/√40 = 0.158114. Everyone is under 300 minutes.
        Assert.Equal(6, data.EffortOutcome.N);
        Near(1 / Math.Sqrt(40), data.EffortOutcome.Correlation);
        Assert.Equal(6, data.EffortOutcome.ByMinutes[0].N);
        Near(4.0 / 3, data.EffortOutcome.ByMinutes[0].MeanChange);
        Assert.All(data.EffortOutcome.ByMinutes.Skip(1), g => Assert.True(g.Suppressed));

        Assert.Equal(8, data.Individuals.Count);
        var b2 = data.Individuals.Single(i => i.ParticipantId == w.People["b2"].Id);
        Assert.Equal((5.0, (double?)null, 30, 0), (b2.Pre!.Value, b2.Post, b2.Minutes, b2.CoursesCompleted));
        var b3 = data.Individuals.Single(i => i.ParticipantId == w.People["b3"].Id);
        Assert.Equal(((double?)null, 1.0, 0), (b3.Pre, b3.Post!.Value, b3.Minutes));

        // The organiser may look at one team: team B alone is too small for anything.
        var onlyB = await App.SendAsync(new LearningAnalytics.Query(w.ProgramId, w.Teams[TeamB]));
        Assert.All(onlyB.Skills, s => Assert.True(s.Suppressed));
        Assert.Equal(3, onlyB.Participation.Participants);
    }

    [SkippableFact]
    public async Task A_mentor_sees_only_their_team_without_individuals_and_others_are_refused()
    {
        var w = await WorldAsync();

        // Team A alone: changes 2, 1, 2, 0, 2 → mean 1.4; deviations .6, −.4, .6, −1.4, .6; squares sum 3.2;
        // sd = √(3.2/4) = √0.8 = 0.894427; d_z = 1.4/√0.8 = 1.565248.
        var data = await App.SendAsAsync(w.MentorA, new LearningAnalytics.Query(w.ProgramId));
        Assert.False(data.ShowsIndividuals);
        Assert.Empty(data.Individuals);
        Assert.Equal([TeamA], data.Teams.Select(t => t.Name));
        // No breakdowns for a mentor: several breakdowns of the same people would let hidden groups be worked out.
        Assert.Empty(data.ByTeam);
        Assert.Empty(data.ByDepartment);
        Assert.Empty(data.EffortOutcome.ByMinutes);
        Assert.Empty(data.EffortOutcome.ByPrototype);
        Assert.Equal(new Participation(5, 5, 5, 5), data.Participation);
        var overall = Assert.IsType<PairedChange>(data.Skills.Single(s => s.Key == LearningAnalytics.OverallKey).Change);
        Assert.Equal(5, overall.N);
        Near(2.2, overall.PreMean);
        Near(3.6, overall.PostMean);
        Near(1.4, overall.MeanChange);
        Near(1.4 / Math.Sqrt(0.8), overall.EffectSize);
        // Five of the team learned in the first week, two in the second: the second is suppressed, and so is the first,
        // since the team's total minus the first week would give the two people's minutes back.
        Assert.Equal([new WeekRow(new DateOnly(2027, 4, 5), 5, null), new WeekRow(new DateOnly(2027, 4, 12), null, null)], data.Weeks);

        // Another team is not theirs to see; a team member and an observer see no analytics at all.
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsAsync(w.MentorA, new LearningAnalytics.Query(w.ProgramId, w.Teams[TeamB])));
        var mentor = await App.ApiClientAsync(w.MentorA);
        Assert.Equal(HttpStatusCode.OK, (await mentor.GetAsync($"/api/v1/programs/{w.ProgramId}/analytics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mentor.GetAsync($"/api/v1/programs/{w.ProgramId}/analytics?teamId={w.Teams[TeamB]}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mentor.GetAsync($"/api/v1/programs/{w.ProgramId}/analytics?teamId={w.Teams[TeamA]}")).StatusCode);
        var member = await App.ApiClientAsync(w.Member);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync($"/api/v1/programs/{w.ProgramId}/analytics")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync($"/api/v1/programs/{w.ProgramId}/analytics/export?table=skills&format=csv")).StatusCode);
        var observer = await App.ApiClientAsync(await Seed.JoinAsync(App, w.ProgramId, InvitedRole.Observer));
        Assert.Equal(HttpStatusCode.Forbidden, (await observer.GetAsync($"/api/v1/programs/{w.ProgramId}/analytics")).StatusCode);

        // The mentor's export has no table of individuals.
        Assert.Equal(HttpStatusCode.BadRequest, (await mentor.GetAsync($"/api/v1/programs/{w.ProgramId}/analytics/export?table=individuals&format=csv")).StatusCode);
        using var zip = new ZipArchive(new MemoryStream(await (await mentor.GetAsync($"/api/v1/programs/{w.ProgramId}/analytics/export?format=xlsx")).Content.ReadAsByteArrayAsync()));
        Assert.Equal(AnalyticsTables.Keys.Length - 1, zip.Entries.Count(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal)));

        // With a second team, one team at a time is refused: "both teams" minus "team A" would give team B away.
        var mentorId = await App.QueryDbAsync(db => db.Mentors.Where(m => m.Email == w.MentorA).Select(m => m.Id).SingleAsync());
        await App.SendAsync(new Cohort.Web.Features.Mentors.AssignMentor.Command(w.ProgramId, w.Teams[TeamB], mentorId));
        Assert.Equal(HttpStatusCode.Forbidden, (await mentor.GetAsync($"/api/v1/programs/{w.ProgramId}/analytics?teamId={w.Teams[TeamA]}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mentor.GetAsync($"/api/v1/programs/{w.ProgramId}/analytics")).StatusCode);
    }

    /// <summary>A CSV line as cells (the exports quote every cell and these values hold no quotes or commas).</summary>
    private static string[] Cells(string line) => line.Split(',').Select(c => c.Trim('"')).ToArray();

    [SkippableFact]
    public async Task The_CSV_export_has_a_BOM_and_the_numbers_and_the_Excel_export_is_a_workbook()
    {
        var w = await WorldAsync();
        var api = await App.ApiClientAsync();

        var csv = await api.GetAsync($"/api/v1/programs/{w.ProgramId}/analytics/export?table=skills&format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        Assert.Equal(1 + 8, lines.Count);

        // N, before, after, change, its 95% CI, medians, d and its 95% CI, rounded to two places:
        //   t(0.975, 5) = 2.570582; half-width = 2.570582 · √(2/3)/√6 = 2.570582/3 = 0.856861 → 0.48 to 2.19;
        //   SE(d) = √(1/6 + d²/12) = √(1/6 + (8/3)/12) = 0.623610; d ± 2.570582·0.623610 → 0.03 to 3.24.
        Assert.All(lines.Skip(1), line => Assert.Equal(["6", "2.5", "3.83", "1.33", "0.48 – 2.19", "2.5", "3.5", "1.63", "0.03 – 3.24"], Cells(line)[1..]));

        // By team: B (one person with both) is suppressed in words, never left blank or shown as a number, its head
        // count too; A (five) keeps its count but not its figures, which would give B back by subtraction.
        var teams = Encoding.UTF8.GetString(await api.GetByteArrayAsync($"/api/v1/programs/{w.ProgramId}/analytics/export?table=teams&format=csv"));
        var a = Cells(teams.Split('\n').Single(l => l.Contains(TeamA, StringComparison.Ordinal)).TrimEnd('\r'));
        Assert.Equal("5", a[1]);
        Assert.All(a[2..], cell => Assert.False(cell.Length == 0 || double.TryParse(cell, CultureInfo.InvariantCulture, out _), $"Suppressed cell shows '{cell}'"));
        var b = Cells(teams.Split('\n').Single(l => l.Contains(TeamB, StringComparison.Ordinal)).TrimEnd('\r'));
        Assert.All(b[1..], cell => Assert.False(cell.Length == 0 || double.TryParse(cell, CultureInfo.InvariantCulture, out _), $"Suppressed cell shows '{cell}'"));

        var xlsx = await api.GetAsync($"/api/v1/programs/{w.ProgramId}/analytics/export?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        var book = await xlsx.Content.ReadAsByteArrayAsync();
        Assert.Equal("PK"u8.ToArray(), book[..2]);
        using var zip = new ZipArchive(new MemoryStream(book));
        Assert.NotNull(zip.GetEntry("xl/workbook.xml"));
        Assert.Equal(AnalyticsTables.Keys.Length, zip.Entries.Count(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync($"/api/v1/programs/{w.ProgramId}/analytics/export?table=nothing&format=csv")).StatusCode);

        // The page's CSV download is the same table.
        var browser = await App.SignedInBrowserAsync();
        var pageCsv = await browser.GetByteArrayAsync($"/Programs/{w.ProgramId}/Analytics?handler=Csv&table=skills");
        Assert.Equal(bytes, pageCsv);

        // A team name a spreadsheet would run as a formula is written as text.
        var formula = await App.SendAsync(new CreateTeam.Command(w.ProgramId, "=1+2", null, null));
        await App.SendAsync(new SaveParticipant.Command(w.ProgramId, "数式チームの人", $"{Guid.NewGuid():N}@city.example.jp", null, formula));
        teams = Encoding.UTF8.GetString(await api.GetByteArrayAsync($"/api/v1/programs/{w.ProgramId}/analytics/export?table=teams&format=csv"));
        Assert.Contains("\"'=1+2\",\"0\"", teams, StringComparison.Ordinal);
        Assert.DoesNotContain("\"=1+2\"", teams, StringComparison.Ordinal);
    }

    private Task<int> ExportAuditsAsync(Guid programId) => App.QueryDbAsync(db => db.AuditEntries
        .CountAsync(a => a.Action == "ExportAnalytics" && (a.ProgramId == programId || (a.Details != null && a.Details.Contains(programId.ToString())))));

    [SkippableFact]
    public async Task Exporting_the_individual_figures_is_recorded_in_the_audit_log_from_the_page_and_from_the_API()
    {
        var w = await WorldAsync();
        var browser = await App.SignedInBrowserAsync();
        var api = await App.ApiClientAsync();

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/Programs/{w.ProgramId}/Analytics?handler=Csv&table=individuals")).StatusCode);
        Assert.Equal(1, await ExportAuditsAsync(w.ProgramId));

        // The same personal figures through the API leave the same trace.
        var individuals = await api.GetAsync($"/api/v1/programs/{w.ProgramId}/analytics/export?table=individuals&format=csv");
        Assert.Equal(HttpStatusCode.OK, individuals.StatusCode);
        Assert.Contains("受講者 b3", Encoding.UTF8.GetString(await individuals.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        Assert.Equal(2, await ExportAuditsAsync(w.ProgramId));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/programs/{w.ProgramId}/analytics/export?format=xlsx")).StatusCode);
        Assert.Equal(3, await ExportAuditsAsync(w.ProgramId));
    }

    [SkippableFact]
    public async Task The_analytics_and_report_pages_render_for_the_organiser_and_the_report_is_refused_to_a_mentor()
    {
        var w = await WorldAsync();
        var organiser = await App.SignedInBrowserAsync();

        var analytics = await organiser.GetAsync($"/Programs/{w.ProgramId}/Analytics");
        var html = await analytics.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, analytics.StatusCode);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("id=\"people\"", html, StringComparison.Ordinal);

        var report = await organiser.GetAsync($"/Programs/{w.ProgramId}/Report");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Contains("<svg", await report.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var mentor = await App.SignedInBrowserAsync(w.MentorA);
        var mentorPage = await mentor.GetAsync($"/Programs/{w.ProgramId}/Analytics");
        Assert.Equal(HttpStatusCode.OK, mentorPage.StatusCode);
        var mentorHtml = await mentorPage.Content.ReadAsStringAsync();
        Assert.DoesNotContain("id=\"people\"", mentorHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("受講者 b3", mentorHtml, StringComparison.Ordinal);
        var denied = await mentor.GetAsync($"/Programs/{w.ProgramId}/Report");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Equal("/Account/Denied", denied.Headers.Location!.AbsolutePath);

        var member = await App.SignedInBrowserAsync(w.Member);
        var memberPage = await member.GetAsync($"/Programs/{w.ProgramId}/Analytics");
        Assert.Equal("/Account/Denied", memberPage.Headers.Location?.AbsolutePath);
    }

    [SkippableFact]
    public async Task The_analytics_page_renders_for_an_empty_programme()
    {
        var program = await Seed.ProgramAsync(App);
        var organiser = await App.SignedInBrowserAsync();

        var analytics = await organiser.GetAsync($"/Programs/{program.Id}/Analytics");
        Assert.Equal(HttpStatusCode.OK, analytics.StatusCode);
        Assert.Contains("<svg", await analytics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await organiser.GetAsync($"/Programs/{program.Id}/Report")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await organiser.GetAsync($"/Programs/{program.Id}/Analytics?handler=Xlsx")).StatusCode);

        // Without a framework there are no skills at all, and the page still renders.
        await App.SendAsync(new SetAssessmentFramework.Command(program.Id, null));
        var data = await App.SendAsync(new LearningAnalytics.Query(program.Id));
        Assert.Empty(data.Skills);
        Assert.Equal(HttpStatusCode.OK, (await organiser.GetAsync($"/Programs/{program.Id}/Analytics")).StatusCode);
    }

    [SkippableFact]
    public async Task The_analytics_page_renders_for_fifty_learners_with_answers_and_activity()
    {
        var program = await Seed.ProgramAsync(App);
        var teams = new List<Guid>();
        for (var t = 0; t < 5; t++)
        {
            teams.Add(await App.SendAsync(new CreateTeam.Command(program.Id, $"チーム{t + 1}", $"課{t % 3}", null)));
        }

        var emails = new List<string>();
        var ids = new List<Guid>();
        for (var i = 0; i < 50; i++)
        {
            var email = $"learner{i:00}-{Guid.NewGuid():N}@city.example.jp";
            emails.Add(email);
            ids.Add(await App.SendAsync(new SaveParticipant.Command(program.Id, $"受講者{i:00}", email, $"課{i % 3}", teams[i % 5])));
        }

        // Answers as stored: pre 1–3 and post 2–5 by person (items vary too), 45 people with both.
        var items = All(1).Keys.ToList();
        var areaOf = App.Services.GetRequiredService<SkillFrameworkCatalog>().Get(SkillFrameworkCatalog.DefaultKey).Areas
            .SelectMany(a => a.Items.Select(item => (item.Key, Area: a.Key))).ToDictionary(x => x.Key, x => x.Area);
        await App.QueryDbAsync(async db =>
        {
            for (var i = 0; i < 50; i++)
            {
                foreach (var phase in new[] { AssessmentPhase.Pre, AssessmentPhase.Post })
                {
                    if ((phase == AssessmentPhase.Post && i % 10 == 0) || (phase == AssessmentPhase.Pre && i % 10 == 5))
                    {
                        continue;
                    }

                    var assessment = new SelfAssessment { ProgramId = program.Id, ParticipantId = ids[i], Phase = phase, FrameworkKey = SkillFrameworkCatalog.DefaultKey, SubmittedAt = DateTime.UtcNow };
                    for (var k = 0; k < items.Count; k++)
                    {
                        var rating = phase == AssessmentPhase.Pre ? 1 + (i + k) % 3 : 2 + (i + 2 * k) % 4;
                        assessment.Answers.Add(new SelfAssessmentAnswer { AreaKey = areaOf[items[k]], ItemKey = items[k], Rating = rating });
                    }

                    db.SelfAssessments.Add(assessment);
                }
            }

            return await db.SaveChangesAsync();
        });

        // Eight weeks of activity on three devices and six courses.
        var csv = new StringBuilder("email,course,category,minutes,date,completed,device\n");
        string[] devices = ["PC", "スマートフォン", "タブレット"];
        for (var i = 0; i < 50; i++)
        {
            for (var week = 0; week < 8; week++)
            {
                if ((i + week) % 4 == 0)
                {
                    continue;
                }

                var day = new DateOnly(2027, 4, 6).AddDays(7 * week);
                csv.Append(CultureInfo.InvariantCulture, $"{emails[i]},講座{(i + week) % 6},分野{(i + week) % 2},{15 + (i * 7 + week * 11) % 90},{day:yyyy-MM-dd},{(week % 3 == 0 ? "修了" : "未修了")},{devices[(i + week) % 3]}\n");
            }
        }

        var imported = await App.SendAsync(new ImportLearningActivity.Command(program.Id, "lms.csv", Encoding.UTF8.GetBytes(csv.ToString()),
            new ColumnMap("email", "course", "category", "minutes", "date", "completed", "device")));
        Assert.Equal(300, imported.Added);

        var data = await App.SendAsync(new LearningAnalytics.Query(program.Id));
        Assert.Equal(new Participation(50, 45, 45, 40), data.Participation);
        Assert.All(data.Skills, s => Assert.Equal(40, s.N));
        Assert.All(data.Skills, s => Assert.False(s.Suppressed));
        Assert.All(data.Weeks, week => Assert.NotNull(week.Minutes));
        Assert.Equal(50, data.Individuals.Count);

        var organiser = await App.SignedInBrowserAsync();
        var analytics = await organiser.GetAsync($"/Programs/{program.Id}/Analytics");
        var html = await analytics.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, analytics.StatusCode);
        Assert.True(html.Split("<svg").Length - 1 >= 5, "Expected a chart per section.");
        Assert.Contains("受講者49", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await organiser.GetAsync($"/Programs/{program.Id}/Report")).StatusCode);
        var xlsx = await organiser.GetAsync($"/Programs/{program.Id}/Analytics?handler=Xlsx");
        Assert.Equal("PK"u8.ToArray(), (await xlsx.Content.ReadAsByteArrayAsync())[..2]);
    }
}

public sealed class LearningAnalyticsTests_Sqlite(SqliteApp app) : LearningAnalyticsTests<SqliteApp>(app);

public sealed class LearningAnalyticsTests_Postgres(PostgresApp app) : LearningAnalyticsTests<PostgresApp>(app);
