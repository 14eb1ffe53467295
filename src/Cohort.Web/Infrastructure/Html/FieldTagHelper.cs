using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Cohort.Web.Infrastructure.Html;

/// <summary>
/// One accessible form field: a label tied to the input, the value the user typed (kept after a failed
/// post), and the field's errors announced through aria-describedby and aria-invalid.
/// Usage: <c>&lt;field for="Input.Title" label="@L["Title"]" required /&gt;</c>.
/// </summary>
[HtmlTargetElement("field", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper(HtmlEncoder encoder) : TagHelper
{
    [HtmlAttributeName("for")]
    public ModelExpression For { get; set; } = default!;

    public string Label { get; set; } = "";

    /// <summary>text, email, date, number, textarea, select, checkbox, password, file.</summary>
    public string Type { get; set; } = "text";

    public string? Hint { get; set; }

    public bool Required { get; set; }

    public IEnumerable<SelectListItem>? Items { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = For.Name;
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var errors = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) ? entry.Errors.Select(e => e.ErrorMessage).ToList() : [];
        var value = entry?.AttemptedValue ?? Format(For.Model);
        var enc = encoder;
        var describedBy = new List<string>();
        if (Hint is not null)
        {
            describedBy.Add(id + "-hint");
        }

        if (errors.Count > 0)
        {
            describedBy.Add(id + "-error");
        }

        var aria = (describedBy.Count > 0 ? $" aria-describedby=\"{string.Join(' ', describedBy)}\"" : "")
            + (errors.Count > 0 ? " aria-invalid=\"true\"" : "")
            + (Required ? " required aria-required=\"true\"" : "");

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", errors.Count > 0 ? "field field-error" : "field");

        var html = new System.Text.StringBuilder();
        string input;
        switch (Type)
        {
            case "checkbox":
                var isChecked = string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || (For.Model is true);
                input = $"<input type=\"checkbox\" id=\"{id}\" name=\"{enc.Encode(name)}\" value=\"true\"{(isChecked ? " checked" : "")}{aria} />"
                    + $"<input type=\"hidden\" name=\"{enc.Encode(name)}\" value=\"false\" />";
                html.Append("<div class=\"check\">").Append(input).Append($"<label for=\"{id}\">{enc.Encode(Label)}</label></div>");
                break;
            default:
                html.Append($"<label for=\"{id}\">{enc.Encode(Label)}{(Required ? " <span class=\"req\" aria-hidden=\"true\">*</span>" : "")}</label>");
                input = Type switch
                {
                    "textarea" => $"<textarea id=\"{id}\" name=\"{enc.Encode(name)}\" rows=\"4\"{aria}>{enc.Encode(value ?? "")}</textarea>",
                    "select" => Select(id, name, value, aria, enc),
                    "file" => $"<input type=\"file\" id=\"{id}\" name=\"{enc.Encode(name)}\" accept=\".csv,text/csv\"{aria} />",
                    _ => $"<input type=\"{Type}\" id=\"{id}\" name=\"{enc.Encode(name)}\" value=\"{enc.Encode(value ?? "")}\"{aria} />",
                };
                html.Append(input);
                break;
        }

        if (Hint is not null)
        {
            html.Append($"<p class=\"hint\" id=\"{id}-hint\">{enc.Encode(Hint)}</p>");
        }

        if (errors.Count > 0)
        {
            html.Append($"<p class=\"error\" id=\"{id}-error\">{string.Join("<br>", errors.Select(enc.Encode))}</p>");
        }

        output.Content.SetHtmlContent(html.ToString());
    }

    private string Select(string id, string name, string? value, string aria, HtmlEncoder enc)
    {
        var options = string.Concat((Items ?? []).Select(i =>
            $"<option value=\"{enc.Encode(i.Value)}\"{(i.Value == value || (value is null && i.Selected) ? " selected" : "")}>{enc.Encode(i.Text)}</option>"));
        return $"<select id=\"{id}\" name=\"{enc.Encode(name)}\"{aria}>{options}</select>";
    }

    private static string? Format(object? model) => model switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm", CultureInfo.InvariantCulture),
        Guid g when g == Guid.Empty => null,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => model.ToString(),
    };
}
