using System.Net;
using Cohort.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Cohort.IntegrationTests.Features;

/// <summary>
/// Several instances behind a load balancer: each has its own data folder (nothing shared on disk) and only the
/// database in common. A sign-in made on one must be honoured by the other, so the keys that protect cookies live in
/// the database.
/// </summary>
public abstract class InstanceTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : CohortApp
{
    [SkippableFact]
    public async Task A_cookie_issued_by_one_instance_is_accepted_by_another_on_the_same_database()
    {
        var jar = new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler();
        var first = App.CreateDefaultClient(jar);
        var signedIn = await CohortApp.PostFormAsync(first, "/Account/Login", new() { ["Input.Email"] = CohortApp.AdminEmail, ["Input.Password"] = CohortApp.AdminPassword });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = jar.Container.GetCookieHeader(first.BaseAddress!);
        Assert.Contains("cohort.auth=", cookie, StringComparison.Ordinal);

        await using var second = new SecondInstance(App);
        var other = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        other.DefaultRequestHeaders.Add("Cookie", cookie);
        var home = await other.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains(CohortApp.AdminEmail, await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Without the cookie the second instance asks for a sign-in: the 200 above is the cookie's doing.
        var anonymous = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/")).StatusCode);
    }

    [SkippableFact]
    public async Task A_worker_instance_answers_the_probes_and_serves_no_pages_or_API()
    {
        await using var worker = new SecondInstance(App, role: "worker");
        var client = worker.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Account/Login")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/programs")).StatusCode);
    }

    private sealed class SecondInstance(CohortApp first, string role = "both") : WebApplicationFactory<Program>
    {
        private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "cohort-second-" + Guid.NewGuid().ToString("N"));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Cohort:DataDir", _dataDir);
            builder.UseSetting("Cohort:Role", role);
            builder.UseSetting("Cohort:Jobs:RunServer", "false");
            builder.UseSetting("Cohort:Database:MigrateOnStart", "false");
            builder.UseSetting("Cohort:Admin:Email", CohortApp.AdminEmail);
            builder.UseSetting("Cohort:Admin:Password", CohortApp.AdminPassword);
            builder.UseSetting("Cohort:Database:Provider", first.IsPostgres ? "PostgreSQL" : "Sqlite");
            builder.UseSetting("ConnectionStrings:Cohort", first.DatabaseConnectionString);
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            try
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(_dataDir, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}

public sealed class InstanceTests_Sqlite(SqliteApp app) : InstanceTests<SqliteApp>(app);

public sealed class InstanceTests_Postgres(PostgresApp app) : InstanceTests<PostgresApp>(app);
