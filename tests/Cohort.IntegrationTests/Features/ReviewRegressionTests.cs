using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Domain;
using Cohort.Web.Features.CheckIns;
using Cohort.Web.Features.Mentors;
using Cohort.Web.Features.People;
using Cohort.Web.Features.Programs;
using Cohort.Web.Features.Teams;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Mediation;

namespace Cohort.IntegrationTests.Features;

/// <summary>Defects a review found; each test failed before its fix.</summary>
public abstract class ReviewRegressionTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : CohortApp
{
    [SkippableFact]
    public async Task A_read_only_token_cannot_act_through_the_pages_and_the_API_ignores_the_cookie()
    {
        var token = await App.ApiClientAsync(readOnly: true);
        var page = await token.GetAsync("/Profile/Tokens");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/Account/Login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var browser = await App.SignedInBrowserAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/programs")).StatusCode);
    }

    [SkippableFact]
    public async Task An_organiser_cannot_take_over_a_mentor_of_another_organisation()
    {
        var theirs = await Seed.ProgramAsync(App);
        var team = await App.SendAsync(new CreateTeam.Command(theirs.Id, "他市のチーム", null, null));
        var email = $"consultant-{Guid.NewGuid():N}@consult.example.jp";
        var mentor = await App.SendAsync(new CreateMentor.Command("外部 コンサル", email, "Example"));
        await App.SendAsync(new AssignMentor.Command(theirs.Id, team, mentor));

        var mine = await Seed.ProgramAsync(App);
        var link = await App.SendAsync(new InviteToProgram.Command(mine.Id, email, InvitedRole.Mentor, null, 7));

        await Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(new RegisterWithInvitation.Command(link.Token, "なりすまし", CohortApp.AdminPassword)));
        Assert.Null(await App.QueryDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Mentors, m => m.Id == mentor)).ContinueWith(t => t.Result.UserId));
    }

    [SkippableFact]
    public async Task Impossible_dates_and_malformed_lists_are_refused_not_crashed_on()
    {
        var program = await Seed.ProgramAsync(App);
        var team = await App.SendAsync(new CreateTeam.Command(program.Id, "日付チーム", null, null));
        var org = await Seed.OrganizationAsync(App);

        await Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new RecordCheckIn.Command(program.Id, team, new DateOnly(1900, 1, 1), 30, CheckInFormat.Online, null, "x", null, HealthStatus.OnTrack, null, null, null, null)));
        await Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new CreateProgramFromTemplate.Command(org, "two-stage-dx", "2099年度", new DateOnly(2099, 12, 1))));

        var api = await App.ApiClientAsync();
        var today = DateOnly.FromDateTime(App.Clock.GetUtcNow().UtcDateTime);
        var nullItem = await api.PostAsJsonAsync($"/api/v1/programs/{program.Id}/teams/{team}/checkins",
            new { heldOn = today, durationMinutes = 30, format = "Online", sharedNotes = "x", health = "OnTrack", newItems = new object?[] { null } });
        Assert.Equal(HttpStatusCode.BadRequest, nullItem.StatusCode);
        var id = Guid.NewGuid();
        var twice = await api.PostAsJsonAsync($"/api/v1/programs/{program.Id}/teams/{team}/checkins",
            new { heldOn = today, durationMinutes = 30, format = "Online", sharedNotes = "x", health = "OnTrack", decisions = new[] { new { actionItemId = id, outcome = "Close" }, new { actionItemId = id, outcome = "Close" } } });
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
    }

    [SkippableFact]
    public async Task A_team_with_check_ins_cannot_be_deleted_and_replies_show_names_not_addresses()
    {
        var program = await Seed.ProgramAsync(App);
        var team = await App.SendAsync(new CreateTeam.Command(program.Id, "履歴チーム", null, null));
        var today = DateOnly.FromDateTime(App.Clock.GetUtcNow().UtcDateTime);
        var checkIn = await App.SendAsync(new RecordCheckIn.Command(program.Id, team, today, 30, CheckInFormat.Online, null, "x", null, HealthStatus.OnTrack, null, null, null, null));
        await App.SendAsync(new ReplyToCheckIn.Command(program.Id, team, checkIn, "返信です"));

        await Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(new DeleteTeam.Command(program.Id, team)));
        var timeline = await App.SendAsync(new TeamTimeline.Query(program.Id, team));
        var reply = timeline.Entries.Single(e => e.CheckIn is not null).CheckIn!.Replies.Single();
        Assert.DoesNotContain("@", reply.AuthorName, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_very_long_sign_in_name_is_refused_politely()
    {
        var client = App.CreateClient(new() { AllowAutoRedirect = false });

        var response = await CohortApp.PostFormAsync(client, "/Account/Login", new() { ["Input.Email"] = new string('a', 300) + "@example.jp", ["Input.Password"] = "whatever-123456" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [SkippableFact]
    public async Task The_language_switch_never_leaves_the_site()
    {
        var client = App.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync("/culture/en?returnUrl=" + Uri.EscapeDataString("/\\evil.example"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }
}

public sealed class ReviewRegressionTests_Sqlite(SqliteApp app) : ReviewRegressionTests<SqliteApp>(app);

public sealed class ReviewRegressionTests_Postgres(PostgresApp app) : ReviewRegressionTests<PostgresApp>(app);

public sealed class ErasureAndRoleTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Erasing_a_participant_removes_their_name_and_address_from_the_programme_audit_log_too()
    {
        var program = await Seed.ProgramAsync(app);
        var id = await app.SendAsync(new Cohort.Web.Features.Participants.SaveParticipant.Command(program.Id, "消去 太郎", "erase.me@city.example.jp", "総務課", null));

        await app.SendAsync(new Cohort.Web.Features.People.AnonymiseParticipant.Command(program.Id, id));

        var log = await app.SendAsync(new Cohort.Web.Features.Audit.ProgramAuditLog.Query(program.Id));
        Assert.Contains(log, e => e.Action == "SaveParticipant");
        Assert.DoesNotContain(log, e => (e.Details ?? "").Contains("消去 太郎", StringComparison.Ordinal) || (e.Details ?? "").Contains("erase.me@", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Roles_and_organisation_invitations_can_be_taken_back()
    {
        var program = await Seed.ProgramAsync(app);
        var email = $"observer-{Guid.NewGuid():N}@city.example.jp";
        var link = await app.SendAsync(new InviteToProgram.Command(program.Id, email, InvitedRole.Observer, null, 7));
        var userId = await app.SendAsync(new RegisterWithInvitation.Command(link.Token, "見学者", CohortApp.AdminPassword));
        Assert.Equal(program.Id, (await app.SendAsAsync(email, new ProgramOverview.Query(program.Id))).Id);

        await app.SendAsync(new RemoveProgramRole.Command(program.Id, userId));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsAsync(email, new ProgramOverview.Query(program.Id)));

        var orgInvite = await app.SendAsync(new InviteToOrganization.Command(program.OrganizationId, $"{Guid.NewGuid():N}@city.example.jp", InvitedRole.OrganizationAdmin, 7));
        await app.SendAsync(new RevokeOrganizationInvitation.Command(program.OrganizationId, orgInvite.Id));
        await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new RegisterWithInvitation.Command(orgInvite.Token, "遅すぎた", CohortApp.AdminPassword)));
    }
}
