using Cohort.Web.Domain.Templates;

namespace Cohort.UnitTests.Templates;

public class ProgramTemplateLoaderTests
{
    [Fact]
    public void Valid_template_maps_every_value()
    {
        var template = TemplateYaml.Parse(TemplateYaml.OneStage, "pilot");

        Assert.Equal("pilot", template.Key);
        Assert.Equal(new LocalizedText("研修", "Training"), template.Title);
        Assert.Equal(10, template.CheckInCadenceWorkingDays);
        var stage = Assert.Single(template.Stages);
        Assert.Equal("stage-1", stage.Key);
        Assert.Equal(30, stage.DurationWorkingDays);
        var milestone = Assert.Single(stage.Milestones);
        Assert.Equal(new MilestoneTemplate("plan", new("計画", "Plan"), new("説明", "Description"), 10, DeliverableType.Document), milestone);
        var criterion = Assert.Single(stage.Rubric);
        Assert.Equal(new RubricCriterionTemplate("clarity", new("明確さ", "Clarity"), new("説明", "Description"), 5, 100), criterion);
    }

    [Fact]
    public void Time_zone_defaults_to_Tokyo_and_deliverable_to_none()
    {
        var template = TemplateYaml.Parse(TemplateYaml.OneStage.With("        deliverable: document\n", ""));

        Assert.Equal("Asia/Tokyo", template.TimeZone);
        Assert.Equal(DeliverableType.None, template.Stages[0].Milestones[0].Deliverable);
    }

    [Fact]
    public void Explicit_iana_time_zone_is_kept()
    {
        var template = TemplateYaml.Parse(TemplateYaml.OneStage.With("stages:", "timeZone: Pacific/Auckland\nstages:"));

        Assert.Equal("Pacific/Auckland", template.TimeZone);
    }

    [Fact]
    public void Stages_start_the_working_day_after_the_previous_one_ends()
    {
        var template = TemplateYaml.Parse(TemplateYaml.TwoStages);

        Assert.Equal(0, template.StageStartOffsetWorkingDays(0));
        Assert.Equal(20, template.StageStartOffsetWorkingDays(1));
        Assert.Equal(50, template.TotalWorkingDays);
    }

    [Fact]
    public void Missing_key_is_reported_at_the_parent_mapping()
    {
        var yaml = TemplateYaml.OneStage.With("""
                    name:
                      ja: 計画
                      en: Plan

            """, "");

        var error = Assert.Single(TemplateYaml.Errors(yaml));

        Assert.Equal(new TemplateError("program.yaml", 18, 9, "stages[0].milestones[0].name is required"), error);
    }

    [Fact]
    public void Wrong_type_is_reported_at_the_value()
    {
        var yaml = TemplateYaml.OneStage.With("checkInCadenceWorkingDays: 10", "checkInCadenceWorkingDays: ten");

        var error = Assert.Single(TemplateYaml.Errors(yaml));

        Assert.Equal("program.yaml:7:28: checkInCadenceWorkingDays must be a whole number, got 'ten'", error.ToString());
    }

    [Fact]
    public void Quoted_number_is_text_not_a_number()
    {
        var yaml = TemplateYaml.OneStage.With("maxScore: 5", "maxScore: \"5\"");

        var error = Assert.Single(TemplateYaml.Errors(yaml));

        Assert.Equal((35, 19), (error.Line, error.Column));
        Assert.Equal("stages[0].rubric[0].maxScore must be a whole number, got '5' (quoted, so a text)", error.Message);
    }

    [Fact]
    public void List_given_as_a_scalar_is_a_wrong_type()
    {
        var yaml = TemplateYaml.TwoStages.With("deliverable: presentation", "deliverable: presentation\n    rubric: clarity");

        var error = Assert.Single(TemplateYaml.Errors(yaml));

        Assert.Equal("program.yaml:21:13: stages[1].rubric must be a list, got 'clarity'", error.ToString());
    }

