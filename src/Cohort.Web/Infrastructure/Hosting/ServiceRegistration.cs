using System.Globalization;
using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Domain.Templates;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Localization;
using Cohort.Web.Infrastructure.Mediation;
using Cohort.Web.Infrastructure.Meetings;
using FluentValidation;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Infrastructure.Hosting;

/// <summary>What is wired, in one place per concern; Program.cs only calls these.</summary>
public static class ServiceRegistration
{
    public const string SmartScheme = "Cohort";

    public static readonly CultureInfo[] Cultures = [new("ja"), new("en")];

    public static IServiceCollection AddCohortApplication(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.AddScoped<AccessService>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<Features.Nudges.NudgePlanner>();
        services.AddScoped<Features.Nudges.NudgeDispatcher>();
        services.AddScoped<Features.Nudges.MailOutbox>();
        services.AddScoped<Features.Showcases.MeetingSync>();
        services.AddScoped<Features.Showcases.MeetingSyncTrigger>();
        services.AddScoped<Features.Showcases.ShowcaseMeetingJobs>();
        services.AddCohortMeetings(configuration);
        services.AddScoped<NudgeJobs>();
        services.AddSingleton<JsonStringLocalizerFactory>();
        services.AddSingleton<IStringLocalizerFactory>(sp => sp.GetRequiredService<JsonStringLocalizerFactory>());
        services.AddSingleton(typeof(IStringLocalizer<>), typeof(SharedStringLocalizer<>));
        services.AddCohortMediator(typeof(ServiceRegistration).Assembly);
        services.AddAutoMapper(cfg => cfg.LicenseKey = configuration["AutoMapper:LicenseKey"] ?? Environment.GetEnvironmentVariable("AUTOMAPPER_LICENSE_KEY"), typeof(ServiceRegistration).Assembly);

        var templatesRoot = configuration["Cohort:TemplatesDir"]
            ?? TemplateCatalog.FindTemplatesRoot(AppContext.BaseDirectory)
            ?? TemplateCatalog.FindTemplatesRoot(environment.ContentRootPath)
            ?? throw new InvalidOperationException("No templates folder found: set Cohort:TemplatesDir.");
        services.AddSingleton(new TemplateCatalog(templatesRoot));
        services.AddSingleton(new Domain.Assessments.SkillFrameworkCatalog(templatesRoot));

        // Entra ID sign-in exists only when configured, and AddCohortWeb gets no configuration; the scheme joins
        // Identity's schemes whichever is registered first.
        services.AddCohortEntraId(configuration);

        ConfigureValidationMessages(services);
        return services;
    }

