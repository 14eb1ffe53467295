using System.Text;
using Cohort.Web.Domain.Assessments;
using Cohort.UnitTests.Templates;
using Cohort.Web.Domain.Templates;

namespace Cohort.UnitTests.Assessments;

public class SkillFrameworkLoaderTests
{
    private const string File = "framework.yaml";

    // Line numbers the tests rely on; edit with care:
    // 1 title, 3 scale, 4..8 its labels (the list starts at 4:3), 9 goalsQuestion, 10 areas, 11 area "data", 14 item "analyse",
    // 16 item "chart", 18 area "tools", 21 item "automate".
    private const string Minimal = """
        title: { ja: 自己評価, en: Self-assessment }
        description: { ja: 説明, en: Description }
        scale:
          - { ja: まったく当てはまらない, en: Not at all like me }
          - { ja: あまり当てはまらない, en: Not much like me }
          - { ja: どちらともいえない, en: Neither like nor unlike me }
          - { ja: やや当てはまる, en: Somewhat like me }
          - { ja: とても当てはまる, en: Very much like me }
        goalsQuestion: { ja: 身につけたいこと, en: Your goals }
        areas:
          - key: data
            name: { ja: データ, en: Data }
            items:
              - key: analyse
                statement: { ja: 分析できる, en: I can analyse data }
              - key: chart
                statement: { ja: グラフにできる, en: I can chart data }
          - key: tools
            name: { ja: ツール, en: Tools }
            items:
              - key: automate
                statement: { ja: 自動化できる, en: I can automate tasks }
        """;

    private static SkillFramework Parse(string yaml, string key = "sample") => new SkillFrameworkLoader().Parse(yaml, File, key);

    private static IReadOnlyList<TemplateError> Errors(string yaml, string key = "sample") =>
        Assert.Throws<TemplateLoadException>(() => Parse(yaml, key)).Errors;

    [Fact]
    public void Shipped_dx_core_framework_loads_with_seven_areas_in_both_languages()
    {
        var root = RepositoryRoot();
        var path = Path.Combine(root, "templates", "assessments", SkillFrameworkCatalog.DefaultKey, SkillFrameworkCatalog.FrameworkFileName);
        Assert.True(System.IO.File.Exists(path), $"Missing {path}");

        var catalog = new SkillFrameworkCatalog(Path.Combine(root, "templates"));
        Assert.Empty(catalog.Problems());
        var framework = catalog.Get(SkillFrameworkCatalog.DefaultKey);

        Assert.Equal(
            ["dx-basics", "data-use", "design-thinking", "agile", "project-management", "digital-tools", "change-leadership"],
            framework.Areas.Select(a => a.Key));
        Assert.Equal(
            ["DXの基礎", "データ活用", "デザイン思考・利用者視点", "アジャイルな進め方", "プロジェクト管理", "デジタルツール・ローコード", "変革のリーダーシップ"],
            framework.Areas.Select(a => a.Name.Ja));
        Assert.All(framework.Areas, a => Assert.InRange(a.Items.Count, 3, 4));
        Assert.Equal(SkillFramework.MaxRating, framework.Scale.Count);
        Assert.Equal(new LocalizedText("まったく当てはまらない", "Not at all like me"), framework.Scale[0]);
        Assert.Equal(new LocalizedText("とても当てはまる", "Very much like me"), framework.Scale[^1]);
        Assert.StartsWith("この研修で身につけたいこと・職場で変えたいこと", framework.GoalsQuestion.Ja);

        var texts = new List<LocalizedText> { framework.Title, framework.Description, framework.GoalsQuestion };
        texts.AddRange(framework.Scale);
        texts.AddRange(framework.Areas.Select(a => a.Name));
        texts.AddRange(framework.Items.Select(i => i.Statement));
        Assert.All(texts, t =>
        {
            Assert.False(string.IsNullOrWhiteSpace(t.Ja));
            Assert.False(string.IsNullOrWhiteSpace(t.En));
            Assert.True(t.Ja.Any(IsJapanese), $"Not Japanese: {t.Ja}");
            Assert.False(t.En.Any(IsJapanese), $"Not English: {t.En}");
        });
        Assert.All(framework.Items, i =>
        {
            Assert.Contains("できる", i.Statement.Ja);
            Assert.StartsWith("I can ", i.Statement.En);
        });
        Assert.Contains(catalog.List(), s => s.Key == SkillFrameworkCatalog.DefaultKey && s.AreaCount == 7 && s.ItemCount == framework.Items.Count());
    }

