using System.Text;
using Cohort.Web.Features.Participants;
using Cohort.Web.Infrastructure.Localization;

namespace Cohort.UnitTests.Participants;

public sealed class ParticipantCsvTests
{
    private const string GoodFile =
        "氏名,メールアドレス,部署,チーム\r\n" +
        "山田 太郎,Taro.Yamada@City.Example.lg.jp,総務課,チームA\r\n" +
        "佐藤 花子,hanako.sato@city.example.lg.jp,,\r\n";

    private static readonly Encoding ShiftJis = CodePagesEncodingProvider.Instance.GetEncoding(932)!;

    private static ParticipantCsvResult Parse(byte[] bytes) =>
        ParticipantCsv.Parse(new MemoryStream(bytes), JsonStringLocalizer.Create());

    private static ParticipantCsvResult Parse(string text) => Parse(Encoding.UTF8.GetBytes(text));

    private static void AssertGoodFile(ParticipantCsvResult result)
    {
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(
            [
                new ParticipantCsvRow(2, "山田 太郎", "taro.yamada@city.example.lg.jp", "総務課", "チームA"),
                new ParticipantCsvRow(3, "佐藤 花子", "hanako.sato@city.example.lg.jp", null, null),
            ],
            result.Rows);
    }

    private static (int Row, string Column)[] Cells(ParticipantCsvResult result) =>
        result.Errors.Select(e => (e.Row, e.Column)).ToArray();

    [Fact]
    public void Reads_utf8_with_bom()
    {
        var result = Parse([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(GoodFile)]);

        AssertGoodFile(result);
        Assert.Equal("utf-8", result.EncodingName);
    }

    [Fact]
    public void Reads_utf8_without_bom()
    {
        var result = Parse(new UTF8Encoding(false).GetBytes(GoodFile));

        AssertGoodFile(result);
        Assert.Equal("utf-8", result.EncodingName);
    }

    [Fact]
    public void Reads_shift_jis_as_saved_by_japanese_excel()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding(932).GetBytes(GoodFile);
        Assert.False(System.Text.Unicode.Utf8.IsValid(bytes));

        var result = Parse(bytes);