    [Fact]
    public void Unknown_key_is_an_error_with_a_suggestion()
    {
        var yaml = TemplateYaml.OneStage.With("title:", "titel:");

        var errors = TemplateYaml.Errors(yaml);

        Assert.Equal(2, errors.Count);
        Assert.Equal(
            "program.yaml:1:1: Unknown key 'titel' at the top level; did you mean 'title'? allowed keys are title, description, checkInCadenceWorkingDays, timeZone, nudges, stages",
            errors[0].ToString());
        Assert.Equal(new TemplateError("program.yaml", 1, 1, "title is required"), errors[1]);
    }

    [Fact]
    public void Unknown_nested_key_names_its_path()
    {
        var yaml = TemplateYaml.OneStage.With("        weight: 100", "        weight: 100\n        comment: x");

        var error = Assert.Single(TemplateYaml.Errors(yaml));

        Assert.Equal((37, 9), (error.Line, error.Column));
        Assert.StartsWith("Unknown key 'comment' in stages[0].rubric[0]; allowed keys are key, name,", error.Message);
    }

    [Fact]
    public void Offset_past_the_stage_end_is_reported_with_the_duration()
    {
        var yaml = TemplateYaml.TwoStages.With("offsetWorkingDays: 29", "offsetWorkingDays: 45");

        var error = Assert.Single(TemplateYaml.Errors(yaml));

        Assert.Equal(
            "program.yaml:19:28: stages[1].milestones[0].offsetWorkingDays must be less than the stage's durationWorkingDays (30), got 45",
            error.ToString());
    }

    [Fact]
    public void Offset_equal_to_the_duration_is_already_outside_the_stage()
    {
        var yaml = TemplateYaml.TwoStages.With("offsetWorkingDays: 19 }", "offsetWorkingDays: 20 }");

        var error = Assert.Single(TemplateYaml.Errors(yaml));

        Assert.Equal(10, error.Line);
        Assert.Contains("stages[0].milestones[0].offsetWorkingDays must be less than the stage's durationWorkingDays (20), got 20", error.Message);
    }

    [Fact]
    public void Negative_offset_is_rejected()
    {
        var error = Assert.Single(TemplateYaml.Errors(TemplateYaml.OneStage.With("offsetWorkingDays: 10", "offsetWorkingDays: -1")));

        Assert.Equal("program.yaml:25:28: stages[0].milestones[0].offsetWorkingDays must be at least 0, got -1", error.ToString());
    }

    [Fact]
    public void Duplicate_key_in_a_list_points_at_the_second_one()
    {
        var yaml = TemplateYaml.TwoStages.With("key: second", "key: first");

        var error = Assert.Single(TemplateYaml.Errors(yaml));

        Assert.Equal(
            "program.yaml:11:10: stages[1].key 'first' is already used by stages[0]; keys must be unique within a list",
            error.ToString());
    }

    [Fact]
    public void Same_key_in_different_lists_is_fine()
    {
        var template = TemplateYaml.Parse(TemplateYaml.TwoStages.With("key: demo", "key: draft"));

        Assert.Equal("draft", template.Stages[1].Milestones[0].Key);
    }

    [Fact]
    public void Duplicate_mapping_key_is_reported()
    {
        var yaml = TemplateYaml.OneStage.With("checkInCadenceWorkingDays: 10", "checkInCadenceWorkingDays: 10\ncheckInCadenceWorkingDays: 5");

        var error = Assert.Single(TemplateYaml.Errors(yaml));

        Assert.Equal(
            "program.yaml:8:1: Duplicate key 'checkInCadenceWorkingDays' (first defined at line 7); each key may appear once in a mapping.",
            error.ToString());
    }

    [Theory]
    [InlineData("Stage-1")]
    [InlineData("stage_1")]
    [InlineData("ステージ")]
    public void Key_must_be_lowercase_letters_digits_and_dashes(string key)
    {
        var error = Assert.Single(TemplateYaml.Errors(TemplateYaml.OneStage.With("key: stage-1", $"key: {key}")));

        Assert.Equal((9, 10), (error.Line, error.Column));
        Assert.Equal($"stages[0].key must be 1 to 64 characters of lowercase a-z, 0-9 and '-', got '{key}'", error.Message);
    }

