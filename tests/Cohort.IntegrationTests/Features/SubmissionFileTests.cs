using System.Net;
using System.Net.Http.Headers;
using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Domain;
using Cohort.Web.Domain.Templates;
using Cohort.Web.Features.People;
using Cohort.Web.Features.Submissions;
using Cohort.Web.Features.Teams;
using Microsoft.EntityFrameworkCore;

namespace Cohort.IntegrationTests.Features;

public sealed class SubmissionFileTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private static MultipartFormDataContent Upload(string name, byte[] bytes)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", name);
        return form;
    }

    [Fact]
    public async Task Files_are_checked_by_content_stored_safely_and_downloaded_only_by_those_who_may()
    {
        var program = await Seed.ProgramAsync(app);
        var teamId = await app.SendAsync(new CreateTeam.Command(program.Id, "添付チーム", null, null));
        var email = $"member-{Guid.NewGuid():N}@city.example.jp";
        var link = await app.SendAsync(new InviteToProgram.Command(program.Id, email, InvitedRole.TeamMember, teamId, 7));
        await app.SendAsync(new RegisterWithInvitation.Command(link.Token, "受講者", CohortApp.AdminPassword));
        var milestone = program.Stages[0].Milestones.First(m => m.Deliverable != DeliverableType.None);
        var submission = await app.SendAsAsync(email, new SaveSubmissionDraft.Command(program.Id, teamId, milestone.Id, "画面案", null, null, null, null, null, null, null));
        var member = await app.ApiClientAsync(email);
        var url = $"/api/v1/programs/{program.Id}/teams/{teamId}/submissions/{submission}/files";

        var exe = await member.PostAsync(url, Upload("screenshot.png", [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]));
        Assert.Equal(HttpStatusCode.BadRequest, exe.StatusCode);
        Assert.Equal(0, await app.QueryDbAsync(db => db.SubmissionFiles.CountAsync()));

        var ok = await member.PostAsync(url, Upload("../../etc/画面.png", Png));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var stored = await app.QueryDbAsync(db => db.SubmissionFiles.SingleAsync());
        Assert.Equal("画面.png", stored.FileName);

        var download = await member.GetAsync($"{url}/{stored.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Png, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());

        var outsiderProgram = await Seed.ProgramAsync(app);
        var outsiderEmail = $"outsider-{Guid.NewGuid():N}@city.example.jp";
        var other = await app.SendAsync(new InviteToProgram.Command(outsiderProgram.Id, outsiderEmail, InvitedRole.Organizer, null, 7));
        await app.SendAsync(new RegisterWithInvitation.Command(other.Token, "他市", CohortApp.AdminPassword));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ApiClientAsync(outsiderEmail)).GetAsync($"{url}/{stored.Id}")).StatusCode);

        // Submitted: the version is closed to new files; a new draft starts with the same files.
        await app.SendAsAsync(email, new SubmitDeliverable.Command(program.Id, teamId, submission));
        Assert.Equal(HttpStatusCode.Conflict, (await member.PostAsync(url, Upload("追加.png", Png))).StatusCode);
        await app.SendAsAsync(email, new SaveSubmissionDraft.Command(program.Id, teamId, milestone.Id, "画面案 v2", null, null, null, null, null, null, null));
        Assert.Equal(2, await app.QueryDbAsync(db => db.SubmissionFiles.CountAsync()));
    }
}
