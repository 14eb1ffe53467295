using Cohort.Web.Infrastructure.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.UnitTests.Mail;

public sealed class MailServiceCollectionTests
{
    private static ServiceProvider Services(params (string Key, string? Value)[] values) =>
        new ServiceCollection()
            .AddCohortMail(
                new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, v.Value))).Build(),
                Path.Combine(Path.GetTempPath(), "cohort-data"))
            .BuildServiceProvider();

    [Fact]
    public void The_embedded_default_writes_to_the_outbox_folder()
    {
        using var services = Services();

        var sender = Assert.IsType<FolderMailSender>(services.GetRequiredService<IMailSender>());
        Assert.Equal(Path.Combine(Path.GetTempPath(), "cohort-data", "mail-outbox"), sender.Folder);
        Assert.Same(sender, services.GetRequiredService<IMailSender>());
        Assert.Same(services.GetRequiredService<MailTemplates>(), services.GetRequiredService<MailTemplates>());
    }

    [Fact]
    public void A_configured_smtp_host_selects_the_smtp_sender()
    {
        using var services = Services(("Cohort:Mail:From", "dx@city.example.jp"), ("Cohort:Mail:Smtp:Host", "smtp.city.example.jp"));

        Assert.IsType<SmtpMailSender>(services.GetRequiredService<IMailSender>());
        Assert.Equal("smtp.city.example.jp", services.GetRequiredService<MailSettings>().Smtp?.Host);
    }
}
