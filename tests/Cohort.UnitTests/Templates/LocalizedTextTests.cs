using System.Globalization;
using Cohort.Web.Domain.Templates;

namespace Cohort.UnitTests.Templates;

public class LocalizedTextTests
{
    [Theory]
    [InlineData("ja", "研修")]
    [InlineData("ja-JP", "研修")]
    [InlineData("en", "Training")]
    [InlineData("en-GB", "Training")]
    [InlineData("fr-FR", "Training")]
    [InlineData("", "Training")]
    public void Japanese_cultures_get_Japanese_and_every_other_culture_English(string culture, string expected)
    {
        var text = new LocalizedText("研修", "Training");

        Assert.Equal(expected, text.For(CultureInfo.GetCultureInfo(culture)));
    }
}
