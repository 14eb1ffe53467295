using System.Globalization;
using System.Text;
using Cohort.Web.Domain;
using Cohort.Web.Features.Learning;
using Cohort.Web.Features.Participants;
using Cohort.Web.Infrastructure.Localization;
using Cohort.UnitTests.Participants;
using Microsoft.Extensions.Localization;

namespace Cohort.UnitTests.Learning;

public sealed class LearningActivityCsvTests
{
    private static readonly Encoding ShiftJis = CodePagesEncodingProvider.Instance.GetEncoding(932)!;

    private static readonly ColumnMap EnglishMap = new("Email", "Course", "Category", "Minutes", "Date", "Completed", "Device");

    private const string EnglishHeader = "Email,Course,Category,Minutes,Date,Completed,Device\n";

    private static byte[] Utf8(string text) => new UTF8Encoding(false).GetBytes(text);

    private static ActivityCsvResult Parse(string text, ColumnMap? map = null) =>
        LearningActivityCsv.Parse(Utf8(text), map ?? EnglishMap, new KeyLocalizer());

    /// <summary>One data row of the English file with one cell replaced.</summary>
    private static ActivityCsvResult ParseCell(string column, string value)
    {
        var cells = new Dictionary<string, string>
        {
            ["Email"] = "taro@example.jp",
            ["Course"] = "Information security basics",
            ["Category"] = "Security",
            ["Minutes"] = "30",
            ["Date"] = "2026-04-01",
            ["Completed"] = "yes",
            ["Device"] = "PC",
        };
        cells[column] = value;
        var line = string.Join(',', new[] { "Email", "Course", "Category", "Minutes", "Date", "Completed", "Device" }.Select(c => Quote(cells[c])));
        return Parse(EnglishHeader + line + "\n");
    }

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static ActivityCsvRow Single(ActivityCsvResult result)
    {
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        return Assert.Single(result.Rows);
    }

    private static (int Row, string Column)[] Cells(ActivityCsvResult result) =>
        result.Errors.Select(e => (e.Row, e.Column)).ToArray();

    [Fact]
    public void Preview_suggests_the_map_for_a_japanese_shift_jis_file()
    {
        var text =
            "ユーザーID(メール),氏名,講座名,カテゴリー,学習時間(分),学習日,修了状況,利用端末\r\n" +
            "taro@example.jp,山田 太郎,情報セキュリティ基礎,セキュリティ,30,2026/4/1,修了,パソコン\r\n" +
            "hanako@example.jp,佐藤 花子,個人情報保護,法令,1:15,2026/4/2,未修了,スマホ\r\n";
        var bytes = ShiftJis.GetBytes(text);
        Assert.False(System.Text.Unicode.Utf8.IsValid(bytes));

        var preview = LearningActivityCsv.Preview(bytes);

        Assert.Equal("shift_jis", preview.EncodingName);
        Assert.Equal(["ユーザーID(メール)", "氏名", "講座名", "カテゴリー", "学習時間(分)", "学習日", "修了状況", "利用端末"], preview.Headings);
        Assert.Equal(new ColumnMap("ユーザーID(メール)", "講座名", "カテゴリー", "学習時間(分)", "学習日", "修了状況", "利用端末"), preview.Suggested);
        Assert.Equal(2, preview.Sample.Count);
        Assert.Equal("個人情報保護", preview.Sample[1][2]);

        var result = LearningActivityCsv.Parse(bytes, preview.Suggested, new KeyLocalizer());
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(
            [
                new ActivityCsvRow(2, "taro@example.jp", "情報セキュリティ基礎", "セキュリティ", 30, new DateOnly(2026, 4, 1), true, LearningDevice.Pc),
                new ActivityCsvRow(3, "hanako@example.jp", "個人情報保護", "法令", 75, new DateOnly(2026, 4, 2), false, LearningDevice.Smartphone),
            ],
            result.Rows);
    }

    [Fact]
    public void Preview_suggests_the_map_for_an_english_file_and_leaves_unmatched_fields_open()
    {
        var text =
            "\uFEFFLearner Name,User Email,Course Title,Time Spent,Last Accessed Date,Completion Status\n" +
            "Taro,taro@example.jp,Security,45,2026-04-01,Completed\n";

        var preview = LearningActivityCsv.Preview(Encoding.UTF8.GetBytes(text));

        Assert.Equal("utf-8", preview.EncodingName);
        Assert.Equal("Learner Name", preview.Headings[0]);
        Assert.Equal(new ColumnMap("User Email", "Course Title", null, "Time Spent", "Last Accessed Date", "Completion Status", null), preview.Suggested);
    }

