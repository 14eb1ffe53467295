using Cohort.Web.Domain.Templates;

namespace Cohort.UnitTests.Templates;

public sealed class TemplateCatalogTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("cohort-templates-");

    public void Dispose() => _root.Delete(recursive: true);

    private void Write(string key, string? yaml)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root.FullName, "programs", key));
        if (yaml is not null)
        {
            File.WriteAllText(Path.Combine(folder.FullName, "program.yaml"), yaml);
        }
    }

    [Fact]
    public void Lists_valid_templates_sorted_by_key()
    {
        Write("zeta", TemplateYaml.OneStage.With("en: Training", "en: Zeta"));
        Write("alpha", TemplateYaml.TwoStages);

        var list = new TemplateCatalog(_root.FullName).List();

        Assert.Equal(
            [
                new TemplateSummary("alpha", new("研修", "Training"), new("説明", "Description"), 2),
                new TemplateSummary("zeta", new("研修", "Zeta"), new("説明", "Description"), 1),
            ],
            list);
    }

    [Fact]
    public void Broken_templates_are_left_out_of_the_list_and_reported_as_problems()
    {
        Write("good", TemplateYaml.OneStage);
        Write("broken", TemplateYaml.OneStage.With("maxScore: 5", "maxScore: 50").With("weight: 100", "weight: 0"));
        Write("Bad_Name", TemplateYaml.OneStage);
        Write("no-file", yaml: null);

        var catalog = new TemplateCatalog(_root.FullName);

        Assert.Equal(["good"], catalog.List().Select(t => t.Key));
        Assert.Equal(
            [
                "programs/Bad_Name/program.yaml:1:1: The template key 'Bad_Name' (its folder name) must be 1 to 64 characters of a-z, 0-9 and '-'.",
                "programs/broken/program.yaml:35:19: stages[0].rubric[0].maxScore must be between 1 and 10, got 50",
                "programs/broken/program.yaml:36:17: stages[0].rubric[0].weight must be between 1 and 100, got 0",
                "programs/no-file/program.yaml:1:1: The folder 'programs/no-file' has no program.yaml.",
            ],
            catalog.Problems().Select(e => e.ToString()));
    }

    [Fact]
    public void Get_returns_a_valid_template_and_throws_for_broken_or_unknown_keys()
    {
        Write("good", TemplateYaml.OneStage);
        Write("broken", TemplateYaml.OneStage.With("title:", "titel:"));
        var catalog = new TemplateCatalog(_root.FullName);

        Assert.Equal("good", catalog.Get("good").Key);
        var broken = Assert.Throws<TemplateLoadException>(() => catalog.Get("broken"));
        Assert.Equal(2, broken.Errors.Count);
        Assert.All(broken.Errors, e => Assert.Equal("programs/broken/program.yaml", e.File));
        Assert.Throws<KeyNotFoundException>(() => catalog.Get("missing"));
    }

    [Fact]
    public void Root_without_a_programs_folder_is_rejected()
    {
        Assert.Throws<DirectoryNotFoundException>(() => new TemplateCatalog(_root.FullName));
    }

    [Fact]
    public void FindTemplatesRoot_walks_up_from_a_nested_folder()
    {
        Directory.CreateDirectory(Path.Combine(_root.FullName, "templates", "programs"));
        var nested = Directory.CreateDirectory(Path.Combine(_root.FullName, "src", "app", "bin"));

        Assert.Equal(Path.Combine(_root.FullName, "templates"), TemplateCatalog.FindTemplatesRoot(nested.FullName));
    }

    [Fact]
    public void FindTemplatesRoot_ignores_a_templates_folder_without_programs()
    {
        Directory.CreateDirectory(Path.Combine(_root.FullName, "outer", "templates", "programs"));
        Directory.CreateDirectory(Path.Combine(_root.FullName, "outer", "inner", "templates", "mail"));
        var start = Path.Combine(_root.FullName, "outer", "inner");

        Assert.Equal(Path.Combine(_root.FullName, "outer", "templates"), TemplateCatalog.FindTemplatesRoot(start));
    }
}
