using Cohort.Web.Domain.Templates;

namespace Cohort.Web.Infrastructure.Mail;

public static class MailServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="MailSettings"/>, the <see cref="IMailSender"/> the settings call for (SMTP when
    /// <c>Cohort:Mail:Smtp:Host</c> is set, otherwise .eml files in a folder) and <see cref="MailTemplates"/>
    /// (from <c>Cohort:TemplatesDir</c> or the <c>templates</c> folder shipped with the app, found as the
    /// programme templates are), all singletons.
    /// </summary>
    public static IServiceCollection AddCohortMail(this IServiceCollection services, IConfiguration configuration, string dataDir)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = MailSettings.From(configuration, dataDir);
        services.AddSingleton(settings);
        services.AddSingleton<IMailSender>(sp => settings.Smtp is null
            ? new FolderMailSender(settings, sp.GetService<TimeProvider>(), sp.GetService<ILogger<FolderMailSender>>())
            : new SmtpMailSender(settings, sp.GetService<TimeProvider>(), sp.GetService<ILogger<SmtpMailSender>>()));
        services.AddSingleton(sp =>
        {
            var root = configuration["Cohort:TemplatesDir"]
                ?? TemplateCatalog.FindTemplatesRoot(AppContext.BaseDirectory)
                ?? (sp.GetService<IHostEnvironment>() is { } environment ? TemplateCatalog.FindTemplatesRoot(environment.ContentRootPath) : null)
                ?? throw new InvalidOperationException("No templates folder found: set Cohort:TemplatesDir.");
            return new MailTemplates(root);
        });
        return services;
    }
}