    public static IServiceCollection AddCohortWeb(this IServiceCollection services, DatabaseSettings database)
    {
        // Keys that protect cookies and tokens live in the database, so sign-ins survive a restart and a cookie issued
        // by one instance behind a load balancer is read by every other.
        services.AddDataProtection()
            .SetApplicationName("Cohort")
            .PersistKeysToDbContext<CohortDbContext>();

        services.AddIdentity<AppUser, IdentityRole<Guid>>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<CohortDbContext>()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/Denied";
            o.Cookie.Name = "cohort.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
        });

        services.AddAuthentication(o =>
            {
                // AddIdentity set the cookie as the default for each of these; the smart scheme picks cookie or token.
                o.DefaultScheme = SmartScheme;
                o.DefaultAuthenticateScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
                o.DefaultForbidScheme = SmartScheme;
            })
            // The JSON API takes personal access tokens only (no cookie, so no cross-site request can ride on a
            // browser's sign-in); pages take the cookie only (so a read-only token cannot act through a form).
            .AddPolicyScheme(SmartScheme, "Cookie or token", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Path.StartsWithSegments("/api/v1")
                || (ctx.Request.Path.StartsWithSegments("/openapi") && ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                    ? PersonalAccessTokenHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, PersonalAccessTokenHandler>(PersonalAccessTokenHandler.SchemeName, null);

        services.AddAuthorization(Policies.Configure);

        services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder("/", Policies.SignedIn);
                o.Conventions.AllowAnonymousToFolder("/Account");
                o.Conventions.AllowAnonymousToPage("/Invitations/Accept");
                o.Conventions.AllowAnonymousToFolder("/Public");
                o.Conventions.AddPageApplicationModelConvention("/Public/Feedback", m =>
                    m.EndpointMetadata.Add(new Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute(SecurityHeaders.FeedbackLimit)));
                o.Conventions.AddPageApplicationModelConvention("/Account/ForgotPassword", m =>
                    m.EndpointMetadata.Add(new Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute(SecurityHeaders.SignInLimit)));
                o.Conventions.AddPageApplicationModelConvention("/Account/Login", m =>
                    m.EndpointMetadata.Add(new Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute(SecurityHeaders.SignInLimit)));
            })
            .AddMvcOptions(o =>
            {
                o.Filters.Add<ProgramPageFilter>();
                o.Filters.Add<PageExceptionFilter>();
                // FluentValidation owns "required"; MVC's implicit rule would add a second, English-only message.
                o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
                var l = JsonStringLocalizer.Create();
                o.ModelBindingMessageProvider.SetAttemptedValueIsInvalidAccessor((value, field) => l["The value '{0}' is not valid.", value]);
                o.ModelBindingMessageProvider.SetValueMustNotBeNullAccessor(value => l["This field is required."]);
                o.ModelBindingMessageProvider.SetMissingBindRequiredValueAccessor(field => l["This field is required."]);
                o.ModelBindingMessageProvider.SetValueIsInvalidAccessor(value => l["The value '{0}' is not valid.", value]);
                o.ModelBindingMessageProvider.SetValueMustBeANumberAccessor(field => l["Enter a number."]);
                o.ModelBindingMessageProvider.SetNonPropertyAttemptedValueIsInvalidAccessor(value => l["The value '{0}' is not valid.", value]);
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization();

        services.AddRequestLocalization(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("ja");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                // Pages stay Japanese until the user switches; API clients may ask with Accept-Language.
                new CustomRequestCultureProvider(async http =>
                    http.Request.Path.StartsWithSegments("/api")
                        ? await new AcceptLanguageHeaderRequestCultureProvider().DetermineProviderCultureResult(http)
                        : null),
            ];
        });

        // Japanese text is written as-is, not as &#x...; entities (smaller pages, readable source).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOpenApi("v1", o => o.AddDocumentTransformer<OpenApiSecurity>());
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        return services;
    }

    public static IServiceCollection AddCohortJobs(this IServiceCollection services, IConfiguration configuration, DatabaseSettings database)
    {
        // The storage is this app's own DI singleton rather than Hangfire's static JobStorage.Current, so several
        // app instances in one process (the test suite) never share or overwrite each other's storage.
        services.AddSingleton<JobStorage>(_ => database.Provider == DatabaseProvider.PostgreSql
            ? new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, new PostgreSqlStorageOptions()))
            : new InMemoryStorage(new InMemoryStorageOptions()));
        services.AddHangfire(cfg => cfg
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());

        services.AddSingleton(HostRole.From(configuration));
        if (HostRole.From(configuration).RunsJobs && configuration.GetValue("Cohort:Jobs:RunServer", true))
        {
            services.AddHangfireServer(o => o.WorkerCount = Math.Max(2, Environment.ProcessorCount));
        }

        return services;
    }

    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Path.StartsWithSegments("/ops"))
        {
            ctx.Response.StatusCode = status;
        }
        else
        {
            ctx.Response.Redirect(ctx.RedirectUri);
        }

        return Task.CompletedTask;
    }

    /// <summary>FluentValidation speaks the request's UI culture; field names come from the shared texts.</summary>
    private static void ConfigureValidationMessages(IServiceCollection services)
    {
        var localizer = JsonStringLocalizer.Create();
        ValidatorOptions.Global.LanguageManager = new CohortLanguageManager();
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : localizer[FieldNames.Humanize(member.Name)].Value;
    }
}

/// <summary>Generic face of the one shared localizer, so any IStringLocalizer&lt;T&gt; resolves.</summary>
public sealed class SharedStringLocalizer<T>(JsonStringLocalizerFactory factory) : IStringLocalizer<T>
{
    private readonly JsonStringLocalizer _inner = new(factory);

    public LocalizedString this[string name] => _inner[name];

    public LocalizedString this[string name, params object[] arguments] => _inner[name, arguments];

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => _inner.GetAllStrings(includeParentCultures);
}

public static class FieldNames
{
    /// <summary>"StartDate" → "Start date": the English wording used as the translation key.</summary>
    public static string Humanize(string member)
    {
        var chars = new System.Text.StringBuilder();
        for (var i = 0; i < member.Length; i++)
        {
            var c = member[i];
            if (i > 0 && char.IsUpper(c) && !char.IsUpper(member[i - 1]))
            {
                chars.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                chars.Append(c);
            }
        }

        return chars.ToString();
    }
}

/// <summary>Plainer Japanese than FluentValidation's built-in wording, in the tone of a municipal form.</summary>
public sealed class CohortLanguageManager : FluentValidation.Resources.LanguageManager
{
    public CohortLanguageManager()
    {
        AddTranslation("ja", "NotEmptyValidator", "{PropertyName}を入力してください。");
        AddTranslation("ja", "NotNullValidator", "{PropertyName}を入力してください。");
        AddTranslation("ja", "MaximumLengthValidator", "{PropertyName}は{MaxLength}文字以内で入力してください（現在{TotalLength}文字）。");
        AddTranslation("ja", "EmailValidator", "{PropertyName}の形式が正しくありません。");
        AddTranslation("ja", "InclusiveBetweenValidator", "{PropertyName}は{From}から{To}までの値で入力してください。");
        AddTranslation("ja", "EnumValidator", "{PropertyName}の値が正しくありません。");
        AddTranslation("ja", "NotEqualValidator", "{PropertyName}に{ComparisonValue}は指定できません。");
    }
}
