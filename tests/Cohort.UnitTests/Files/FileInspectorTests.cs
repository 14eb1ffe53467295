using System.Globalization;
using System.Text;
using Cohort.Web.Infrastructure.Files;
using Cohort.Web.Infrastructure.Localization;

namespace Cohort.UnitTests.Files;

public sealed class FileInspectorTests
{
    private static readonly FileLimits Limits = FileLimits.Default;

    public static TheoryData<string, byte[], FileKind, string> AcceptedFiles => new()
    {
        { "screen.png", SampleFiles.Png(), FileKind.Png, "image/png" },
        { "photo.JPG", SampleFiles.Jpeg(), FileKind.Jpeg, "image/jpeg" },
        { "photo.jpeg", SampleFiles.Jpeg(), FileKind.Jpeg, "image/jpeg" },
        { "anim.gif", SampleFiles.Gif(), FileKind.Gif, "image/gif" },
        { "shot.webp", SampleFiles.WebP(), FileKind.WebP, "image/webp" },
        { "報告書.pdf", SampleFiles.Pdf(), FileKind.Pdf, "application/pdf" },
        { "plan.docx", SampleFiles.Docx(), FileKind.Docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
        { "budget.xlsx", SampleFiles.Xlsx(), FileKind.Xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
        { "pitch.pptx", SampleFiles.Pptx(), FileKind.Pptx, "application/vnd.openxmlformats-officedocument.presentationml.presentation" },
        { "members.csv", Encoding.UTF8.GetBytes("氏名,メール\r\n山田 花子,hanako@example.jp\r\n"), FileKind.Csv, "text/csv; charset=utf-8" },
        { "members-sjis.csv", ShiftJis("氏名,メール\r\n山田 花子,hanako@example.jp\r\n"), FileKind.Csv, "text/csv; charset=shift_jis" },
        { "notes.txt", Encoding.UTF8.GetBytes("振り返り\n\tよかった点\n"), FileKind.Text, "text/plain; charset=utf-8" },
    };

    [Theory]
    [MemberData(nameof(AcceptedFiles))]
    public void Each_kind_is_accepted_by_its_content(string name, byte[] content, FileKind kind, string contentType)
    {
        var check = Inspect(name, content);

        Assert.True(check.Ok, check.Problem);
        Assert.Equal(kind, check.Kind);
        Assert.Equal(contentType, check.ContentType);
        Assert.Equal(name, check.SafeName);
        Assert.Null(check.Problem);
    }

    [Fact]
    public void A_seekable_stream_is_left_at_the_start_so_it_can_be_saved()
    {
        using var stream = new MemoryStream(SampleFiles.Docx());
        stream.Position = 10;

        var check = FileInspector.Inspect("plan.docx", stream, Limits);

        Assert.True(check.Ok, check.Problem);
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public void A_non_seekable_upload_is_inspected_too()
    {
        using var stream = new ForwardOnlyStream(SampleFiles.Xlsx());

        var check = FileInspector.Inspect("budget.xlsx", stream, Limits);

        Assert.True(check.Ok, check.Problem);
        Assert.Equal(FileKind.Xlsx, check.Kind);
    }

    [Fact]
    public void An_exe_renamed_png_is_refused_as_a_program()
    {
        byte[] exe = [.. "MZ"u8, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, .. new byte[64]];

        var check = Inspect("screenshot.png", exe);

        AssertRefused(check, FileProblems.Executable);
        Assert.Equal("application/octet-stream", check.ContentType);
    }

    [Theory]
    [InlineData("run.txt", "#!/bin/sh\nrm -rf /\n")]
    [InlineData("tool.csv", "\u007fELF\u0002\u0001\u0001")]
    public void Scripts_and_ELF_binaries_are_refused_whatever_their_name(string name, string content)
    {
        AssertRefused(Inspect(name, Encoding.Latin1.GetBytes(content)), FileProblems.Executable);
    }

    [Fact]
    public void A_png_named_pdf_is_refused_with_both_types_in_the_message()
    {
        var check = Inspect("report.pdf", SampleFiles.Png());

        AssertRefused(check, FileProblems.ExtensionMismatch);
        Assert.Equal([".pdf", "PNG"], check.ProblemArguments);
        Assert.Equal("The file name ends in \".pdf\", but the file is a PNG file. Rename it or choose the right file.", Describe(check, "en"));
        Assert.Equal("ファイル名の拡張子は「.pdf」ですが、中身は PNG ファイルです。名前を直すか、正しいファイルを選んでください。", Describe(check, "ja-JP"));
    }

    [Fact]
    public void A_file_without_extension_is_told_which_one_to_add()
    {
        var check = Inspect("slides", SampleFiles.Pptx());

        AssertRefused(check, FileProblems.NoExtension);
        Assert.Equal(["PowerPoint (.pptx)", ".pptx"], check.ProblemArguments);
    }

    [Fact]
    public void A_docx_renamed_xlsx_is_refused()
    {
        AssertRefused(Inspect("budget.xlsx", SampleFiles.Docx()), FileProblems.ExtensionMismatch);
    }

    [Fact]
    public void Text_is_only_accepted_as_csv_or_txt()
    {
        AssertRefused(Inspect("page.html", Encoding.UTF8.GetBytes("<script>alert(1)</script>")), FileProblems.Unsupported);
        AssertRefused(Inspect("image.svg", Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"/>")), FileProblems.Unsupported);
    }

    [Fact]
    public void Binary_data_named_txt_is_refused()
    {
        AssertRefused(Inspect("data.txt", [0x41, 0x42, 0x00, 0x43]), FileProblems.NotText);
        AssertRefused(Inspect("data.csv", [0x41, 0x1B, 0x5B, 0x33, 0x31, 0x6D]), FileProblems.NotText);
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        AssertRefused(Inspect("empty.txt", []), FileProblems.Empty);
    }

    [Fact]
    public void A_file_over_the_limit_is_refused_with_the_limit_in_megabytes()
    {
        var limits = new FileLimits(FileLimits.Megabyte, 10 * FileLimits.Megabyte, 5);
        byte[] big = [.. SampleFiles.Png(), .. new byte[FileLimits.Megabyte]];

        var seekable = FileInspector.Inspect("big.png", new MemoryStream(big), limits);
        var forwardOnly = FileInspector.Inspect("big.png", new ForwardOnlyStream(big), limits);

        AssertRefused(seekable, FileProblems.TooLarge);
        Assert.Equal([1L], seekable.ProblemArguments);
        AssertRefused(forwardOnly, FileProblems.TooLarge);
    }

    [Fact]
    public void A_zip_bomb_is_refused_from_its_declared_sizes_without_expanding_it()
    {
        var bomb = SampleFiles.ZipBomb();
        Assert.True(bomb.Length < FileLimits.Megabyte, $"The sample bomb is {bomb.Length} bytes.");

        var check = Inspect("budget.xlsx", bomb);

        // Judged from the declared sizes (no timing assertion here: performance belongs in the benchmark harness).
        AssertRefused(check, FileProblems.Bomb);
    }

    [Fact]
    public void A_macro_enabled_workbook_is_refused()
    {
        AssertRefused(Inspect("budget.xlsx", SampleFiles.MacroXlsx()), FileProblems.Macros);
        AssertRefused(Inspect("budget.xlsm", SampleFiles.MacroXlsx()), FileProblems.Macros);
    }

    [Fact]
    public void A_workbook_declared_macro_enabled_is_refused_even_without_the_vba_part()
    {
        var xlsm = SampleFiles.Ooxml("xl/workbook.xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml");

        AssertRefused(Inspect("budget.xlsx", xlsm), FileProblems.Macros);
    }

    [Fact]
    public void A_plain_zip_is_refused()
    {
        var zip = SampleFiles.Zip(("a.txt", "hello"u8.ToArray()));

        AssertRefused(Inspect("files.zip", zip), FileProblems.OtherArchive);
        AssertRefused(Inspect("files.docx", zip), FileProblems.OtherArchive);
    }

    [Fact]
    public void An_encrypted_archive_is_refused()
    {
        AssertRefused(Inspect("plan.docx", SampleFiles.MarkEncrypted(SampleFiles.Docx())), FileProblems.Encrypted);
    }

    [Theory]
    [InlineData("../../evil.sh")]
    [InlineData("word/../../evil.sh")]
    [InlineData("/etc/cron.d/evil")]
    [InlineData("C:/Windows/evil.dll")]
    public void An_office_file_with_entries_escaping_the_archive_is_refused(string entryName)
    {
        var docx = SampleFiles.Zip(
            ("[Content_Types].xml", "<Types/>"u8.ToArray()),
            ("word/document.xml", "<document/>"u8.ToArray()),
            (entryName, "boom"u8.ToArray()));

        AssertRefused(Inspect("plan.docx", docx), FileProblems.UnsafePath);
    }

    [Fact]
    public void An_archive_with_too_many_entries_is_refused()
    {
        var entries = Enumerable.Range(0, 2_001).Select(i => ($"word/media/{i}.xml", Array.Empty<byte>())).Prepend(("[Content_Types].xml", "<Types/>"u8.ToArray()));

        var check = Inspect("plan.docx", SampleFiles.Zip([.. entries]));

        AssertRefused(check, FileProblems.TooManyEntries);
    }

    [Fact]
    public void A_damaged_office_file_is_refused()
    {
        byte[] broken = [.. "PK\u0003\u0004"u8, .. new byte[40]];

        AssertRefused(Inspect("plan.docx", broken), FileProblems.UnreadableArchive);
    }

    [Fact]
    public void Every_problem_has_a_Japanese_translation()
    {
        var keys = typeof(FileProblems).GetFields()
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();
        var localizer = JsonStringLocalizer.Create();
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("ja-JP");
        try
        {
            Assert.NotEmpty(keys);
            Assert.All(keys, key => Assert.False(localizer[key].ResourceNotFound, $"No Japanese for \"{key}\"."));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    internal static FileCheck Inspect(string name, byte[] content) =>
        FileInspector.Inspect(name, new MemoryStream(content), Limits);

    private static void AssertRefused(FileCheck check, string problem)
    {
        Assert.False(check.Ok);
        Assert.Null(check.Kind);
        Assert.Equal(problem, check.Problem);
    }

    private static string Describe(FileCheck check, string culture)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            return check.Describe(JsonStringLocalizer.Create());
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }

    private static byte[] ShiftJis(string text) =>
        CodePagesEncodingProvider.Instance.GetEncoding(932)!.GetBytes(text);

    /// <summary>Like a request body: read once, front to back, length unknown.</summary>
    private sealed class ForwardOnlyStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }
}