    [Fact]
    public void Preview_of_a_file_without_known_headings_suggests_nothing()
    {
        var preview = LearningActivityCsv.Preview(Utf8("a,b,c\n1,2,3\n"));

        Assert.Equal(new ColumnMap("", "", null, "", "", null, null), preview.Suggested);
        Assert.Equal(["a", "b", "c"], preview.Headings);
    }

    [Fact]
    public void Preview_skips_blank_rows_keeps_at_most_five_samples_and_pads_short_rows()
    {
        var text = "\n,,\nEmail,Course,Minutes\n" + string.Concat(Enumerable.Range(1, 8).Select(i => $"u{i}@example.jp,C{i}\n,,\n"));

        var preview = LearningActivityCsv.Preview(Utf8(text));

        Assert.Equal(["Email", "Course", "Minutes"], preview.Headings);
        Assert.Equal(5, preview.Sample.Count);
        Assert.Equal(["u1@example.jp", "C1", ""], preview.Sample[0]);
    }

    [Fact]
    public void Preview_of_an_empty_file()
    {
        var preview = LearningActivityCsv.Preview([]);

        Assert.Empty(preview.Headings);
        Assert.Empty(preview.Sample);
        Assert.Equal(new ColumnMap("", "", null, "", "", null, null), preview.Suggested);
    }

    [Fact]
    public void Parses_with_a_custom_mapping_of_unusual_headings()
    {
        var map = new ColumnMap("受講者ログイン", "研修コンテンツ（正式名）", null, "消化時間", "記録日", "結果", null);
        var text =
            "記録日,受講者ログイン,研修コンテンツ（正式名）,消化時間,結果,メモ\n" +
            "2026年4月1日,Taro@Example.JP ,公務員倫理,1時間30分,合格,x\n";

        var row = Single(Parse(text, map));

        Assert.Equal(new ActivityCsvRow(2, "taro@example.jp", "公務員倫理", null, 90, new DateOnly(2026, 4, 1), true, LearningDevice.Unknown), row);
    }

    [Fact]
    public void Mapped_headings_match_ignoring_width_case_and_surrounding_spaces()
    {
        var map = new ColumnMap("ＥＭＡＩＬ", "course", null, "Minutes ", "date", null, null);

        var row = Single(Parse(" Email ,Course,Minutes,Date\ntaro@example.jp,A,5,2026-04-01\n", map));

        Assert.Equal(5, row.Minutes);
    }

