using Cohort.Web.Infrastructure.Files;

namespace Cohort.UnitTests.Files;

public sealed class SafeNameTests
{
    [Theory]
    [InlineData("../../etc/passwd.png", "passwd.png")]
    [InlineData("..\\..\\win.ini", "win.ini")]
    [InlineData("C:\\x\\a.png", "a.png")]
    [InlineData("/var/www/index.html", "index.html")]
    [InlineData("..", "file")]
    [InlineData("", "file")]
    [InlineData("   ", "file")]
    [InlineData(".htaccess", "htaccess")]
    [InlineData("...hidden.txt", "hidden.txt")]
    [InlineData("a<b>c:d\"e|f?g*.txt", "a_b_c_d_e_f_g_.txt")]
    [InlineData("report\u0000\u001f\n.pdf", "report.pdf")]
    [InlineData("invoice\u202Egnp.exe", "invoicegnp.exe")]
    [InlineData("CON.txt", "_CON.txt")]
    [InlineData("lpt1", "_lpt1")]
    [InlineData("console.txt", "console.txt")]
    [InlineData("name. . .", "name")]
    [InlineData("第2回 振り返り（チームA）.pptx", "第2回 振り返り（チームA）.pptx")]
    public void Names_are_made_safe(string input, string expected)
    {
        Assert.Equal(expected, FileInspector.SafeName(input));
    }

    [Fact]
    public void Decomposed_Japanese_from_macOS_is_composed()
    {
        Assert.Equal("デジタル.pdf", FileInspector.SafeName("テ\u3099シ\u3099タル.pdf"));
    }

    [Fact]
    public void Long_names_are_trimmed_to_120_characters_keeping_the_extension()
    {
        var name = FileInspector.SafeName(new string('あ', 300) + ".xlsx");

        Assert.Equal(120, name.Length);
        Assert.EndsWith("あ.xlsx", name, StringComparison.Ordinal);
    }

    [Fact]
    public void Trimming_never_splits_a_surrogate_pair()
    {
        var name = FileInspector.SafeName("a" + string.Concat(Enumerable.Repeat("𠮷", 100)) + ".txt");

        Assert.True(name.Length <= 120);
        Assert.EndsWith(".txt", name, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(name[^5]));
    }

    [Fact]
    public void A_traversal_name_is_sanitised_in_the_inspection_result()
    {
        var check = FileInspectorTests.Inspect("../../etc/passwd.png", SampleFiles.Png());

        Assert.True(check.Ok, check.Problem);
        Assert.Equal("passwd.png", check.SafeName);
    }
}
