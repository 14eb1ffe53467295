using Microsoft.Extensions.Configuration;

namespace Cohort.Web.Infrastructure.Files;

/// <summary>How much a team may upload: per file, per submission, and how many files per submission.</summary>
public sealed record FileLimits(long MaxFileBytes, long MaxSubmissionBytes, int MaxFiles)
{
    public const long Megabyte = 1024 * 1024;

    public static FileLimits Default { get; } = new(20 * Megabyte, 100 * Megabyte, 20);

    /// <summary>Reads <c>Cohort:Files:MaxFileMegabytes</c>, <c>:MaxSubmissionMegabytes</c> and <c>:MaxFiles</c>.</summary>
    public static FileLimits From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Cohort:Files");
        var fileMegabytes = section.GetValue("MaxFileMegabytes", 20L);
        var submissionMegabytes = section.GetValue("MaxSubmissionMegabytes", 100L);
        var maxFiles = section.GetValue("MaxFiles", 20);

        // A typo here would silently allow or block every upload, so refuse to start instead.
        if (fileMegabytes is < 1 or > 2048)
        {
            throw new InvalidOperationException($"Cohort:Files:MaxFileMegabytes must be between 1 and 2048, not {fileMegabytes}.");
        }

        if (submissionMegabytes < fileMegabytes || submissionMegabytes > 100_000)
        {
            throw new InvalidOperationException($"Cohort:Files:MaxSubmissionMegabytes must be at least MaxFileMegabytes ({fileMegabytes}) and at most 100000, not {submissionMegabytes}.");
        }

        if (maxFiles is < 1 or > 1000)
        {
            throw new InvalidOperationException($"Cohort:Files:MaxFiles must be between 1 and 1000, not {maxFiles}.");
        }

        return new FileLimits(fileMegabytes * Megabyte, submissionMegabytes * Megabyte, maxFiles);
    }
}
