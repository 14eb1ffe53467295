namespace Cohort.BrowserTests.Infrastructure;

/// <summary>
/// Where the journeys leave what a person checks afterwards: screenshots and the page-weight report, in
/// bin/&lt;configuration&gt;/net10.0/artifacts (emptied at the start of each run). With COHORT_UPDATE_SCREENSHOTS=1 the
/// screenshots README shows are also copied to docs/screenshots in the repository.
/// </summary>
public sealed class Artifacts
{
    public Artifacts()
    {
        Folder = Path.Combine(AppContext.BaseDirectory, "artifacts");
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }

        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public static bool UpdateDocs { get; } = Environment.GetEnvironmentVariable("COHORT_UPDATE_SCREENSHOTS") == "1";

    public string PathFor(string fileName) => System.IO.Path.Combine(Folder, fileName);

    /// <summary>Copies a screenshot to docs/screenshots/&lt;name&gt; when asked to; returns the copy's path, or null.</summary>
    public static string? PublishToDocs(string screenshot, string name)
    {
        if (!UpdateDocs)
        {
            return null;
        }

        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(System.IO.Path.Combine(root.FullName, "Cohort.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            return null;
        }

        var target = System.IO.Path.Combine(root.FullName, "docs", "screenshots", name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        File.Copy(screenshot, target, overwrite: true);
        return target;
    }
}
