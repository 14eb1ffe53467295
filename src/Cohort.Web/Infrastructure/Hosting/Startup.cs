using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Infrastructure.Hosting;

public static class Startup
{
    public const string DefaultAdminEmail = "admin@cohort.local";

    /// <summary>
    /// Applies pending migrations (unless turned off), makes sure a first admin exists, schedules the recurring jobs on an
    /// instance that runs them, and logs how long each step took.
    /// </summary>
    public static async Task PrepareDatabaseAsync(WebApplication app)
    {
        var steps = new List<string>();
        var watch = Stopwatch.StartNew();
        void Step(string name)
        {
            steps.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {watch.ElapsedMilliseconds} ms"));
            watch.Restart();
        }

        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        if (app.Configuration.GetValue("Cohort:Database:MigrateOnStart", true))
        {
            // Migrate first compares the model with the latest migration's snapshot (building the model twice more), which
            // cost about a second of every start; the list of pending migrations is enough to know there is nothing to do.
            // Instances starting together are safe: Migrate takes the database's migration lock and looks again.
            var db = services.GetRequiredService<CohortDbContext>();
            if ((await db.Database.GetPendingMigrationsAsync()).Any())
            {
                await db.Database.MigrateAsync();
            }

            Step("migrations");
        }

        await EnsureFirstAdminAsync(services, app.Configuration, app.Logger);
        Step("first admin");
        if (services.GetRequiredService<HostRole>().RunsJobs)
        {
            // Only an instance that runs jobs schedules them; a web instance only enqueues.
            JobSchedule.Register(services.GetRequiredService<Hangfire.IRecurringJobManager>());
            Step("job schedule");
        }

        // A broken template is left out of the list; say why, with file, line and column.
        foreach (var problem in services.GetRequiredService<Domain.Templates.TemplateCatalog>().Problems())
        {
            app.Logger.LogWarning("Programme template problem: {Problem}", problem.ToString());
        }

        foreach (var problem in services.GetRequiredService<Domain.Assessments.SkillFrameworkCatalog>().Problems())
        {
            app.Logger.LogWarning("Self-assessment framework problem: {Problem}", problem.ToString());
        }

        Step("catalogues");
        app.Logger.LogInformation("Database prepared: {Steps}", string.Join(", ", steps));
    }

    public static async Task EnsureFirstAdminAsync(IServiceProvider services, IConfiguration configuration, ILogger logger)
    {
        // Every start after the first finds an admin: one query, without bringing up Identity's managers (a fifth of the
        // start went to them).
        var db = services.GetRequiredService<CohortDbContext>();
        var normalized = services.GetRequiredService<ILookupNormalizer>().NormalizeName(Roles.Admin);
        if (await db.UserRoles.AnyAsync(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.NormalizedName == normalized)))
        {
            return;
        }

        var users = services.GetRequiredService<UserManager<AppUser>>();
        var roles = services.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        if (!await roles.RoleExistsAsync(Roles.Admin))
        {
            Check(await roles.CreateAsync(new IdentityRole<Guid>(Roles.Admin)));
        }

        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            return;
        }

        var email = configuration["Cohort:Admin:Email"] ?? DefaultAdminEmail;
        var configured = configuration["Cohort:Admin:Password"];
        var password = string.IsNullOrEmpty(configured) ? GeneratePassword() : configured;
        var clock = services.GetRequiredService<TimeProvider>();
        var admin = await users.FindByEmailAsync(email);
        if (admin is null)
        {
            admin = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Admin", CreatedAt = clock.GetUtcNow().UtcDateTime };
            Check(await users.CreateAsync(admin, password));
        }

        Check(await users.AddToRoleAsync(admin, Roles.Admin));
        if (string.IsNullOrEmpty(configured))
        {
            // Shown once; only its hash is kept. Reset with: dotnet run --project src/Cohort.Web -- admin set-password
            Console.WriteLine();
            Console.WriteLine("==================================================================");
            Console.WriteLine(" Cohort: first administrator created / 最初の管理者を作成しました");
            Console.WriteLine($"   e-mail:   {email}");
            Console.WriteLine($"   password: {password}");
            Console.WriteLine(" This password is shown only once. / このパスワードは一度だけ表示されます。");
            Console.WriteLine("==================================================================");
            Console.WriteLine();
        }
        else
        {
            logger.LogInformation("First administrator {Email} created with the configured password.", email);
        }
    }

    internal static string GeneratePassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = new char[20];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        // Satisfy the digit/upper/lower rules whatever the draw.
        return new string(chars) + "a7Q";
    }

    internal static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
