using System.Globalization;
using System.IO.Compression;
using System.Text;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Files;
using Cohort.Web.Infrastructure.Html;
using MediatR;

namespace Cohort.Web.Features.Submissions;

/// <summary>
/// The ZIP download of a team's portfolio: an index.html (the printable portfolio, linking to the files inside)
/// and each accepted version's files at their <see cref="PortfolioExport.ExportFile.ArchivePath"/>. Written
/// straight into the response, one file at a time, so a large portfolio is never held in memory.
/// </summary>
public static class PortfolioArchive
{
    public const string IndexName = "index.html";

    public const string DocumentView = "/Pages/Shared/_PortfolioDocument.cshtml";

    public static IResult Result(PortfolioExport.Result export) => new ArchiveResult(export);

    private sealed class ArchiveResult(PortfolioExport.Result export) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var services = httpContext.RequestServices;
            var ct = httpContext.RequestAborted;
            var index = await RazorText.RenderAsync(httpContext, DocumentView, new PortfolioExport.Document(export, ForArchive: true));
            var user = services.GetRequiredService<CurrentUser>();
            await services.GetRequiredService<AuditTrail>().RecordForProgramAsync(export.ProgramId, "ExportPortfolio", user.Name, user.Id,
                $"{{\"ProgramId\":\"{export.ProgramId}\",\"TeamId\":\"{export.TeamId}\",\"Files\":{export.Files.Count().ToString(CultureInfo.InvariantCulture)}}}", ct);

            var zone = TimeZoneInfo.FindSystemTimeZoneById(export.TimeZone);
            var today = TimeZoneInfo.ConvertTime(services.GetRequiredService<TimeProvider>().GetUtcNow(), zone);
            SafeDownload.SetHeaders(httpContext.Response, $"portfolio-{ArchivePaths.Part(export.TeamName)}-{today:yyyyMMdd}.zip");
            httpContext.Response.ContentType = "application/zip";

            var mediator = services.GetRequiredService<IMediator>();
            await using var body = new DeferredWriteStream(httpContext.Response.Body);
            await using (var zip = await ZipArchive.CreateAsync(body, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct))
            {
                await WriteAsync(zip.CreateEntry(IndexName, CompressionLevel.Optimal), new MemoryStream(Encoding.UTF8.GetBytes(index)), today, body, ct);
                foreach (var deliverable in export.Stages.SelectMany(s => s.Deliverables))
                {
                    foreach (var file in deliverable.Files)
                    {
                        // Through the same query as a single download, so the same access rule and the same file store apply.
                        var content = await mediator.Send(new SubmissionFileContent.Query(export.ProgramId, export.TeamId, deliverable.SubmissionId, file.Id), ct);
                        var entry = zip.CreateEntry(file.ArchivePath, CompressionLevel.Fastest);
                        await WriteAsync(entry, content.Content, TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(file.UploadedAt, DateTimeKind.Utc)), zone), body, ct);
                    }
                }
            }

            await body.FlushAsync(ct);
        }

        /// <summary>ZIP keeps the clock time without a zone: the programme's, as the people unpacking it read it.</summary>
        private static async Task WriteAsync(ZipArchiveEntry entry, Stream content, DateTimeOffset modified, DeferredWriteStream body, CancellationToken ct)
        {
            entry.LastWriteTime = modified;
            await using (content)
            {
                await using var target = await entry.OpenAsync(ct);
                await content.CopyToAsync(target, ct);
            }

            // Closing the entry wrote its last bytes synchronously, into the deferred buffer: send them now.
            await body.FlushAsync(ct);
        }
    }
}
