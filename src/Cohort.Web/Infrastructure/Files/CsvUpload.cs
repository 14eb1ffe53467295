namespace Cohort.Web.Infrastructure.Files;

/// <summary>
/// A CSV file sent to the API, either as a multipart field named "file" (the first file otherwise) with other form
/// fields beside it, or as a raw text/csv body.
/// </summary>
public sealed record CsvUpload(string FileName, byte[] Content, IFormCollection? Form)
{
    /// <summary>A form field's value, or null when it is missing or blank.</summary>
    public string? Field(string name) =>
        Form is not null && Form.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString() : null;

    /// <param name="defaultName">The name used when the body is raw CSV or the file part has none.</param>
    public static async Task<CsvUpload> ReadAsync(HttpRequest request, CancellationToken ct, string defaultName = "upload.csv")
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasFormContentType)
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, ct);
            return new CsvUpload(defaultName, body.ToArray(), null);
        }

        var form = await request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file") ?? (form.Files.Count > 0 ? form.Files[0] : null);
        if (file is null)
        {
            return new CsvUpload(defaultName, [], form);
        }

        using var copy = new MemoryStream();
        await file.OpenReadStream().CopyToAsync(copy, ct);
        return new CsvUpload(string.IsNullOrWhiteSpace(file.FileName) ? defaultName : file.FileName, copy.ToArray(), form);
    }
}
