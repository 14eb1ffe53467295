using System.Text;
using Cohort.Web.Infrastructure.Files;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.UnitTests.Files;

public sealed class SafeDownloadTests
{
    [Fact]
    public async Task A_pdf_is_an_attachment_whose_Japanese_name_survives()
    {
        var content = SampleFiles.Pdf();

        var (response, body) = await Execute(SafeDownload.Result(new MemoryStream(content), "application/pdf", "第2回 報告書.pdf"));

        Assert.Equal(content, body);
        Assert.Equal("application/pdf", response.ContentType);
        var disposition = response.Headers.ContentDisposition.ToString();
        Assert.StartsWith("attachment;", disposition, StringComparison.Ordinal);
        var encoded = disposition[(disposition.IndexOf("filename*=UTF-8''", StringComparison.Ordinal) + "filename*=UTF-8''".Length)..].Split(';')[0];
        Assert.Equal("第2回 報告書.pdf", Uri.UnescapeDataString(encoded));
        Assert.All(disposition, c => Assert.True(c < 128, "The header must be ASCII."));
        AssertLockedDown(response);
    }

    [Fact]
    public async Task An_image_may_be_shown_inline()
    {
        var (response, _) = await Execute(SafeDownload.Result(new MemoryStream(SampleFiles.Png()), "image/png", "screen.png"));

        Assert.Equal("image/png", response.ContentType);
        Assert.StartsWith("inline;", response.Headers.ContentDisposition.ToString(), StringComparison.Ordinal);
        AssertLockedDown(response);
    }

    [Fact]
    public async Task Csv_keeps_its_charset_and_is_downloaded()
    {
        var (response, _) = await Execute(SafeDownload.Result(new MemoryStream(Encoding.UTF8.GetBytes("a,b\n")), "text/csv; charset=utf-8", "members.csv"));

        Assert.Equal("text/csv; charset=utf-8", response.ContentType);
        Assert.StartsWith("attachment;", response.Headers.ContentDisposition.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("image/svg+xml")]
    [InlineData("not a media type")]
    public async Task Types_that_could_run_in_the_browser_become_plain_downloads(string contentType)
    {
        var (response, _) = await Execute(SafeDownload.Result(new MemoryStream("<script>alert(1)</script>"u8.ToArray()), contentType, "page.html"));

        Assert.Equal("application/octet-stream", response.ContentType);
        Assert.StartsWith("attachment;", response.Headers.ContentDisposition.ToString(), StringComparison.Ordinal);
        AssertLockedDown(response);
    }

    [Fact]
    public async Task A_hostile_name_cannot_break_out_of_the_header()
    {
        var (response, _) = await Execute(SafeDownload.Result(new MemoryStream(SampleFiles.Pdf()), "application/pdf", "a\r\nSet-Cookie: x=1\";.pdf"));

        var disposition = response.Headers.ContentDisposition.ToString();
        Assert.DoesNotContain('\r', disposition);
        Assert.DoesNotContain('\n', disposition);
        Assert.False(response.Headers.ContainsKey("Set-Cookie"));
    }

    private static void AssertLockedDown(HttpResponse response)
    {
        Assert.Equal("nosniff", response.Headers.XContentTypeOptions.ToString());
        Assert.Equal("default-src 'none'; sandbox", response.Headers.ContentSecurityPolicy.ToString());
    }

    private static async Task<(HttpResponse Response, byte[] Body)> Execute(IResult result)
    {
        var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        using var body = new MemoryStream();
        context.Response.Body = body;

        await result.ExecuteAsync(context);

        return (context.Response, body.ToArray());
    }
}
