using SkiaSharp;

namespace Cohort.Web.Infrastructure.Files;

/// <summary>
/// Small previews of uploaded images (PNG, JPEG, the first frame of a GIF, WebP) as WebP, at most
/// <see cref="MaxSide"/> pixels on the longer side and turned upright as the camera recorded it. The size is read
/// from the header before any pixel is decoded, JPEG and WebP are decoded already scaled down, and an image that
/// would still need more than <see cref="MaxDecodedPixels"/> pixels in memory gets no preview. Only a few decode at
/// once, so a page full of previews cannot exhaust the server's memory.
/// </summary>
public static class Thumbnails
{
    public const int MaxSide = 320;

    public const long MaxDecodedPixels = 24_000_000;

    public const string ContentType = "image/webp";

    private static readonly SemaphoreSlim Decoding = new(Math.Max(1, Environment.ProcessorCount / 2));

    private static readonly HashSet<string> Previewable = new(StringComparer.OrdinalIgnoreCase) { "image/png", "image/jpeg", "image/gif", "image/webp" };

    /// <summary>Whether files of this (stored) content type get a preview.</summary>
    public static bool CanPreview(string? contentType) => contentType is not null && Previewable.Contains(contentType.Split(';')[0].Trim());

    /// <summary>The preview as WebP bytes, or null when the content is not an image Cohort previews.</summary>
    public static async Task<byte[]?> CreateAsync(Stream content, CancellationToken ct)
    {
        await Decoding.WaitAsync(ct);
        try
        {
            return Create(content);
        }
        finally
        {
            Decoding.Release();
        }
    }

    private static byte[]? Create(Stream content)
    {
        using var codec = SKCodec.Create(content);
        if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0)
        {
            return null;
        }

        var scale = Math.Min(1f, (float)MaxSide / Math.Max(codec.Info.Width, codec.Info.Height));
        var size = codec.GetScaledDimensions(scale);
        if ((long)size.Width * size.Height > MaxDecodedPixels)
        {
            return null;
        }

        var decodeInfo = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var decoded = new SKBitmap(decodeInfo);
        if (codec.GetPixels(decodeInfo, decoded.GetPixels()) is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            return null;
        }

        var fit = Math.Min(1f, (float)MaxSide / Math.Max(size.Width, size.Height));
        var target = new SKImageInfo(Math.Max(1, (int)Math.Round(size.Width * fit)), Math.Max(1, (int)Math.Round(size.Height * fit)), SKColorType.Rgba8888, SKAlphaType.Premul);
        using var resized = decoded.Resize(target, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        if (resized is null)
        {
            return null;
        }

        using var upright = Upright(resized, codec.EncodedOrigin);
        using var image = SKImage.FromBitmap(upright);
        using var data = image.Encode(SKEncodedImageFormat.Webp, 80);
        return data?.ToArray();
    }

    /// <summary>The bitmap as it should be seen, from the EXIF orientation a camera wrote (always a new bitmap).</summary>
    internal static SKBitmap Upright(SKBitmap source, SKEncodedOrigin origin)
    {
        float w = source.Width, h = source.Height;

        // Where a source point (x, y) lands: x' = a·x + b·y + c, y' = d·x + e·y + f.
        var (a, b, c, d, e, f) = origin switch
        {
            SKEncodedOrigin.TopRight => (-1f, 0f, w, 0f, 1f, 0f),
            SKEncodedOrigin.BottomRight => (-1f, 0f, w, 0f, -1f, h),
            SKEncodedOrigin.BottomLeft => (1f, 0f, 0f, 0f, -1f, h),
            SKEncodedOrigin.LeftTop => (0f, 1f, 0f, 1f, 0f, 0f),
            SKEncodedOrigin.RightTop => (0f, -1f, h, 1f, 0f, 0f),
            SKEncodedOrigin.RightBottom => (0f, -1f, h, -1f, 0f, w),
            SKEncodedOrigin.LeftBottom => (0f, 1f, 0f, -1f, 0f, w),
            _ => (1f, 0f, 0f, 0f, 1f, 0f),
        };
        var turned = b != 0;
        var result = new SKBitmap(new SKImageInfo(turned ? source.Height : source.Width, turned ? source.Width : source.Height, source.ColorType, source.AlphaType));
        using var canvas = new SKCanvas(result);
        canvas.Clear(SKColors.Transparent);
        canvas.SetMatrix(new SKMatrix(a, b, c, d, e, f, 0, 0, 1));
        canvas.DrawBitmap(source, 0, 0);
        return result;
    }
}
