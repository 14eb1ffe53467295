using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Infrastructure.Hosting;

/// <summary>
/// Verbs run instead of the web server:
/// <c>migrate</c> applies database migrations;
/// <c>admin set-password EMAIL</c> sets (or creates) an admin's password, read from COHORT_ADMIN_PASSWORD or standard input;
/// <c>demo</c> loads the demo city, programme and teams (once) and prints the demo accounts.
/// </summary>
public static class CommandLine
{
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        var verbs = args.TakeWhile(a => !a.StartsWith('-') && !a.Contains('=')).ToArray();
        if (verbs.Length == 0)
        {
            return false;
        }

        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        switch (verbs)
        {
            case ["migrate"]:
                await services.GetRequiredService<CohortDbContext>().Database.MigrateAsync();
                Console.WriteLine("Migrations applied.");
                return true;
            case ["admin", "set-password", var email]:
                await services.GetRequiredService<CohortDbContext>().Database.MigrateAsync();
                var password = Environment.GetEnvironmentVariable("COHORT_ADMIN_PASSWORD");
                if (string.IsNullOrEmpty(password))
                {
                    Console.Write("New password: ");
                    password = Console.ReadLine() ?? "";
                }

                await SetAdminPasswordAsync(services, email, password);
                Console.WriteLine($"Password set for {email}.");
                return true;
            case ["demo"]:
                await Startup.PrepareDatabaseAsync(app);
                var admin = app.Configuration["Cohort:Admin:Email"] ?? Startup.DefaultAdminEmail;
                var demo = await new Features.Demo.DemoData(app.Services).LoadAsync(admin, CancellationToken.None);
                if (!demo.Created)
                {
                    Console.WriteLine($"The demo is already loaded (programme /Programs/{demo.ProgramId}). Nothing was changed.");
                    return true;
                }

                Console.WriteLine($"Demo loaded: /Programs/{demo.ProgramId}");
                Console.WriteLine($"Demo accounts (password for all: {demo.Password}), besides the administrator {admin}:");
                foreach (var account in demo.Accounts)
                {
                    Console.WriteLine($"  {account.Role,-12} {account.Email}");
                }

                Console.WriteLine("Start the app with: dotnet run --project src/Cohort.Web");
                return true;
            default:
                Console.Error.WriteLine("Unknown command. Use: migrate | admin set-password EMAIL | demo");
                Environment.ExitCode = 2;
                return true;
        }
    }

    public static async Task SetAdminPasswordAsync(IServiceProvider services, string email, string password)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var roles = services.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        if (!await roles.RoleExistsAsync(Roles.Admin))
        {
            Startup.Check(await roles.CreateAsync(new IdentityRole<Guid>(Roles.Admin)));
        }

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email, CreatedAt = DateTime.UtcNow };
            Startup.Check(await users.CreateAsync(user, password));
        }
        else
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            Startup.Check(await users.ResetPasswordAsync(user, token, password));
            await users.SetLockoutEndDateAsync(user, null);
        }

        if (!await users.IsInRoleAsync(user, Roles.Admin))
        {
            Startup.Check(await users.AddToRoleAsync(user, Roles.Admin));
        }
    }
}
