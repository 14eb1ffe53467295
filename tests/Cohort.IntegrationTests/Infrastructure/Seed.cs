using Cohort.Web.Domain;
using Cohort.Web.Features.Organizations;
using Cohort.Web.Features.People;
using Cohort.Web.Features.Programs;

namespace Cohort.IntegrationTests.Infrastructure;

/// <summary>Each test builds its own data with unique names, so tests share a database safely.</summary>
public static class Seed
{
    public static string Unique(string prefix) => $"{prefix} {Guid.NewGuid().ToString("N")[..8]}";

    public static Task<Guid> OrganizationAsync(CohortApp app) =>
        app.SendAsync(new CreateOrganization.Command(Unique("テスト市"), "Test City"));

    public static async Task<ProgramOverview.Result> ProgramAsync(CohortApp app, DateOnly? start = null)
    {
        var organizationId = await OrganizationAsync(app);
        var id = await app.SendAsync(new CreateProgramFromTemplate.Command(organizationId, "two-stage-dx", Unique("DX研修"), start ?? new DateOnly(2027, 4, 1)));
        return await app.SendAsync(new ProgramOverview.Query(id));
    }

    /// <summary>A new person invited to the programme in a role (for a team when given), who accepted; returns their e-mail.</summary>
    public static async Task<string> JoinAsync(CohortApp app, Guid programId, InvitedRole role, Guid? teamId = null, string? name = null)
    {
        var email = $"{role}-{Guid.NewGuid():N}@city.example.jp".ToLowerInvariant();
        var link = await app.SendAsync(new InviteToProgram.Command(programId, email, role, teamId, 30));
        await app.SendAsync(new RegisterWithInvitation.Command(link.Token, name ?? role.ToString(), CohortApp.AdminPassword));
        return email;
    }

    /// <summary>A 1×1 PNG, accepted as an upload.</summary>
    public static byte[] Png { get; } = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
}

/// <summary>Runs the same tests against each database; a fixture that cannot start skips with its reason.</summary>
public abstract class DatabaseTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : CohortApp
{
    protected TApp App
    {
        get
        {
            Skip.If(app.SkipReason is not null, app.SkipReason);
            return app;
        }
    }
}
