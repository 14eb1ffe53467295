using System.Net;
using System.Net.Http.Json;
using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Domain;
using Cohort.Web.Features.Audit;
using Cohort.Web.Features.People;
using Cohort.Web.Features.Programs;
using Cohort.Web.Features.Teams;
using Cohort.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;

namespace Cohort.IntegrationTests.Features;

public abstract class AccessTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : CohortApp
{
    private async Task<string> JoinAsync(Guid programId, InvitedRole role, Guid? teamId = null)
    {
        var email = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@city.example.jp";
        var link = await App.SendAsync(new InviteToProgram.Command(programId, email, role, teamId, 7));
        await App.SendAsync(new RegisterWithInvitation.Command(link.Token, $"{role} person", CohortApp.AdminPassword));
        return email;
    }

    [SkippableFact]
    public async Task An_invitation_works_once_and_grants_its_role()
    {
        var program = await Seed.ProgramAsync(App);
        var email = $"organiser-{Guid.NewGuid():N}@city.example.jp";
        var link = await App.SendAsync(new InviteToProgram.Command(program.Id, email, InvitedRole.Organizer, null, 7));

        var preview = await App.SendAsync(new InvitationPreview.Query(link.Token));
        Assert.Equal((email, InvitedRole.Organizer, false), (preview.Email, preview.Role, preview.AccountExists));

        await App.SendAsync(new RegisterWithInvitation.Command(link.Token, "新しい 事務局", CohortApp.AdminPassword));
        await Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(new InvitationPreview.Query(link.Token)));
        await Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(new RegisterWithInvitation.Command(link.Token, "二回目", CohortApp.AdminPassword)));

        // The new organiser manages this programme and sees it in their list, and nothing else.
        await App.SendAsAsync(email, new CreateTeam.Command(program.Id, "事務局が作ったチーム", null, null));
        var visible = await App.SendAsAsync(email, new ProgramList.Query());
        Assert.Equal([program.Id], visible.Select(p => p.Id).ToArray());
    }

    [SkippableFact]
    public async Task Expired_and_withdrawn_invitations_do_not_work()
    {
        var program = await Seed.ProgramAsync(App);
        var expiring = await App.SendAsync(new InviteToProgram.Command(program.Id, "late@city.example.jp", InvitedRole.Observer, null, 1));
        var withdrawn = await App.SendAsync(new InviteToProgram.Command(program.Id, "withdrawn@city.example.jp", InvitedRole.Observer, null, 7));

        await App.SendAsync(new RevokeInvitation.Command(program.Id, withdrawn.Id));
        App.Clock.Advance(TimeSpan.FromDays(2));

        await Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(new RegisterWithInvitation.Command(expiring.Token, "遅い人", CohortApp.AdminPassword)));
        await Assert.ThrowsAsync<ConflictException>(() => App.SendAsync(new RegisterWithInvitation.Command(withdrawn.Token, "取消", CohortApp.AdminPassword)));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new InvitationPreview.Query("inv_not-a-real-one")));
        Assert.Equal(0, await App.QueryDbAsync(db => db.Users.CountAsync(u => u.Email == "late@city.example.jp" || u.Email == "withdrawn@city.example.jp")));
    }

    [SkippableFact]
    public async Task A_link_sent_to_someone_else_cannot_be_accepted_by_another_account()
    {
        var program = await Seed.ProgramAsync(App);
        var other = await JoinAsync(program.Id, InvitedRole.Observer);
        var link = await App.SendAsync(new InviteToProgram.Command(program.Id, "intended@city.example.jp", InvitedRole.Organizer, null, 7));

        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsAsync(other, new AcceptInvitation.Command(link.Token)));
        var access = await App.SendAsAsync(other, new ProgramOverview.Query(program.Id));
        Assert.Equal(program.Id, access.Id);
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsAsync(other, new CreateTeam.Command(program.Id, "x", null, null)));
    }

    [SkippableFact]
    public async Task Roles_decide_what_each_person_may_see_and_change()
    {
        var program = await Seed.ProgramAsync(App);
        var teamId = await App.SendAsync(new CreateTeam.Command(program.Id, "福祉チーム", "福祉課", null));
        var member = await JoinAsync(program.Id, InvitedRole.TeamMember, teamId);
        var mentor = await JoinAsync(program.Id, InvitedRole.Mentor, teamId);
        var observer = await JoinAsync(program.Id, InvitedRole.Observer);
        var foreign = await Seed.ProgramAsync(App);
        var outsider = await JoinAsync(foreign.Id, InvitedRole.Organizer);

        // Everyone with a role reads the programme; only the team member's own team holds them.
        foreach (var who in new[] { member, mentor, observer })
        {
            Assert.Equal(program.Id, (await App.SendAsAsync(who, new ProgramOverview.Query(program.Id))).Id);
            await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsAsync(who, new UpdateTeam.Command(program.Id, teamId, "改名", null, null, Guid.NewGuid())));
        }

        // E-mail addresses are for organisers and mentors.
        var seenByMember = await App.SendAsAsync(member, new ProgramOverview.Query(program.Id));
        Assert.All(seenByMember.Teams.SelectMany(t => t.Members), m => Assert.Equal("", m.Email));
        var seenByMentor = await App.SendAsAsync(mentor, new ProgramOverview.Query(program.Id));
        Assert.Contains(seenByMentor.Teams.SelectMany(t => t.Members), m => m.Email == member);
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsAsync(observer, new ProgramPeople.Query(program.Id)));

        // Someone from another organisation cannot even tell the programme exists.
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsAsync(outsider, new ProgramOverview.Query(program.Id)));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsAsync(outsider, new CreateTeam.Command(program.Id, "侵入", null, null)));
        Assert.DoesNotContain(await App.SendAsAsync(outsider, new ProgramList.Query()), p => p.Id == program.Id);
    }

    [SkippableFact]
    public async Task Commands_leave_an_audit_trail_that_organisers_can_read()
    {
        var program = await Seed.ProgramAsync(App);
        await App.SendAsync(new CreateTeam.Command(program.Id, "監査対象チーム", null, null));
        var link = await App.SendAsync(new InviteToProgram.Command(program.Id, $"a-{Guid.NewGuid():N}@city.example.jp", InvitedRole.Observer, null, 7));
        await App.SendAsync(new RegisterWithInvitation.Command(link.Token, "監査 太郎", CohortApp.AdminPassword));

        var log = await App.SendAsync(new ProgramAuditLog.Query(program.Id));

        Assert.Contains(log, e => e.Action == "CreateTeam" && e.UserName == CohortApp.AdminEmail && e.Details!.Contains("監査対象チーム", StringComparison.Ordinal));
        Assert.Contains(log, e => e.Action == "InviteToProgram");
        Assert.Contains(log, e => e.Action == "RoleGranted" && e.Details!.Contains("Observer", StringComparison.Ordinal));
        // Secrets never reach the log.
        var all = await App.SendAsync(new DeploymentAuditLog.Query(1000));
        var registration = Assert.Single(all, e => e.Action == "RegisterWithInvitation" && e.Details!.Contains("監査 太郎", StringComparison.Ordinal));
        Assert.DoesNotContain(CohortApp.AdminPassword, registration.Details!, StringComparison.Ordinal);
        Assert.DoesNotContain(link.Token, registration.Details!, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_observer_gets_403_on_writes_and_an_outsider_404_over_the_API()
    {
        var program = await Seed.ProgramAsync(App);
        var observer = await JoinAsync(program.Id, InvitedRole.Observer);
        var foreign = await Seed.ProgramAsync(App);
        var outsider = await JoinAsync(foreign.Id, InvitedRole.Organizer);

        var asObserver = await App.ApiClientAsync(observer);
        var asOutsider = await App.ApiClientAsync(outsider);

        Assert.Equal(HttpStatusCode.OK, (await asObserver.GetAsync($"/api/v1/programs/{program.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asObserver.PostAsJsonAsync($"/api/v1/programs/{program.Id}/teams", new { name = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asOutsider.GetAsync($"/api/v1/programs/{program.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asOutsider.PostAsJsonAsync($"/api/v1/programs/{program.Id}/teams", new { name = "x" })).StatusCode);
    }
}

public sealed class AccessTests_Sqlite(SqliteApp app) : AccessTests<SqliteApp>(app);

public sealed class AccessTests_Postgres(PostgresApp app) : AccessTests<PostgresApp>(app);