    [Theory]
    [InlineData("45", 45)]
    [InlineData("0", 0)]
    [InlineData("1440", 1440)]
    [InlineData("45.5", 46)]
    [InlineData("45.4", 45)]
    [InlineData("44.5", 45)]
    [InlineData("45分", 45)]
    [InlineData("45 min", 45)]
    [InlineData("45mins", 45)]
    [InlineData("45 Minutes", 45)]
    [InlineData("４５分", 45)]
    [InlineData("1:30", 90)]
    [InlineData("0:45:30", 46)]
    [InlineData("0:45:29", 45)]
    [InlineData("24:00", 1440)]
    [InlineData("1時間30分", 90)]
    [InlineData("2時間", 120)]
    [InlineData("１時間５分", 65)]
    [InlineData("30分15秒", 30)]
    [InlineData("", 0)]
    public void Reads_minutes(string cell, int expected)
    {
        Assert.Equal(expected, Single(ParseCell("Minutes", cell)).Minutes);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("1441")]
    [InlineData("1440.5")]
    [InlineData("24:01")]
    [InlineData("25時間")]
    public void Minutes_out_of_range(string cell)
    {
        var result = ParseCell("Minutes", cell);

        var error = Assert.Single(result.Errors);
        Assert.Equal((2, "Minutes"), (error.Row, error.Column));
        Assert.Equal("Minutes must be between 0 and 1440.", error.Message);
        Assert.Empty(result.Rows);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1:3")]
    [InlineData("1:75")]
    [InlineData("45 hours")]
    [InlineData("1,5")]
    [InlineData("時間")]
    public void Unreadable_minutes(string cell)
    {
        var error = Assert.Single(ParseCell("Minutes", cell).Errors);

        Assert.Equal($"Write the minutes as a number (45) or a duration (1:30): {cell}", error.Message);
    }

    [Theory]
    [InlineData("2026-04-01")]
    [InlineData("2026/4/1")]
    [InlineData("2026/04/01")]
    [InlineData("2026.4.1")]
    [InlineData("2026年4月1日")]
    [InlineData("２０２６年４月１日")]
    [InlineData("2026-04-01 09:05")]
    [InlineData("2026-04-01 09:05:30")]
    [InlineData("2026/4/1 9:05")]
    [InlineData("2026年4月1日 9:05")]
    [InlineData("2026-04-01T09:05:30")]
    [InlineData("2026-04-01T09:05:30Z")]
    [InlineData("2026-04-01T23:30:00+09:00")]
    [InlineData("2026-04-01T23:30:00.123-05:00")]
    public void Reads_dates_as_written(string cell)
    {
        Assert.Equal(new DateOnly(2026, 4, 1), Single(ParseCell("Date", cell)).Date);
    }

    [Theory]
    [InlineData("")]
    [InlineData("04/01/2026")]
    [InlineData("2026-02-30")]
    [InlineData("2026-13-01")]
    [InlineData("2026/4-1")]
    [InlineData("April 1, 2026")]
    [InlineData("2026-04-01 noon")]
    public void Unreadable_dates(string cell)
    {
        var error = Assert.Single(ParseCell("Date", cell).Errors);

        Assert.Equal((2, "Date"), (error.Row, error.Column));
        Assert.Equal($"Write the date as 2026-04-01 or 2026/4/1: {cell}", error.Message);
    }

    [Fact]
    public void Dates_do_not_depend_on_the_current_culture()
    {
        using var _ = UiCulture.Japanese();
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("ja-JP") { DateTimeFormat = { Calendar = new JapaneseCalendar() } };

            Assert.Equal(new DateOnly(2026, 4, 1), Single(ParseCell("Date", "2026/4/1")).Date);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("Yes", true)]
    [InlineData("y", true)]
    [InlineData("TRUE", true)]
    [InlineData("Completed", true)]
    [InlineData("complete", true)]
    [InlineData("done", true)]
    [InlineData("Passed", true)]
    [InlineData("finished", true)]
    [InlineData("100%", true)]
    [InlineData("１００％", true)]
    [InlineData("修了", true)]
    [InlineData("完了", true)]
    [InlineData("済", true)]
    [InlineData("受講済", true)]
    [InlineData("受講済み", true)]
    [InlineData("合格", true)]
    [InlineData("〇", true)]
    [InlineData("○", true)]
    [InlineData("", false)]
    [InlineData("0", false)]
    [InlineData("No", false)]
    [InlineData("n", false)]
    [InlineData("false", false)]
    [InlineData("In Progress", false)]
    [InlineData("not started", false)]
    [InlineData("Incomplete", false)]
    [InlineData("未修了", false)]
    [InlineData("未完了", false)]
    [InlineData("未", false)]
    [InlineData("受講中", false)]
    [InlineData("未受講", false)]
    [InlineData("×", false)]
    [InlineData("0%", false)]
    [InlineData("99.5%", false)]
    [InlineData("50 %", false)]
    public void Reads_completion(string cell, bool expected)
    {
        Assert.Equal(expected, Single(ParseCell("Completed", cell)).Completed);
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("2")]
    [InlineData("済んだかも")]
    public void Unreadable_completion(string cell)
    {
        var error = Assert.Single(ParseCell("Completed", cell).Errors);

        Assert.Equal((2, "Completed"), (error.Row, error.Column));
        Assert.Equal($"Write completion as yes/no (or 修了/未修了): {cell}", error.Message);
    }

    [Fact]
    public void Completion_not_mapped_is_false()
    {
        var row = Single(Parse(EnglishHeader + "taro@example.jp,A,,5,2026-04-01,yes,\n", EnglishMap with { Completion = null }));

        Assert.False(row.Completed);
    }

    [Theory]
    [InlineData("PC", LearningDevice.Pc)]
    [InlineData("Desktop", LearningDevice.Pc)]
    [InlineData("Windows 11", LearningDevice.Pc)]
    [InlineData("Mac", LearningDevice.Pc)]
    [InlineData("パソコン", LearningDevice.Pc)]
    [InlineData("PC(Windows)", LearningDevice.Pc)]
    [InlineData("ＰＣ", LearningDevice.Pc)]
    [InlineData("smartphone", LearningDevice.Smartphone)]
    [InlineData("Mobile", LearningDevice.Smartphone)]
    [InlineData("iPhone", LearningDevice.Smartphone)]
    [InlineData("Android", LearningDevice.Smartphone)]
    [InlineData("スマートフォン", LearningDevice.Smartphone)]
    [InlineData("スマホ", LearningDevice.Smartphone)]
    [InlineData("ｽﾏﾎ", LearningDevice.Smartphone)]
    [InlineData("携帯電話", LearningDevice.Smartphone)]
    [InlineData("Tablet", LearningDevice.Tablet)]
    [InlineData("iPad", LearningDevice.Tablet)]
    [InlineData("Android Tablet", LearningDevice.Tablet)]
    [InlineData("Mobile (tablet)", LearningDevice.Tablet)]
    [InlineData("タブレット", LearningDevice.Tablet)]
    [InlineData("", LearningDevice.Unknown)]
    [InlineData("Smart TV", LearningDevice.Unknown)]
    [InlineData("不明", LearningDevice.Unknown)]
    public void Reads_device(string cell, LearningDevice expected)
    {
        Assert.Equal(expected, Single(ParseCell("Device", cell)).Device);
    }

    [Theory]
    [InlineData(" Taro.Yamada@City.Example.lg.jp ", "taro.yamada@city.example.lg.jp")]
    [InlineData("\u3000hanako@example.jp\u3000", "hanako@example.jp")]
    public void Reads_email_trimmed_and_lower_cased(string cell, string expected)
    {
        Assert.Equal(expected, Single(ParseCell("Email", cell)).Email);
    }

    [Theory]
    [InlineData("taro")]
    [InlineData("taro@localhost")]
    [InlineData("Taro <taro@example.jp>")]
    [InlineData("taro＠example.jp")]
    [InlineData("taro@example.jp;hanako@example.jp")]
    public void Rejects_what_is_not_an_email_address(string cell)
    {
        var error = Assert.Single(ParseCell("Email", cell).Errors);

        Assert.Equal((2, "Email"), (error.Row, error.Column));
        Assert.Equal($"This is not an e-mail address: {cell}", error.Message);
    }

    [Fact]
    public void Course_is_required_and_limited_category_is_optional_and_limited()
    {
        Assert.Equal("Enter the course title.", Assert.Single(ParseCell("Course", " ").Errors).Message);
        Assert.Equal(
            "This entry is too long (201 characters). Use at most 200 characters.",
            Assert.Single(ParseCell("Course", new string('講', 201)).Errors).Message);
        Assert.Equal(200, Single(ParseCell("Course", new string('講', 200))).Course.Length);

        Assert.Null(Single(ParseCell("Category", "")).Category);
        Assert.Equal(100, Single(ParseCell("Category", new string('分', 100))).Category!.Length);
        var error = Assert.Single(ParseCell("Category", new string('分', 101)).Errors);
        Assert.Equal((2, "Category"), (error.Row, error.Column));
    }

    [Fact]
    public void Reports_every_bad_cell_and_still_returns_the_good_rows()
    {
        var text =
            "Email,Course,Category,Minutes,Date,Completed,Device\n" +
            "taro@example.jp,A,,30,2026-04-01,yes,PC\n" + // 2: fine
            "bad,A,,30,2026-04-01,yes,PC\n" + // 3
            "hanako@example.jp,,,abc,2026-04-31,maybe,PC\n" + // 4: four errors
            "\"ichiro@example.jp\",B,,1:00,2026/4/2,no,iPad\n"; // 5: fine

        var result = Parse(text);

        Assert.False(result.IsValid);
        Assert.Equal([(3, "Email"), (4, "Course"), (4, "Minutes"), (4, "Date"), (4, "Completed")], Cells(result));
        Assert.Equal([2, 5], result.Rows.Select(r => r.Row));
        Assert.Equal(LearningDevice.Tablet, result.Rows[1].Device);
    }

    [Fact]
    public void A_mapped_column_that_is_not_in_the_file_is_reported_on_row_1()
    {
        var result = Parse(EnglishHeader + "taro@example.jp,A,,30,2026-04-01,yes,PC\n", EnglishMap with { Minutes = "学習時間", Device = "端末" });

        Assert.Equal(
            [
                new CsvCellError(1, "学習時間", "The column \"学習時間\" chosen for Minutes spent is not in the file."),
                new CsvCellError(1, "端末", "The column \"端末\" chosen for Device is not in the file."),
            ],
            result.Errors);
        Assert.Empty(result.Rows);
    }

    [Fact]
    public void A_required_field_without_a_column_is_reported()
    {
        var result = Parse(EnglishHeader + "taro@example.jp,A,,30,2026-04-01,yes,PC\n", EnglishMap with { Date = "" });

        var error = Assert.Single(result.Errors);
        Assert.Equal("Choose the column for Learning date.", error.Message);
        Assert.Empty(result.Rows);
    }

    [Fact]
    public void An_empty_file_is_reported()
    {
        var result = LearningActivityCsv.Parse(Utf8("\n , \n"), EnglishMap, new KeyLocalizer());

        Assert.Equal([new CsvCellError(1, "", "The file is empty.")], result.Errors);
    }

    [Fact]
    public void Blank_rows_are_skipped_and_row_numbers_stay_as_excel_shows_them()
    {
        var text =
            "\r\n" + // 1
            "Email,Course,Minutes,Date\r\n" + // 2
            "taro@example.jp,A,10,2026-04-01\r\n" + // 3
            ",,,\r\n" + // 4
            " , \u3000 ,,\r\n" + // 5
            "\r\n" + // 6
            "hanako@example.jp,B,20,2026-04-02\r\n"; // 7

        var result = Parse(text, new ColumnMap("Email", "Course", null, "Minutes", "Date", null, null));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal([3, 7], result.Rows.Select(r => r.Row));
    }

    [Fact]
    public void Reads_quoted_cells_with_commas_quotes_and_line_breaks()
    {
        var text =
            EnglishHeader +
            "taro@example.jp,\"Security, part 1\",\"Basics\",30,2026-04-01,yes,PC\n" + // 2
            "taro@example.jp,\"Say \"\"hello\"\"\nand goodbye\",,30,2026-04-01,yes,PC\n" + // 3 (two lines in the file)
            "bad,A,,30,2026-04-01,yes,PC\n"; // 4

        var result = Parse(text);

        Assert.Equal("Security, part 1", result.Rows[0].Course);
        Assert.Equal("Say \"hello\"\nand goodbye", result.Rows[1].Course);
        Assert.Equal(3, result.Rows[1].Row);
        Assert.Equal([(4, "Email")], Cells(result));
    }

    [Fact]
    public void An_unterminated_quote_is_reported_on_the_row_where_it_starts()
    {
        var text =
            EnglishHeader +
            "taro@example.jp,A,,30,2026-04-01,yes,PC\n" +
            "taro@example.jp,\"B,,30,2026-04-01,yes,PC\n" +
            "hanako@example.jp,C,,30,2026-04-01,yes,PC\n";

        var result = Parse(text);

        var error = Assert.Single(result.Errors);
        Assert.Equal((3, ""), (error.Row, error.Column));
        Assert.Equal("A quotation mark (\") that starts on this row is never closed, so the file could not be read from this row on.", error.Message);
        Assert.Equal([2], result.Rows.Select(r => r.Row));
    }

    [Fact]
    public void More_than_the_maximum_number_of_rows_is_one_error()
    {
        var text = new StringBuilder("Email,Course,Minutes,Date\n");
        for (var i = 0; i <= LearningActivityCsv.MaxRows; i++)
        {
            text.Append("taro@example.jp,A,1,2026-04-01\n");
        }

        var result = Parse(text.ToString(), new ColumnMap("Email", "Course", null, "Minutes", "Date", null, null));

        var error = Assert.Single(result.Errors);
        Assert.Equal((LearningActivityCsv.MaxRows + 2, ""), (error.Row, error.Column));
        Assert.Equal("The file has more than 50000 rows. Split it into smaller files.", error.Message);
    }

    [Fact]
    public void Reads_utf16_and_utf8_with_bom()
    {
        var text = EnglishHeader + "taro@example.jp,学習,,30,2026-04-01,yes,PC\n";

        var utf16 = LearningActivityCsv.Parse([.. Encoding.Unicode.Preamble, .. Encoding.Unicode.GetBytes(text)], EnglishMap, new KeyLocalizer());
        var utf8 = LearningActivityCsv.Parse([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text)], EnglishMap, new KeyLocalizer());

        Assert.Equal("utf-16", utf16.EncodingName);
        Assert.Equal("utf-8", utf8.EncodingName);
        Assert.Equal("学習", Single(utf16).Course);
        Assert.Equal("学習", Single(utf8).Course);
    }

