using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.Web.Infrastructure.Files;

public static class FileServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="FileLimits"/> and a <see cref="LocalDiskFileStore"/> at <c>Cohort:Files:Root</c>
    /// (relative paths are under <paramref name="dataDir"/>; default <c>&lt;dataDir&gt;/files</c>).
    /// </summary>
    public static IServiceCollection AddCohortFiles(this IServiceCollection services, IConfiguration configuration, string dataDir)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDir);

        var limits = FileLimits.From(configuration);
        var configured = configuration["Cohort:Files:Root"];
        var root = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? "files" : configured, Path.GetFullPath(dataDir));

        services.AddSingleton(limits);
        services.AddSingleton<IFileStore>(provider =>
        {
            // Files under the web root would be served by the static file middleware, bypassing every check.
            var webRoot = provider.GetService<IWebHostEnvironment>()?.WebRootPath;
            if (!string.IsNullOrEmpty(webRoot) && IsUnder(root, Path.GetFullPath(webRoot)))
            {
                throw new InvalidOperationException($"Cohort:Files:Root ({root}) must not be inside the web root ({webRoot}).");
            }

            return new LocalDiskFileStore(root);
        });
        return services;
    }

    private static bool IsUnder(string path, string folder)
    {
        var relative = Path.GetRelativePath(folder, path);
        return relative == "." || (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative));
    }
}
