using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Domain;
using Cohort.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.IntegrationTests.Features;

/// <summary>The demo loads through the app's own commands on both databases, once, and leaves a living programme.</summary>
public abstract class DemoDataTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : CohortApp
{
    [SkippableFact]
    public async Task The_demo_loads_once_with_teams_check_ins_deliverables_and_a_showcase()
    {
        App.Clock.SetUtcNow(new DateTimeOffset(2027, 9, 15, 10, 0, 0, TimeSpan.FromHours(9)));
        var demo = new DemoData(App.Services);
        var first = await demo.LoadAsync(CohortApp.AdminEmail, CancellationToken.None);
        Assert.True(first.Created);
        Assert.Equal(6, first.Accounts.Count);

        var again = await demo.LoadAsync(CohortApp.AdminEmail, CancellationToken.None);
        Assert.False(again.Created);
        Assert.Equal(first.ProgramId, again.ProgramId);

        var facts = await App.QueryDbAsync(async db => new
        {
            Teams = await db.Teams.CountAsync(t => t.ProgramId == first.ProgramId),
            Participants = await db.Participants.CountAsync(p => p.ProgramId == first.ProgramId),
            CheckIns = await db.CheckIns.CountAsync(c => c.ProgramId == first.ProgramId),
            Statuses = await db.Submissions.Where(s => s.ProgramId == first.ProgramId).Select(s => s.Status).ToListAsync(),
            Showcases = await db.Showcases.CountAsync(s => s.ProgramId == first.ProgramId),
            Organizations = await db.Organizations.CountAsync(o => o.Name == DemoData.OrganizationName),
        });
        Assert.Equal((3, 11, 6, 1, 1), (facts.Teams, facts.Participants, facts.CheckIns, facts.Showcases, facts.Organizations));
        Assert.Equal([SubmissionStatus.Draft, SubmissionStatus.Submitted, SubmissionStatus.Submitted, SubmissionStatus.Accepted], facts.Statuses.Order());

        // Last year's prototypes are in the case library: one adopted and public, one stopped and private.
        var cases = await App.QueryDbAsync(db => db.Cases.Where(c => c.Organization!.Name == DemoData.OrganizationName).OrderBy(c => c.Title).Select(c => new { c.Outcome, c.Level }).ToListAsync());
        Assert.Equal([(CaseOutcome.Adopted, CaseLevel.Public), (CaseOutcome.Stopped, CaseLevel.Private)], cases.Select(c => (c.Outcome, c.Level)).OrderBy(c => c.Outcome));

        // A demo account signs in with the printed password and sees its team.
        var member = first.Accounts.First(a => a.Role == nameof(InvitedRole.TeamMember)).Email;
        var browser = await App.SignedInBrowserAsync(member, first.Password);
        Assert.Contains("道路・公園 要望受付チーム", await browser.GetStringAsync("/Programs/" + first.ProgramId), StringComparison.Ordinal);
    }
}

public sealed class DemoDataTests_Sqlite(SqliteApp app) : DemoDataTests<SqliteApp>(app);

public sealed class DemoDataTests_Postgres(PostgresApp app) : DemoDataTests<PostgresApp>(app);
