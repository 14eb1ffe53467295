using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Cohort.Web.Infrastructure.Files;

/// <summary>
/// Sends an uploaded file back so that the browser can never run it as part of the app: a download (images may
/// show inline), the browser may not guess another type, and a sandbox CSP in case it is opened anyway.
/// </summary>
public static class SafeDownload
{
    private static readonly HashSet<string> InlineTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "image/png", "image/jpeg", "image/gif", "image/webp",
    };

    private static readonly HashSet<string> KnownTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "text/csv", "text/plain", "application/octet-stream",
    };

    public static IResult Result(Stream content, string contentType, string safeName)
    {
        ArgumentNullException.ThrowIfNull(content);

        // Only the types FileInspector produces; anything else (text/html, image/svg+xml) becomes a plain download.
        var mediaType = MediaTypeHeaderValue.TryParse(contentType, out var parsed) && KnownTypes.Contains(parsed.MediaType.Value ?? "")
            ? parsed.ToString()
            : "application/octet-stream";
        var inline = parsed is not null && InlineTypes.Contains(parsed.MediaType.Value ?? "") && mediaType != "application/octet-stream";

        return new SafeFileResult(content, mediaType, safeName, inline);
    }

    /// <summary>The headers of every download: a file name made safe, no type sniffing, a sandbox, not cached, same origin only.</summary>
    public static void SetHeaders(HttpResponse response, string fileName, bool inline = false)
    {
        ArgumentNullException.ThrowIfNull(response);
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(FileInspector.SafeName(fileName)); // ASCII filename= plus RFC 5987 filename*=UTF-8''…

        var headers = response.Headers;
        headers.ContentDisposition = disposition.ToString();
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        headers.CacheControl = "private, no-store";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
    }

    private sealed class SafeFileResult(Stream content, string contentType, string fileName, bool inline) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            SetHeaders(httpContext.Response, fileName, inline);
            await Results.Stream(content, contentType, enableRangeProcessing: content.CanSeek).ExecuteAsync(httpContext);
        }
    }
}

/// <summary>Lets a Razor page return the same safe download as the API.</summary>
public sealed class SafeDownloadActionResult(IResult result) : Microsoft.AspNetCore.Mvc.IActionResult
{
    public Task ExecuteResultAsync(Microsoft.AspNetCore.Mvc.ActionContext context) => result.ExecuteAsync(context.HttpContext);
}
