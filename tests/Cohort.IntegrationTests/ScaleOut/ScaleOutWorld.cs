using System.Text.Json;
using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Domain;
using Cohort.Web.Features.CheckIns;
using Cohort.Web.Features.Participants;
using Cohort.Web.Features.Teams;
using Cohort.Web.Features.Tokens;
using Hangfire;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Npgsql;

namespace Cohort.IntegrationTests.ScaleOut;

/// <summary>The data the scale-out and fault tests start from, built through the app's own commands.</summary>
internal static class ScaleOutWorld
{
    /// <summary>Thursday 3 December 2026, 10:00 in Tokyo: a working morning, so due reminders go out at once.</summary>
    public static readonly DateTimeOffset ThursdayMorning = new(2026, 12, 3, 10, 0, 0, TimeSpan.FromHours(9));

    public static readonly DateOnly Today = new(2026, 12, 3);

    /// <summary>
    /// A programme with <paramref name="teams"/> teams of <paramref name="membersPerTeam"/> members, each member with
    /// an account and an open action item due tomorrow: each is owed an "action item due" reminder now, which the
    /// planner creates on the next dispatch. Accounts are made without a password (no sign-in needed, and hashing
    /// hundreds of passwords would take most of the test's time).
    /// </summary>
    public static async Task<Guid> NudgeProgrammeAsync(CohortApp app, int teams, int membersPerTeam)
    {
        var program = await Seed.ProgramAsync(app, new DateOnly(2026, 11, 30));
        for (var t = 0; t < teams; t++)
        {
            var teamId = await app.SendAsync(new CreateTeam.Command(program.Id, Seed.Unique("チーム"), null, null));
            var items = new List<RecordCheckIn.NewItem>();
            for (var m = 0; m < membersPerTeam; m++)
            {
                var email = $"member-{Guid.NewGuid():N}@city.example.jp";
                var participantId = await app.SendAsync(new SaveParticipant.Command(program.Id, $"受講者 {t}-{m}", email, null, teamId));
                await LinkAccountAsync(app, participantId, email);
                items.Add(new RecordCheckIn.NewItem($"課題 {t}-{m}", participantId, Today.AddDays(1)));
            }

            await app.SendAsync(new RecordCheckIn.Command(program.Id, teamId, Today, 30, CheckInFormat.Online, null, "初回", null, HealthStatus.OnTrack, null, null, null, items));
        }

        return program.Id;
    }

    /// <summary>A programme with teams to record check-ins for, without mentors (so the check-ins plan no reminders).</summary>
    public static async Task<(Guid ProgramId, IReadOnlyList<Guid> Teams)> WriteProgrammeAsync(CohortApp app, int teams)
    {
        var program = await Seed.ProgramAsync(app, new DateOnly(2026, 11, 30));
        var ids = new List<Guid>();
        for (var t = 0; t < teams; t++)
        {
            ids.Add(await app.SendAsync(new CreateTeam.Command(program.Id, Seed.Unique("記録チーム"), null, null)));
        }

        return (program.Id, ids);
    }

    /// <summary>A personal access token of the first admin, for the API of any process on this database.</summary>
    public static async Task<string> AdminTokenAsync(CohortApp app) =>
        (await app.SendAsync(new CreateToken.Command("scale-out test", false, 30))).Token;

    /// <summary>The body of a check-in recorded through the API; the note makes it recognisable in the database.</summary>
    public static object CheckIn(string note) => new
    {
        heldOn = Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        durationMinutes = 30,
        format = "Online",
        health = "OnTrack",
        sharedNotes = note,
    };

    /// <summary>Asks for the recurring job to run now (as its next minute would), once per call; any job server may take it.</summary>
    public static void Trigger(CohortApp app, string recurringJobId) =>
        app.Services.GetRequiredService<IRecurringJobManager>().Trigger(recurringJobId);

    /// <summary>The process ids of the Hangfire servers that started processing a job of the given recurring id or method.</summary>
    public static async Task<IReadOnlyList<int>> ProcessesThatRanAsync(string connectionString, string method)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT s.data FROM hangfire.state s JOIN hangfire.job j ON j.id = s.jobid WHERE s.name = 'Processing' AND j.invocationdata::text LIKE @method",
            connection);
        command.Parameters.AddWithValue("method", "%" + method + "%");
        var pids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            // ServerId is "host:pid:guid".
            var serverId = JsonDocument.Parse(reader.GetString(0)).RootElement.GetProperty("ServerId").GetString() ?? "";
            var parts = serverId.Split(':');
            if (parts.Length >= 2 && int.TryParse(parts[^2], out var pid))
            {
                pids.Add(pid);
            }
        }

        return pids;
    }

    /// <summary>Message-IDs of everything the SMTP server received, with how many copies of each arrived.</summary>
    public static Dictionary<string, int> ReceivedCopies(IEnumerable<MimeMessage> messages) =>
        messages.GroupBy(m => m.MessageId ?? "").ToDictionary(g => g.Key, g => g.Count());

    private static async Task LinkAccountAsync(CohortApp app, Guid participantId, string email)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, DisplayName = email, EmailConfirmed = true };
        var created = await users.CreateAsync(user);
        Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Description)));
        var db = scope.ServiceProvider.GetRequiredService<Cohort.Web.Data.CohortDbContext>();
        await db.Participants.Where(p => p.Id == participantId).ExecuteUpdateAsync(u => u.SetProperty(p => p.UserId, user.Id));
    }
}