    [Fact]
    public void Missing_translation_is_reported_at_the_text_mapping()
    {
        var yaml = TemplateYaml.OneStage.With("  en: Training\n", "");

        var error = Assert.Single(TemplateYaml.Errors(yaml));

        Assert.Equal("program.yaml:2:3: title.en is required", error.ToString());
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("")]
    [InlineData("'   '")]
    public void Empty_translation_is_reported_at_the_value(string value)
    {
        var yaml = TemplateYaml.OneStage.With("      ja: ステージ1", $"      ja: {value}");

        var error = Assert.Single(TemplateYaml.Errors(yaml));

        Assert.Equal("stages[0].name.ja must not be empty", error.Message);
        Assert.Equal(11, error.Line);
    }

    [Fact]
    public void Name_longer_than_200_characters_is_rejected()
    {
        var yaml = TemplateYaml.OneStage.With("en: Clarity", "en: " + new string('x', 201));

        var error = Assert.Single(TemplateYaml.Errors(yaml));

        Assert.Equal("program.yaml:31:15: stages[0].rubric[0].name.en must be at most 200 characters, got 201", error.ToString());
    }

    [Fact]
    public void Plain_text_where_a_translation_mapping_is_expected()
    {
        var yaml = TemplateYaml.TwoStages.With("name: { ja: 第2, en: Second }", "name: Second");

        var error = Assert.Single(TemplateYaml.Errors(yaml));

        Assert.Equal("program.yaml:12:11: stages[1].name must be a mapping with 'ja' and 'en' texts, got 'Second'", error.ToString());
    }

    [Theory]
    [InlineData("Asia/Tokio")]
    [InlineData("Tokyo Standard Time")]
    [InlineData("JST")]
    public void Unknown_or_non_iana_time_zone_is_rejected(string zone)
    {
        var yaml = TemplateYaml.OneStage.With("stages:", $"timeZone: {zone}\nstages:");

        var error = Assert.Single(TemplateYaml.Errors(yaml));

        Assert.Equal($"program.yaml:8:11: timeZone '{zone}' is not a known IANA time zone id (for example Asia/Tokyo)", error.ToString());
    }

    [Theory]
    [InlineData("maxScore: 5", "maxScore: 11", 35, "stages[0].rubric[0].maxScore must be between 1 and 10, got 11")]
    [InlineData("maxScore: 5", "maxScore: 0", 35, "stages[0].rubric[0].maxScore must be between 1 and 10, got 0")]
    [InlineData("weight: 100", "weight: 101", 36, "stages[0].rubric[0].weight must be between 1 and 100, got 101")]
    [InlineData("durationWorkingDays: 30", "durationWorkingDays: 0", 16, "stages[0].durationWorkingDays must be between 1 and 260, got 0")]
    [InlineData("checkInCadenceWorkingDays: 10", "checkInCadenceWorkingDays: 31", 7,
        "checkInCadenceWorkingDays must not exceed the programme's total length of 30 working days, got 31")]
    [InlineData("deliverable: document", "deliverable: slides", 26,
        "stages[0].milestones[0].deliverable must be one of none, document, prototype, presentation, assessment, got 'slides'")]
    public void Out_of_range_values_are_rejected(string oldText, string newText, int line, string message)
    {
        var error = Assert.Single(TemplateYaml.Errors(TemplateYaml.OneStage.With(oldText, newText)));

        Assert.Equal((line, message), (error.Line, error.Message));
    }

    [Fact]
    public void Stages_must_not_be_empty()
    {
        var yaml = TemplateYaml.TwoStages[..TemplateYaml.TwoStages.IndexOf("stages:", StringComparison.Ordinal)] + "stages: []";

        var error = Assert.Single(TemplateYaml.Errors(yaml));

        Assert.Equal("program.yaml:4:9: stages must have at least one entry", error.ToString());
    }

    [Fact]
    public void Unclosed_quote_is_a_syntax_error_with_its_position()
    {
        var yaml = TemplateYaml.OneStage.With("en: Training", "en: \"Training");

        var error = Assert.Single(TemplateYaml.Errors(yaml));

        Assert.Equal(
            "program.yaml:3:7: YAML syntax error: While scanning a multi-line double-quoted scalar, found wrong indentation.",
            error.ToString());
    }

