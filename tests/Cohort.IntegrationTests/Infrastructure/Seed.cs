using Cohort.Web.Features.Organizations;
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
