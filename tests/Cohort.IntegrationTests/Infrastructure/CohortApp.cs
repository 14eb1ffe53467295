using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Features.Tokens;
using Cohort.Web.Infrastructure.Auth;
using MediatR;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.IntegrationTests.Infrastructure;

public enum Database
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// The real app in memory on a real database: a SQLite file in its own data folder, or a fresh
/// database on the test run's PostgreSQL server. Hangfire's server is off; the clock is fake.
/// </summary>
public abstract partial class CohortApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@test.local";
    public const string AdminPassword = "Admin-password-1234";

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "cohort-test-" + Guid.NewGuid().ToString("N"));
    private string? _connectionString;

    protected abstract Database Kind { get; }

    /// <summary>The connection string of this app's database, for a second instance on the same data.</summary>
    public string DatabaseConnectionString => Kind == Database.PostgreSql
        ? _connectionString ?? throw new InvalidOperationException("The PostgreSQL database is not created yet.")
        : $"Data Source={Path.Combine(_dataDir, "cohort.db")}";

    public bool IsPostgres => Kind == Database.PostgreSql;

    protected virtual int SignInPerMinute => 10_000;

    protected virtual int ApiPerMinute => 100_000;

    protected virtual int FeedbackPerMinute => 100_000;

    /// <summary>Set when the database cannot run here; tests skip with it (never under COHORT_REQUIRE_SERVICES=1).</summary>
    public string? SkipReason { get; private set; }

    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 0, 30, 0, TimeSpan.Zero));

    public async Task InitializeAsync()
    {
        if (Kind == Database.PostgreSql)
        {
            try
            {
                _connectionString = await CreatePostgresDatabaseAsync();
            }
            catch (PostgresUnavailableException e) when (!RequiredServices.Required)
            {
                SkipReason = e.Message;
                return;
            }
        }

        // Starting the host applies migrations and creates the first admin.
        _ = Services;
    }

    /// <summary>Where a PostgreSQL app keeps its data: by default a new database on the test run's shared server.</summary>
    protected virtual async Task<string> CreatePostgresDatabaseAsync() =>
        await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("cohort");

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            if (Directory.Exists(_dataDir))
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(_dataDir, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Cohort:DataDir", _dataDir);
        builder.UseSetting("Cohort:Jobs:RunServer", "false");
        builder.UseSetting("Cohort:Admin:Email", AdminEmail);
        builder.UseSetting("Cohort:Admin:Password", AdminPassword);
        // Tests sign in often from one address; the limits themselves are tested with a factory that sets them low.
        builder.UseSetting("Cohort:RateLimits:SignInPerMinute", SignInPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Cohort:RateLimits:ApiPerMinute", ApiPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Cohort:RateLimits:FeedbackPerMinute", FeedbackPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (Kind == Database.PostgreSql)
        {
            builder.UseSetting("Cohort:Database:Provider", "PostgreSQL");
            builder.UseSetting("ConnectionStrings:Cohort", _connectionString);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddHostedService<QuietHangfireLogs>();
            ConfigureServices(services);
        });
    }

    /// <summary>
    /// Hangfire keeps one log provider for the whole process, and every app puts its own logger factory there as it
    /// starts. Once that app is disposed, any other app that then makes a Hangfire client fails with
    /// ObjectDisposedException ('LoggerFactory'). Several apps live side by side in a test run, so each one, once
    /// started, puts a provider there that writes nothing (the tests never read Hangfire's logs).
    /// </summary>
    private sealed class QuietHangfireLogs : Microsoft.Extensions.Hosting.IHostedService, Hangfire.Logging.ILogProvider, Hangfire.Logging.ILog
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            Hangfire.Logging.LogProvider.SetCurrentLogProvider(this);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Hangfire.Logging.ILog GetLogger(string name) => this;

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }

    /// <summary>Replaces services for one kind of app (a fake outside service, say); runs after the app's own registrations.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Sends a request through the mediator in its own scope as the first admin, as a page or route would.</summary>
    public async Task<T> SendAsync<T>(IRequest<T> request) => await SendAsAsync(AdminEmail, request);

    /// <summary>Sends a request as the given (existing) user, through every pipeline behavior including authorization.</summary>
    public async Task<T> SendAsAsync<T>(string email, IRequest<T> request)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}");
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(user);
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(principal);
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    public async Task<T> QueryDbAsync<T>(Func<CohortDbContext, Task<T>> query)
    {
        using var scope = Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<CohortDbContext>());
    }

    public async Task<AppUser> UserAsync(string email, bool admin = false)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new AppUser { UserName = email, Email = email, DisplayName = email, EmailConfirmed = true };
            var created = await users.CreateAsync(user, AdminPassword);
            Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Description)));
            if (admin)
            {
                await users.AddToRoleAsync(user, Roles.Admin);
            }
        }

        return user;
    }

    /// <summary>An HTTP client that calls the API with a fresh personal access token of the given user.</summary>
    public async Task<HttpClient> ApiClientAsync(string email = AdminEmail, bool readOnly = false)
    {
        await UserAsync(email);
        var token = await SendAsAsync(email, new CreateToken.Command("test", readOnly, 30));
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return client;
    }

    /// <summary>A browser-like client signed in through the real sign-in form.</summary>
    public async Task<HttpClient> SignedInBrowserAsync(string email = AdminEmail, string password = AdminPassword)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await PostFormAsync(client, "/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>GETs the page, takes its antiforgery token and posts the form, as a browser does.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields, string? handler = null)
    {
        var page = await client.GetStringAsync(path);
        var token = AntiforgeryField().Match(page);
        Assert.True(token.Success, $"No antiforgery token on {path}");
        fields["__RequestVerificationToken"] = token.Groups[1].Value;
        var target = handler is null ? path : $"{path}?handler={handler}";
        return await client.PostAsync(target, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

public sealed class SqliteApp : CohortApp
{
    protected override Database Kind => Database.Sqlite;
}

public sealed class PostgresApp : CohortApp
{
    protected override Database Kind => Database.PostgreSql;
}

/// <summary>The real limits, set low enough to reach in a test.</summary>
public sealed class RateLimitedApp : CohortApp
{
    protected override Database Kind => Database.Sqlite;

    protected override int SignInPerMinute => 3;

    protected override int ApiPerMinute => 5;

    protected override int FeedbackPerMinute => 3;
}

/// <summary>A clock tests set and advance; unlike FakeTimeProvider it may be set back, since tests of one app share it.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void SetUtcNow(DateTimeOffset value) => Interlocked.Exchange(ref _ticks, value.UtcTicks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