    [Fact]
    public void Bad_indentation_is_a_syntax_error_with_its_position()
    {
        var yaml = TemplateYaml.OneStage.With("    durationWorkingDays: 30", "   durationWorkingDays: 30");

        var error = Assert.Single(TemplateYaml.Errors(yaml));

        Assert.Equal(
            "program.yaml:16:4: YAML syntax error: While parsing a block collection, did not find expected '-' indicator.",
            error.ToString());
    }

    [Fact]
    public void Empty_file_is_an_error()
    {
        var error = Assert.Single(TemplateYaml.Errors("# nothing yet\n"));

        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.StartsWith("The file is empty", error.Message);
    }

    [Fact]
    public void Scalar_document_is_an_error()
    {
        var error = Assert.Single(TemplateYaml.Errors("hello"));

        Assert.Equal("program.yaml:1:1: The template must be a mapping of keys (title, description, checkInCadenceWorkingDays, timeZone, nudges, stages), got 'hello'", error.ToString());
    }

    [Fact]
    public void Second_document_is_an_error()
    {
        var error = Assert.Single(TemplateYaml.Errors(TemplateYaml.OneStage + "\n---\ntitle: x\n"));

        Assert.Equal(37, error.Line);
        Assert.Contains("exactly one YAML document", error.Message);
    }

    [Fact]
    public void Aliases_are_rejected()
    {
        var yaml = TemplateYaml.OneStage.With("description:\n  ja: 説明\n  en: Description", "description: &text\n  ja: 説明\n  en: Description")
            .With("    description:\n      ja: 説明\n      en: Description\n    durationWorkingDays", "    description: *text\n    durationWorkingDays");

        var error = Assert.Single(TemplateYaml.Errors(yaml));

        Assert.Equal((13, 18), (error.Line, error.Column));
        Assert.Contains("Aliases (*text) are not supported", error.Message);
    }

    [Fact]
    public void Invalid_template_key_is_an_error()
    {
        var error = Assert.Single(TemplateYaml.Errors(TemplateYaml.OneStage, key: "My Template"));

        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Contains("'My Template'", error.Message);
    }

    [Fact]
    public void All_errors_are_reported_at_once_in_file_order()
    {
        var yaml = TemplateYaml.TwoStages
            .With("checkInCadenceWorkingDays: 10", "checkInCadenceWorkingDays: often")
            .With("name: { ja: 第1, en: First }", "name: { ja: 第1 }")
            .With("key: second", "key: Second")
            .With("offsetWorkingDays: 29", "offsetWorkingDays: 30")
            .With("deliverable: presentation", "deliverable: presentation\n        owner: mentor");

        var errors = TemplateYaml.Errors(yaml);

        Assert.Equal(
            [
                "program.yaml:3:28: checkInCadenceWorkingDays must be a whole number, got 'often'",
                "program.yaml:6:11: stages[0].name.en is required",
                "program.yaml:11:10: stages[1].key must be 1 to 64 characters of lowercase a-z, 0-9 and '-', got 'Second'",
                "program.yaml:19:28: stages[1].milestones[0].offsetWorkingDays must be less than the stage's durationWorkingDays (30), got 30",
                "program.yaml:21:9: Unknown key 'owner' in stages[1].milestones[0]; allowed keys are key, name, description, offsetWorkingDays, deliverable",
            ],
            errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Exception_message_lists_every_error()
    {
        var yaml = TemplateYaml.OneStage.With("maxScore: 5", "maxScore: 50").With("weight: 100", "weight: 0");

        var exception = Assert.Throws<TemplateLoadException>(() => TemplateYaml.Parse(yaml));

        Assert.Equal(2, exception.Errors.Count);
        Assert.Contains("2 errors", exception.Message);
        Assert.Contains("program.yaml:35:19: stages[0].rubric[0].maxScore must be between 1 and 10, got 50", exception.Message);
        Assert.Contains("program.yaml:36:17: stages[0].rubric[0].weight must be between 1 and 100, got 0", exception.Message);
    }

    [Fact]
    public void LoadFile_names_the_path_in_errors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cohort-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, TemplateYaml.OneStage.With("maxScore: 5", "maxScore: 50"));
        try
        {
            var exception = Assert.Throws<TemplateLoadException>(() => new ProgramTemplateLoader().LoadFile(path, "sample"));

            Assert.Equal(path, Assert.Single(exception.Errors).File);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