    [Fact]
    public void Messages_are_translated_into_japanese()
    {
        using var _ = UiCulture.Japanese();

        var result = LearningActivityCsv.Parse(Utf8(EnglishHeader + "bad,,,abc,x,maybe,\n"), EnglishMap with { Device = "端末" }, JsonStringLocalizer.Create());
        Assert.Equal("端末用に選んだ列「端末」がファイルにありません。", Assert.Single(result.Errors).Message);

        result = LearningActivityCsv.Parse(Utf8(EnglishHeader + "bad,,,abc,x,maybe,\n"), EnglishMap, JsonStringLocalizer.Create());
        Assert.Equal(5, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.DoesNotContain("Write", e.Message, StringComparison.Ordinal));
        Assert.Equal("コース名を入力してください。", result.Errors[1].Message);
    }

    [Fact]
    public void Row_hash_is_stable_hex_and_depends_on_content_and_occurrence()
    {
        var programId = Guid.Parse("6a1f0c55-2b7e-4a57-9d0e-1f1b7a9c3e21");
        var row = new ActivityCsvRow(2, "taro@example.jp", "Security", "IT", 30, new DateOnly(2026, 4, 1), true, LearningDevice.Pc);

        var hash = LearningActivityCsv.RowHash(programId, row, 1);

        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.Equal(hash, LearningActivityCsv.RowHash(programId, row with { Row = 99 }, 1));
        Assert.NotEqual(hash, LearningActivityCsv.RowHash(programId, row, 2));
        Assert.NotEqual(hash, LearningActivityCsv.RowHash(Guid.NewGuid(), row, 1));
        Assert.NotEqual(hash, LearningActivityCsv.RowHash(programId, row with { Minutes = 31 }, 1));
        // Optional columns are not part of the identity: a later export (completed now) is the same activity.
        Assert.Equal(hash, LearningActivityCsv.RowHash(programId, row with { Completed = false }, 1));
        Assert.Equal(hash, LearningActivityCsv.RowHash(programId, row with { Device = LearningDevice.Tablet }, 1));
        Assert.Equal(hash, LearningActivityCsv.RowHash(programId, row with { Category = null }, 1));
        Assert.NotEqual(hash, LearningActivityCsv.RowHash(programId, row with { Date = new DateOnly(2026, 4, 2) }, 1));
        // The separator keeps fields from running together.
        Assert.NotEqual(
            LearningActivityCsv.RowHash(programId, row with { Course = "Securi", Category = "tyIT" }, 1),
            hash);
    }

    [Fact]
    public void Row_hash_is_the_same_in_any_culture()
    {
        var row = new ActivityCsvRow(2, "taro@example.jp", "Security", null, 1000, new DateOnly(2026, 4, 1), false, LearningDevice.Unknown);
        var programId = Guid.Empty;
        var invariant = LearningActivityCsv.RowHash(programId, row, 1);

        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("ja-JP") { DateTimeFormat = { Calendar = new JapaneseCalendar() } };
            Assert.Equal(invariant, LearningActivityCsv.RowHash(programId, row, 1));
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal(invariant, LearningActivityCsv.RowHash(programId, row, 1));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    /// <summary>Returns the English key, formatted with its arguments: the messages as an English user sees them.</summary>
    private sealed class KeyLocalizer : IStringLocalizer
    {
        public LocalizedString this[string name] => new(name, name, resourceNotFound: true);

        public LocalizedString this[string name, params object[] arguments] =>
            new(name, string.Format(CultureInfo.InvariantCulture, name, arguments), resourceNotFound: true);

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }
}
