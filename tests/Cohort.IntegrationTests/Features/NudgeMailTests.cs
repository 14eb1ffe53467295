using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Domain;
using Cohort.Web.Features.CheckIns;
using Cohort.Web.Features.Nudges;
using Cohort.Web.Features.People;
using Cohort.Web.Features.Teams;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.IntegrationTests.Features;

/// <summary>The app with its mail going to a real SMTP server process on loopback.</summary>
public abstract class SmtpApp(RecipientReply reply) : CohortApp, IAsyncLifetime
{
    public SmtpServer? Smtp { get; private set; }

    public string? SmtpSkipReason { get; private set; }

    protected override Database Kind => Database.Sqlite;

    async Task IAsyncLifetime.InitializeAsync()
    {
        try
        {
            Smtp = await SmtpServer.StartOrSkipAsync(reply);
        }
        catch (Xunit.SkipException e)
        {
            SmtpSkipReason = e.Message;
            return;
        }

        await InitializeAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (Smtp is not null)
        {
            await Smtp.DisposeAsync();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Cohort:Mail:Smtp:Host", SmtpServer.Host);
        builder.UseSetting("Cohort:Mail:Smtp:Port", Smtp!.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Cohort:Mail:Smtp:Security", "None");
        builder.UseSetting("Cohort:Mail:From", "cohort@city.example.jp");
        builder.UseSetting("Cohort:PublicUrl", "https://cohort.city.example.jp");
    }
}

public sealed class AcceptingSmtpApp() : SmtpApp(RecipientReply.Accept);

public sealed class RefusingSmtpApp() : SmtpApp(RecipientReply.Transient451);

internal static class NudgeMailWorld
{
    public static async Task<(Guid ProgramId, string Member)> SeedAsync(CohortApp app)
    {
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.FromHours(9)));
        var program = await Seed.ProgramAsync(app, new DateOnly(2026, 11, 30));
        var teamId = await app.SendAsync(new CreateTeam.Command(program.Id, "メールチーム", null, null));
        var email = $"member-{Guid.NewGuid():N}@city.example.jp";
        var link = await app.SendAsync(new InviteToProgram.Command(program.Id, email, InvitedRole.TeamMember, teamId, 7));
        await app.SendAsync(new RegisterWithInvitation.Command(link.Token, "受講 花子", CohortApp.AdminPassword));
        var participant = await app.QueryDbAsync(db => db.Participants.Where(p => p.Email == email).Select(p => p.Id).SingleAsync());
        await app.SendAsync(new RecordCheckIn.Command(program.Id, teamId, new DateOnly(2026, 12, 2), 30, CheckInFormat.Online, null, "x", null, HealthStatus.OnTrack, null, null, null,
            [new RecordCheckIn.NewItem("申請書を見直す", participant, new DateOnly(2026, 12, 4)), new RecordCheckIn.NewItem("窓口で聞き取る", participant, new DateOnly(2026, 12, 4))]));
        return (program.Id, email);
    }

    public static async Task DispatchAsync(CohortApp app)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<NudgeDispatcher>().RunOnceAsync();
    }
}

public sealed class NudgeMailTests(AcceptingSmtpApp app) : IClassFixture<AcceptingSmtpApp>
{
    [SkippableFact]
    public async Task Due_reminders_arrive_as_one_Japanese_digest_at_a_real_SMTP_server()
    {
        Skip.If(app.SmtpSkipReason is not null, app.SmtpSkipReason);
        var (_, member) = await NudgeMailWorld.SeedAsync(app);
        await NudgeMailWorld.DispatchAsync(app);

        // Thursday 3 December, 09:00: both items are due the next day.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.FromHours(9)));
        await NudgeMailWorld.DispatchAsync(app);
        await NudgeMailWorld.DispatchAsync(app);

        var messages = await app.Smtp!.WaitForMessagesAsync(1, TimeSpan.FromSeconds(10));
        var digest = Assert.Single(messages, m => m.To.Mailboxes.Any(b => b.Address == member) && (m.TextBody ?? "").Contains("申請書を見直す", StringComparison.Ordinal));
        Assert.Contains("窓口で聞き取る", digest.TextBody ?? "", StringComparison.Ordinal);
        Assert.Contains("受講 花子 様", digest.TextBody ?? "", StringComparison.Ordinal);
        Assert.Contains("https://cohort.city.example.jp/Programs/", digest.HtmlBody ?? "", StringComparison.Ordinal);
        Assert.Equal("cohort@city.example.jp", digest.From.Mailboxes.Single().Address);
        Assert.StartsWith("nudges-", digest.MessageId, StringComparison.Ordinal);
        var messageId = digest.MessageId;
        var delivery = await app.QueryDbAsync(db => db.MailDeliveries.SingleAsync(m => m.MessageId == messageId));
        Assert.Equal((MailState.Sent, member), (delivery.State, delivery.ToAddress));
    }
}

