using Cohort.Web.Infrastructure.Files;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.UnitTests.Files;

public sealed class FileLimitsTests
{
    [Fact]
    public void Defaults_are_20_MB_per_file_100_MB_per_submission_and_20_files()
    {
        var limits = FileLimits.From(Configuration());

        Assert.Equal(new FileLimits(20L * 1024 * 1024, 100L * 1024 * 1024, 20), limits);
    }

    [Fact]
    public void Limits_come_from_configuration()
    {
        var limits = FileLimits.From(Configuration(
            ("Cohort:Files:MaxFileMegabytes", "5"), ("Cohort:Files:MaxSubmissionMegabytes", "30"), ("Cohort:Files:MaxFiles", "3")));

        Assert.Equal(new FileLimits(5L * 1024 * 1024, 30L * 1024 * 1024, 3), limits);
    }

    [Theory]
    [InlineData("Cohort:Files:MaxFileMegabytes", "0")]
    [InlineData("Cohort:Files:MaxSubmissionMegabytes", "10")]
    [InlineData("Cohort:Files:MaxFiles", "-1")]
    public void Nonsense_limits_stop_the_app_from_starting(string key, string value)
    {
        Assert.Throws<InvalidOperationException>(() => FileLimits.From(Configuration((key, value))));
    }

    [Fact]
    public void AddCohortFiles_stores_under_the_data_folder_by_default()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "cohort-data-" + Guid.NewGuid().ToString("N"));

        using var provider = new ServiceCollection().AddCohortFiles(Configuration(), dataDir).BuildServiceProvider();

        var store = Assert.IsType<LocalDiskFileStore>(provider.GetRequiredService<IFileStore>());
        Assert.Equal(Path.Combine(dataDir, "files"), store.Root);
        Assert.Equal(FileLimits.Default, provider.GetRequiredService<FileLimits>());
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
