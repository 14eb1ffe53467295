using Cohort.Web.Domain.Templates;

namespace Cohort.UnitTests.Templates;

public class ShippedTemplateTests
{
    private static TemplateCatalog Catalog()
    {
        var root = TemplateCatalog.FindTemplatesRoot(AppContext.BaseDirectory);
        Assert.NotNull(root);
        return new TemplateCatalog(root);
    }

    [Fact]
    public void Templates_are_copied_beside_the_binaries_and_found_there_first()
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "templates");

        Assert.True(File.Exists(Path.Combine(copied, "programs", "two-stage-dx", "program.yaml")));
        Assert.Equal(Path.GetFullPath(copied), TemplateCatalog.FindTemplatesRoot(AppContext.BaseDirectory));
    }

    [Fact]
    public void Every_shipped_template_loads_without_problems()
    {
        var catalog = Catalog();

        Assert.Empty(catalog.Problems());
        Assert.Contains(catalog.List(), t => t.Key == "two-stage-dx");
    }

    [Fact]
    public void Two_stage_dx_is_analysis_then_prototype_ending_in_the_showcase()
    {
        var template = Catalog().Get("two-stage-dx");

        Assert.Equal("Asia/Tokyo", template.TimeZone);
        Assert.Equal(10, template.CheckInCadenceWorkingDays);
        Assert.Equal(["problem-and-solution", "prototype"], template.Stages.Select(s => s.Key));
        Assert.Equal([40, 60], template.Stages.Select(s => s.DurationWorkingDays));
        Assert.Equal(
            ["pre-assessment", "as-is-analysis", "problem-definition", "solution-proposal", "stage-1-review"],
            template.Stages[0].Milestones.Select(m => m.Key));
        Assert.Equal(
            ["prototype-v1", "user-test-record", "prototype-v2", "showcase-deck", "showcase", "post-assessment"],
            template.Stages[1].Milestones.Select(m => m.Key));

        var showcase = template.Stages[1].Milestones.Single(m => m.Key == "showcase");
        Assert.Equal(new LocalizedText("成果発表会", "Showcase"), showcase.Name);
        Assert.Equal(DeliverableType.Presentation, showcase.Deliverable);
        Assert.Contains(template.Stages[1].Milestones, m => m.Deliverable == DeliverableType.Prototype);
    }

    [Fact]
    public void Two_stage_dx_milestones_are_in_date_order()
    {
        foreach (var stage in Catalog().Get("two-stage-dx").Stages)
        {
            var offsets = stage.Milestones.Select(m => m.OffsetWorkingDays).ToList();
            Assert.Equal(offsets.Order(), offsets);
        }
    }

    [Fact]
    public void Two_stage_dx_rubric_weights_add_up_to_100_per_stage()
    {
        foreach (var stage in Catalog().Get("two-stage-dx").Stages)
        {
            Assert.Equal(4, stage.Rubric.Count);
            Assert.Equal(100, stage.Rubric.Sum(c => c.Weight));
        }
    }

    [Fact]
    public void Two_stage_dx_texts_are_written_in_Japanese_and_in_English()
    {
        var template = Catalog().Get("two-stage-dx");
        var texts = new List<LocalizedText> { template.Title, template.Description };
        foreach (var stage in template.Stages)
        {
            texts.AddRange([stage.Name, stage.Description]);
            texts.AddRange(stage.Milestones.SelectMany(m => new[] { m.Name, m.Description }));
            texts.AddRange(stage.Rubric.SelectMany(c => new[] { c.Name, c.Description }));
        }

        Assert.Equal(2 + (2 * (2 + 11 + 8)), texts.Count);
        Assert.All(texts, t =>
        {
            Assert.True(t.Ja.Any(IsJapanese), $"Not Japanese: {t.Ja}");
            Assert.False(t.En.Any(IsJapanese), $"Not English: {t.En}");
        });
    }

    // Hiragana, katakana and the common CJK ideographs.
    private static bool IsJapanese(char c) => c is (>= '\u3040' and <= '\u30ff') or (>= '\u4e00' and <= '\u9fff');
}