public sealed class NudgeMailFailureTests(RefusingSmtpApp app) : IClassFixture<RefusingSmtpApp>
{
    [SkippableFact]
    public async Task A_refusing_server_is_retried_with_pauses_and_then_shown_to_organisers_as_failed()
    {
        Skip.If(app.SmtpSkipReason is not null, app.SmtpSkipReason);
        var (programId, member) = await NudgeMailWorld.SeedAsync(app);
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.FromHours(9)));

        for (var i = 0; i < MailOutbox.MaxAttempts + 2; i++)
        {
            await NudgeMailWorld.DispatchAsync(app);
            app.Clock.Advance(TimeSpan.FromHours(1));
        }

        var deliveries = await app.QueryDbAsync(db => db.MailDeliveries.Where(m => m.ToAddress == member).ToListAsync());
        Assert.NotEmpty(deliveries);
        Assert.All(deliveries, d => Assert.Equal((MailState.Failed, MailOutbox.MaxAttempts), (d.State, d.Attempts)));
        var failed = await app.SendAsync(new FailedDeliveries.Query(programId));
        Assert.Contains(failed, f => f.ToAddress == member && f.LastError != null);
        // The in-app notifications were not held back by the mail failure.
        Assert.Equal(2, await app.QueryDbAsync(db => db.Notifications.CountAsync(n => n.ProgramId == programId && n.Kind == NudgeKind.ActionItemDue)));
    }
}

public sealed class PasswordResetMailTests(AcceptingSmtpApp app) : IClassFixture<AcceptingSmtpApp>
{
    [SkippableFact]
    public async Task A_forgotten_password_is_reset_through_a_mailed_one_time_link()
    {
        Skip.If(app.SmtpSkipReason is not null, app.SmtpSkipReason);
        var email = $"forgot-{Guid.NewGuid():N}@city.example.jp";
        await app.UserAsync(email);
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var unknown = await CohortApp.PostFormAsync(client, "/Account/ForgotPassword", new() { ["Input.Email"] = "nobody-here@city.example.jp" });
        var known = await CohortApp.PostFormAsync(client, "/Account/ForgotPassword", new() { ["Input.Email"] = email });
        // The same answer either way: the form does not reveal who has an account.
        Assert.Equal(await unknown.Content.ReadAsStringAsync() is var a && a.Contains("flash", StringComparison.Ordinal), (await known.Content.ReadAsStringAsync()).Contains("flash", StringComparison.Ordinal));

        var message = Assert.Single(await app.Smtp!.WaitForMessagesAsync(1, TimeSpan.FromSeconds(10)), m => m.To.Mailboxes.Any(b => b.Address == email));
        var link = System.Text.RegularExpressions.Regex.Match(message.TextBody ?? "", "https?://\\S+/Account/ResetPassword\\S+").Value;
        Assert.NotEmpty(link);
        var path = new Uri(link).PathAndQuery;
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(link).Query);
        var reset = await CohortApp.PostFormAsync(client, path, new() { ["Input.UserId"] = query["userId"]!, ["Input.Token"] = query["token"]!, ["Input.Password"] = "Mailed-new-password-7" });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, reset.StatusCode);
        await app.SignedInBrowserAsync(email, "Mailed-new-password-7");
    }
}