        AssertGoodFile(result);
        Assert.Equal("shift_jis", result.EncodingName);
    }

    [Fact]
    public void Reads_utf16_with_bom()
    {
        var result = Parse([.. Encoding.Unicode.Preamble, .. Encoding.Unicode.GetBytes(GoodFile)]);

        AssertGoodFile(result);
        Assert.Equal("utf-16", result.EncodingName);
    }

    [Theory]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x41 }, "utf-8")]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x41, 0x00 }, "utf-16")]
    [InlineData(new byte[] { 0xFE, 0xFF, 0x00, 0x41 }, "utf-16BE")]
    [InlineData(new byte[] { 0x41, 0x42 }, "utf-8")]
    [InlineData(new byte[] { 0xE5, 0xB1, 0xB1 }, "utf-8")] // 山 in UTF-8
    [InlineData(new byte[] { 0x8E, 0x52 }, "shift_jis")] // 山 in Shift_JIS
    [InlineData(new byte[0], "utf-8")]
    public void Detects_encoding(byte[] bytes, string expected)
    {
        Assert.Equal(expected, Cohort.Web.Infrastructure.Csv.CsvText.DetectEncoding(bytes).WebName);
    }

    [Fact]
    public void Matches_english_headings_in_any_case_and_ignores_unknown_columns()
    {
        var result = Parse(
            " NAME ,Notes,E-Mail,department,TEAM\n" +
            "Taro Yamada,first year,taro@example.jp,General Affairs,Blue\n");

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal([new ParticipantCsvRow(2, "Taro Yamada", "taro@example.jp", "General Affairs", "Blue")], result.Rows);
    }

    [Theory]
    [InlineData("名前,メール,所属,チーム名")]
    [InlineData("\u3000氏名\u3000,\u3000メールアドレス,部署\u3000,チーム")]
    [InlineData("Name,Ｅ－ｍａｉｌ,所属,ﾁｰﾑ")] // full-width letters and half-width katakana
    public void Matches_japanese_headings(string header)
    {
        var result = Parse(header + "\n\u3000山田\u3000太郎\u3000, taro@example.jp ,\u3000企画課,\u3000\n");

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal([new ParticipantCsvRow(2, "山田\u3000太郎", "taro@example.jp", "企画課", null)], result.Rows);
    }

    [Fact]
    public void Reports_each_bad_cell_with_its_row_and_heading()
    {
        var longText = new string('あ', 101);
        var result = Parse(
            "氏名,メールアドレス,部署,チーム\n" +
            "山田 太郎,taro@example.jp,総務課,A\n" + // 2: fine
            ",empty-name@example.jp,,\n" + // 3
            $"{longText},long-name@example.jp,,\n" + // 4
            "鈴木 一郎,,,\n" + // 5
            "田中 次郎,not-an-address,,\n" + // 6
            "高橋 三郎,Saburo <saburo@example.jp>,,\n" + // 7
            "伊藤 四郎,shiro＠example.jp,,\n" + // 8
            "渡辺 五郎,goro@localhost,,\n" + // 9
            $"小林 六郎,{new string('a', 250)}@example.jp,,\n" + // 10
            $"加藤 七郎,shichiro@example.jp,{longText},{longText}\n" + // 11
            "吉田 八郎,hachiro@example.jp,,\n"); // 12: fine

        Assert.Equal(
            [
                (3, "氏名"),
                (4, "氏名"),
                (5, "メールアドレス"),
                (6, "メールアドレス"),
                (7, "メールアドレス"),
                (8, "メールアドレス"),
                (9, "メールアドレス"),
                (10, "メールアドレス"),
                (11, "部署"),
                (11, "チーム"),
            ],
            Cells(result));
        Assert.Equal([2, 12], result.Rows.Select(r => r.Row));
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Reports_a_repeated_email_on_the_later_row_naming_the_earlier_row()
    {
        using var culture = UiCulture.Japanese();

        var result = Parse(
            "氏名,メールアドレス\n" +
            "山田 太郎,taro@example.jp\n" +
            "佐藤 花子,hanako@example.jp\n" +
            "山田 太郎（再）,TARO@example.jp\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal(new CsvCellError(4, "メールアドレス", "このメールアドレスは2行目と重複しています: TARO@example.jp"), error);
        Assert.Equal([2, 3], result.Rows.Select(r => r.Row));
    }

    [Fact]
    public void Reports_missing_required_columns_on_row_1()
    {
        var noEmail = Parse("氏名,部署\n山田 太郎,総務課\n");
        var neither = Parse("部署,チーム\n総務課,A\n");
        var noHeader = Parse("山田 太郎,taro@example.jp\n");

        Assert.Equal([(1, ParticipantCsv.EmailColumn)], Cells(noEmail));
        Assert.Equal([(1, ParticipantCsv.NameColumn), (1, ParticipantCsv.EmailColumn)], Cells(neither));
        Assert.Equal([(1, ParticipantCsv.NameColumn), (1, ParticipantCsv.EmailColumn)], Cells(noHeader));
        Assert.Empty(noEmail.Rows);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n")]
    [InlineData(",,,\n")]
    public void Reports_an_empty_file(string text)
    {
        var result = Parse(text);

        Assert.Equal([(1, "")], Cells(result));
        Assert.Empty(result.Rows);
    }

    [Fact]
    public void Reports_two_columns_with_the_same_meaning()
    {
        var result = Parse("氏名,名前,メールアドレス\n山田 太郎,山田,taro@example.jp\n");

        Assert.Equal([(1, "名前")], Cells(result));
    }

    [Fact]
    public void Reads_quoted_fields_with_commas_quotes_and_line_breaks_and_counts_rows_as_excel_does()
    {
        // Excel shows a cell with line breaks as one row, so the record after it is row 3, not line 5.
        var result = Parse(
            "氏名,備考,メールアドレス,部署\r\n" +
            "\"Yamada, Taro\",\"first line\r\nsecond \"\"quoted\"\" line\r\nthird, line\",taro@example.jp,\"総務課\"\r\n" +
            "佐藤 花子,,not-an-address,\r\n" +
            "\"鈴木\n一郎\",\"\",ichiro@example.jp,\"企画\n課\"\n" +
            ",,,\n" +
            "\n" +
            "田中 次郎,,jiro@example.jp,\n");

        Assert.Equal([(3, "メールアドレス")], Cells(result));
        Assert.Equal(
            [
                new ParticipantCsvRow(2, "Yamada, Taro", "taro@example.jp", "総務課", null),
                new ParticipantCsvRow(4, "鈴木\n一郎", "ichiro@example.jp", "企画\n課", null),
                new ParticipantCsvRow(7, "田中 次郎", "jiro@example.jp", null, null),
            ],
            result.Rows);
    }

    [Fact]
    public void Reports_a_quote_that_is_never_closed_on_the_row_where_it_starts()
    {
        var result = Parse(
            "氏名,メールアドレス,部署\n" +
            "山田 太郎,taro@example.jp,総務課\n" +
            "佐藤 花子,hanako@example.jp,\"企画課\n" +
            "鈴木 一郎,ichiro@example.jp,総務課\n");

        Assert.Equal([(3, "")], Cells(result));
        Assert.Equal([2], result.Rows.Select(r => r.Row));
    }

    [Fact]
    public void Reports_one_error_when_the_file_has_too_many_rows()
    {
        var text = new StringBuilder("name,email\n");
        for (var i = 1; i <= ParticipantCsv.MaxRows + 2; i++)
        {
            text.Append('P').Append(i).Append(",p").Append(i).Append("@example.jp\n");
        }

        using var culture = UiCulture.English();
        var result = Parse(text.ToString());

        var error = Assert.Single(result.Errors);
        Assert.Equal(ParticipantCsv.MaxRows + 2, error.Row);
        Assert.Equal(
            "The file has 5002 participant rows, but at most 5000 can be imported at once. Split the file and import each part separately.",
            error.Message);
    }

    [Fact]
    public void Explains_problems_in_japanese_and_english()
    {
        const string text = "氏名,メールアドレス\n山田 太郎,taro.example.jp\n";

        ParticipantCsvResult japanese;
        using (UiCulture.Japanese())
        {
            japanese = Parse(text);
        }

        ParticipantCsvResult english;
        using (UiCulture.English())
        {
            english = Parse(text);
        }

        Assert.Equal("メールアドレスの形式が正しくありません: taro.example.jp", Assert.Single(japanese.Errors).Message);
        Assert.Equal("The email address is not in a valid format: taro.example.jp", Assert.Single(english.Errors).Message);
    }

    public static TheoryData<string> FilesWithEveryKindOfProblem => new()
    {
        "",
        "氏名,名前\n",
        "部署\n",
        "氏名,メールアドレス,部署\n" +
            ",a@example.jp," + new string('x', 101) + "\n" +
            "B,,\n" +
            "C,c＠example.jp,\n" +
            "D,d@,\n" +
            "E,a@example.jp,\n" +
            "F,\"f@example.jp\n",
        "name,email\n" + string.Concat(Enumerable.Range(0, ParticipantCsv.MaxRows + 1).Select(i => $"P,p{i}@example.jp\n")),
    };

    [Theory]
    [MemberData(nameof(FilesWithEveryKindOfProblem))]
    public void Translates_every_message_into_japanese(string text)
    {
        IReadOnlyList<CsvCellError> japanese;
        using (UiCulture.Japanese())
        {
            japanese = Parse(text).Errors;
        }

        IReadOnlyList<CsvCellError> english;
        using (UiCulture.English())
        {
            english = Parse(text).Errors;
        }

        Assert.NotEmpty(english);
        Assert.Equal(english.Count, japanese.Count);
        foreach (var (en, ja) in english.Zip(japanese))
        {
            Assert.NotEqual(en.Message, ja.Message);
            Assert.Contains(ja.Message, c => c is >= '\u3040' and <= '\u30FF');
        }
    }
}