    [Fact]
    public void Shipped_frameworks_are_copied_beside_the_binaries()
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "templates");

        Assert.Empty(new SkillFrameworkCatalog(copied).Problems());
        Assert.True(new SkillFrameworkCatalog(copied).TryGet(SkillFrameworkCatalog.DefaultKey, out _));
    }

    [Fact]
    public void Minimal_framework_maps_every_value()
    {
        var framework = Parse(Minimal, "pilot");

        Assert.Equal("pilot", framework.Key);
        Assert.Equal(new LocalizedText("自己評価", "Self-assessment"), framework.Title);
        Assert.Equal(new LocalizedText("説明", "Description"), framework.Description);
        Assert.Equal(new LocalizedText("身につけたいこと", "Your goals"), framework.GoalsQuestion);
        Assert.Equal(
            ["Not at all like me", "Not much like me", "Neither like nor unlike me", "Somewhat like me", "Very much like me"],
            framework.Scale.Select(s => s.En));
        Assert.Equal(["data", "tools"], framework.Areas.Select(a => a.Key));
        Assert.Equal(new LocalizedText("データ", "Data"), framework.Areas[0].Name);
        Assert.Equal(
            [new SkillItem("analyse", new("分析できる", "I can analyse data")), new SkillItem("chart", new("グラフにできる", "I can chart data"))],
            framework.Areas[0].Items);
        Assert.Equal(["analyse", "chart", "automate"], framework.Items.Select(i => i.Key));
    }

    [Theory]
    [InlineData("  - { ja: とても当てはまる, en: Very much like me }\n", "", 4, 3, "scale must have exactly 5 labels (for ratings 1 to 5), got 4")]
    [InlineData("en: Not much like me }", "en: Not much like me }\n  - { ja: 最高, en: Best }", 4, 3, "scale must have exactly 5 labels (for ratings 1 to 5), got 6")]
    [InlineData("- { ja: やや当てはまる, en: Somewhat like me }", "- Somewhat like me", 7, 5, "scale[3] must be a mapping with 'ja' and 'en' texts, got 'Somewhat like me'")]
    [InlineData("goalsQuestion: { ja: 身につけたいこと, en: Your goals }\n", "", 1, 1, "goalsQuestion is required")]
    [InlineData("key: data", "key: Data_1", 11, 10, "areas[0].key must be 1 to 64 characters of lowercase a-z, 0-9 and '-', got 'Data_1'")]
    [InlineData("key: chart", "key: \"\"", 16, 14, "areas[0].items[1].key must be 1 to 64 characters of lowercase a-z, 0-9 and '-', got ''")]
    [InlineData("key: tools", "key: data", 18, 10, "areas[1].key 'data' is already used by areas[0]; keys must be unique within a list")]
    [InlineData("key: chart", "key: analyse", 16, 14, "areas[0].items[1].key 'analyse' is already used by areas[0].items[0]; keys must be unique within a list")]
    [InlineData("key: automate", "key: analyse", 21, 14, "areas[1].items[0].key 'analyse' is already used by areas[0].items[0]; item keys must be unique across the whole framework")]
    [InlineData("en: Data }", "en: \"\" }", 12, 26, "areas[0].name.en must not be empty")]
    [InlineData("    items:\n      - key: automate\n        statement: { ja: 自動化できる, en: I can automate tasks }", "    items: []", 20, 12, "areas[1].items must have at least one entry")]
    [InlineData("statement: { ja: 分析できる, en: I can analyse data }", "statement: I can analyse data", 15, 20, "areas[0].items[0].statement must be a mapping with 'ja' and 'en' texts, got 'I can analyse data'")]
    [InlineData("        statement: { ja: グラフにできる, en: I can chart data }\n", "", 16, 9, "areas[0].items[1].statement is required")]
    public void Rule_violation_is_reported_at_its_line(string oldText, string newText, int line, int column, string message)
    {
        var error = Assert.Single(Errors(Minimal.With(oldText, newText)));

        Assert.Equal(new TemplateError(File, line, column, message), error);
    }

    [Fact]
    public void No_areas_at_all_is_an_error()
    {
        var yaml = Minimal[..Minimal.IndexOf("areas:", StringComparison.Ordinal)] + "areas: []";

        var error = Assert.Single(Errors(yaml));

        Assert.Equal("framework.yaml:10:8: areas must have at least one entry", error.ToString());
    }

    [Fact]
    public void Texts_longer_than_their_limits_are_errors()
    {
        var yaml = Minimal
            .With("ja: 自己評価", "ja: " + new string('題', 201))
            .With("en: Description", "en: " + new string('d', 2001))
            .With("ja: データ", "ja: " + new string('デ', 200))
            .With("en: I can chart data", "en: " + new string('c', 2000))
            .With("ja: 自動化できる", "ja: " + new string('自', 2001));

        var errors = Errors(yaml);

        Assert.Equal(
            [
                "framework.yaml:1:14: title.ja must be at most 200 characters, got 201",
                "framework.yaml:2:28: description.en must be at most 2000 characters, got 2001",
                "framework.yaml:22:26: areas[1].items[0].statement.ja must be at most 2000 characters, got 2001",
            ],
            errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Key_longer_than_64_characters_is_an_error()
    {
        var error = Assert.Single(Errors(Minimal.With("key: analyse", "key: " + new string('a', 65))));

        Assert.Equal((14, 14), (error.Line, error.Column));
        Assert.StartsWith("areas[0].items[0].key must be 1 to 64 characters", error.Message);
        Assert.Equal(64, Parse(Minimal.With("key: analyse", "key: " + new string('a', 64))).Items.First().Key.Length);
    }

    [Fact]
    public void More_than_100_items_in_total_is_reported_at_the_first_one_over()
    {
        var yaml = new StringBuilder(Minimal[..Minimal.IndexOf("areas:", StringComparison.Ordinal)]).Append("areas:\n");
        for (var a = 0; a < 2; a++)
        {
            yaml.Append($"  - key: area-{a}\n    name: {{ ja: 領域, en: Area }}\n    items:\n");
            for (var i = 0; i < 51; i++)
            {
                yaml.Append($"      - {{ key: item-{a}-{i}, statement: {{ ja: できる, en: I can }} }}\n");
            }
        }

        var error = Assert.Single(Errors(yaml.ToString()));

        // Area 0 is lines 11..64 (3 header lines, 51 items); area 1's items start on line 68, its items[49] is on line 117.
        Assert.Equal("framework.yaml:117:9: areas[1].items[49] is item 101; a framework may have at most 100 items in total, this one has 102", error.ToString());
        Assert.Equal(100, Parse(yaml.ToString().Replace("      - { key: item-1-50, statement: { ja: できる, en: I can } }\n", "")
            .Replace("      - { key: item-1-49, statement: { ja: できる, en: I can } }\n", "")).Items.Count());
    }

    [Fact]
    public void Unknown_keys_are_refused_with_a_suggestion()
    {
        var yaml = Minimal
            .With("goalsQuestion:", "goalQuestion:")
            .With("        statement: { ja: 自動化できる, en: I can automate tasks }", "        statement: { ja: 自動化できる, en: I can automate tasks }\n        weight: 2");

        var errors = Errors(yaml);

        Assert.Equal(
            [
                "framework.yaml:1:1: goalsQuestion is required",
                "framework.yaml:9:1: Unknown key 'goalQuestion' at the top level; did you mean 'goalsQuestion'? allowed keys are title, description, scale, goalsQuestion, areas",
                "framework.yaml:23:9: Unknown key 'weight' in areas[1].items[0]; allowed keys are key, statement",
            ],
            errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Several_errors_are_reported_together_in_file_order()
    {
        var yaml = Minimal
            .With("key: automate", "key: analyse")
            .With("  - { ja: とても当てはまる, en: Very much like me }\n", "")
            .With("en: Data }", "en: \"\", extra: 1 }")
            .With("key: chart", "key: Chart");

        var errors = Errors(yaml, "Bad Key");

        Assert.Equal(
            [
                (1, 1, "The framework key 'Bad Key' (its folder name) must be 1 to 64 characters of a-z, 0-9 and '-'."),
                (4, 3, "scale must have exactly 5 labels (for ratings 1 to 5), got 4"),
                (11, 26, "areas[0].name.en must not be empty"),
                (11, 30, "Unknown key 'extra' in areas[0].name; allowed keys are ja, en"),
                (15, 14, "areas[0].items[1].key must be 1 to 64 characters of lowercase a-z, 0-9 and '-', got 'Chart'"),
                (20, 14, "areas[1].items[0].key 'analyse' is already used by areas[0].items[0]; item keys must be unique across the whole framework"),
            ],
            errors.Select(e => (e.Line, e.Column, e.Message)));
    }

    [Fact]
    public void Scale_given_as_a_number_is_a_wrong_type()
    {
        var labels = Minimal.Split('\n')[3..8];
        var yaml = Minimal.With(string.Join('\n', labels) + "\n", "").With("scale:", "scale: 5");

        var error = Assert.Single(Errors(yaml));

        Assert.Equal("framework.yaml:3:8: scale must be a list of 5 labels (for ratings 1 to 5), got '5'", error.ToString());
    }

    [Fact]
    public void Item_key_repeated_in_another_area_and_within_it_is_reported_once_each()
    {
        var yaml = Minimal
            .With(
                "        statement: { ja: 自動化できる, en: I can automate tasks }",
                "        statement: { ja: 自動化できる, en: I can automate tasks }\n      - key: automate\n        statement: { ja: 再, en: Again }")
            .With("key: automate\n        statement: { ja: 自動化", "key: chart\n        statement: { ja: 自動化")
            .With("key: automate", "key: chart");

        var errors = Errors(yaml);

        Assert.Equal(
            [
                "framework.yaml:21:14: areas[1].items[0].key 'chart' is already used by areas[0].items[1]; item keys must be unique across the whole framework",
                "framework.yaml:23:14: areas[1].items[1].key 'chart' is already used by areas[1].items[0]; keys must be unique within a list",
            ],
            errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Empty_file_and_syntax_errors_are_reported_with_a_position()
    {
        Assert.Equal(
            "framework.yaml:1:1: The file is empty; expected a mapping with title, description, scale, goalsQuestion, areas.",
            Assert.Single(Errors("")).ToString());
        Assert.Equal(
            "framework.yaml:1:1: The framework must be a mapping of keys (title, description, scale, goalsQuestion, areas), got 'just text'",
            Assert.Single(Errors("just text")).ToString());
        var syntax = Assert.Single(Errors(Minimal.With("en: Not much like me }", "en: Not much like me ]")));
        Assert.Equal((5, 44), (syntax.Line, syntax.Column)); // at the stray "]"
        Assert.StartsWith("YAML syntax error: ", syntax.Message);
    }

    [Fact]
    public void Unclosed_brace_is_a_syntax_error_at_the_brace()
    {
        // YamlDotNet throws InvalidOperationException without a position for this one.
        var error = Assert.Single(Errors(Minimal.With("name: { ja: データ, en: Data }", "name: { ja: データ, en: Data")));

        Assert.Equal("framework.yaml:12:11: YAML syntax error: this '{' is not closed; add '}' before the line ends.", error.ToString());
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(directory.FullName, "Cohort.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder holding Cohort.sln above {AppContext.BaseDirectory}.");
    }

    // Hiragana, katakana and the common CJK ideographs.
    private static bool IsJapanese(char c) => c is (>= '\u3040' and <= '\u30ff') or (>= '\u4e00' and <= '\u9fff');
}

public sealed class SkillFrameworkCatalogTests : IDisposable
{
    private const string Framework = """
        title: { ja: 自己評価, en: Self-assessment }
        description: { ja: 説明, en: Description }
        scale:
          - { ja: 1, en: One }
          - { ja: 2, en: Two }
          - { ja: 3, en: Three }
          - { ja: 4, en: Four }
          - { ja: 5, en: Five }
        goalsQuestion: { ja: 目標, en: Goals }
        areas:
          - key: data
            name: { ja: データ, en: Data }
            items:
              - { key: analyse, statement: { ja: 分析できる, en: I can analyse data } }
              - { key: chart, statement: { ja: グラフにできる, en: I can chart data } }
        """;

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("cohort-frameworks-");

    public void Dispose() => _root.Delete(recursive: true);

    private void Write(string key, string? yaml)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root.FullName, "assessments", key));
        if (yaml is not null)
        {
            File.WriteAllText(Path.Combine(folder.FullName, "framework.yaml"), yaml);
        }
    }

    [Fact]
    public void Lists_good_frameworks_sorted_by_key_and_reports_broken_ones()
    {
        Write("zeta", Framework.With("en: Self-assessment", "en: Zeta"));
        Write("alpha", Framework);
        Write("broken", Framework.With("  - { ja: 5, en: Five }\n", "").With("key: chart", "key: analyse"));
        Write("Bad_Name", Framework);
        Write("no-file", yaml: null);

        var catalog = new SkillFrameworkCatalog(_root.FullName);

        Assert.Equal(
            [
                new SkillFrameworkSummary("alpha", new("自己評価", "Self-assessment"), new("説明", "Description"), 1, 2),
                new SkillFrameworkSummary("zeta", new("自己評価", "Zeta"), new("説明", "Description"), 1, 2),
            ],
            catalog.List());
        Assert.Equal(
            [
                "assessments/Bad_Name/framework.yaml:1:1: The framework key 'Bad_Name' (its folder name) must be 1 to 64 characters of a-z, 0-9 and '-'.",
                "assessments/broken/framework.yaml:4:3: scale must have exactly 5 labels (for ratings 1 to 5), got 4",
                "assessments/broken/framework.yaml:14:16: areas[0].items[1].key 'analyse' is already used by areas[0].items[0]; keys must be unique within a list",
                "assessments/no-file/framework.yaml:1:1: The folder 'assessments/no-file' has no framework.yaml.",
            ],
            catalog.Problems().Select(e => e.ToString()));
    }

    [Fact]
    public void Get_and_TryGet_return_good_frameworks_only()
    {
        Write("good", Framework);
        Write("broken", Framework.With("title:", "titel:"));
        var catalog = new SkillFrameworkCatalog(_root.FullName);

        Assert.Equal("good", catalog.Get("good").Key);
        Assert.True(catalog.TryGet("good", out var good));
        Assert.Equal(["analyse", "chart"], good.Items.Select(i => i.Key));

        var broken = Assert.Throws<TemplateLoadException>(() => catalog.Get("broken"));
        Assert.Equal(2, broken.Errors.Count);
        Assert.All(broken.Errors, e => Assert.Equal("assessments/broken/framework.yaml", e.File));
        Assert.False(catalog.TryGet("broken", out _));

        Assert.Throws<KeyNotFoundException>(() => catalog.Get("missing"));
        Assert.False(catalog.TryGet("missing", out var missing));
        Assert.Null(missing);
    }

    [Fact]
    public void Root_without_an_assessments_folder_gives_an_empty_catalog()
    {
        Directory.CreateDirectory(Path.Combine(_root.FullName, "programs"));

        var catalog = new SkillFrameworkCatalog(_root.FullName);

        Assert.Empty(catalog.List());
        Assert.Empty(catalog.Problems());
        Assert.False(catalog.TryGet(SkillFrameworkCatalog.DefaultKey, out _));
        Assert.Throws<KeyNotFoundException>(() => catalog.Get(SkillFrameworkCatalog.DefaultKey));
    }
}
