namespace Cohort.Web.Domain.Templates;

/// <summary>
/// The programme templates under <c>&lt;templatesRoot&gt;/programs/&lt;key&gt;/program.yaml</c>, read once when
/// the catalog is created. A broken template stays out of <see cref="List"/> and shows up in <see cref="Problems"/>.
/// </summary>
public sealed class TemplateCatalog
{
    public const string ProgramsFolder = "programs";
    public const string ProgramFileName = "program.yaml";

    private readonly SortedDictionary<string, ProgramTemplate> _templates = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, IReadOnlyList<TemplateError>> _broken = new(StringComparer.Ordinal);

    public TemplateCatalog(string templatesRoot)
    {
        ArgumentNullException.ThrowIfNull(templatesRoot);
        var programs = Path.Combine(templatesRoot, ProgramsFolder);
        if (!Directory.Exists(programs))
        {
            throw new DirectoryNotFoundException($"No '{ProgramsFolder}' folder in the templates root '{templatesRoot}'.");
        }

        var loader = new ProgramTemplateLoader();
        foreach (var folder in Directory.EnumerateDirectories(programs))
        {
            var key = Path.GetFileName(folder);
            var path = Path.Combine(folder, ProgramFileName);
            // Errors name the file relative to the root so they read the same on every machine.
            var file = $"{ProgramsFolder}/{key}/{ProgramFileName}";
            if (!File.Exists(path))
            {
                _broken[key] = [new TemplateError(file, 1, 1, $"The folder '{ProgramsFolder}/{key}' has no {ProgramFileName}.")];
                continue;
            }

            try
            {
                _templates[key] = loader.Parse(File.ReadAllText(path), file, key);
            }
            catch (TemplateLoadException ex)
            {
                _broken[key] = ex.Errors;
            }
        }
    }

    public IReadOnlyList<TemplateSummary> List() =>
        [.. _templates.Values.Select(t => new TemplateSummary(t.Key, t.Title, t.Description, t.Stages.Count))];

    public IReadOnlyList<TemplateError> Problems() => [.. _broken.Values.SelectMany(errors => errors)];

    public ProgramTemplate Get(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_templates.TryGetValue(key, out var template))
        {
            return template;
        }

        if (_broken.TryGetValue(key, out var errors))
        {
            throw new TemplateLoadException(errors);
        }

        throw new KeyNotFoundException($"There is no programme template '{key}'.");
    }

    /// <summary>
    /// The nearest <c>templates</c> folder holding <c>programs</c>, looking in <paramref name="startDirectory"/> and
    /// then each parent: finds the repository's copy when run from the source tree and the copy beside the binaries
    /// when run from bin/ or a publish folder.
    /// </summary>
    public static string? FindTemplatesRoot(string startDirectory)
    {
        ArgumentNullException.ThrowIfNull(startDirectory);
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "templates");
            if (Directory.Exists(Path.Combine(candidate, ProgramsFolder)))
            {
                return candidate;
            }
        }

        return null;
    }
}
