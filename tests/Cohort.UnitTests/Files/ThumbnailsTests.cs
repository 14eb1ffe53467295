using System.Buffers.Binary;
using System.Text;
using Cohort.Web.Infrastructure.Files;
using SkiaSharp;

namespace Cohort.UnitTests.Files;

public sealed class ThumbnailsTests
{
    private static byte[] Image(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SteelBlue);
        }

        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(format, 90).ToArray();
    }

    private static SKImageInfo InfoOf(byte[] webp)
    {
        using var codec = SKCodec.Create(new MemoryStream(webp));
        Assert.Equal(SKEncodedImageFormat.Webp, codec.EncodedFormat);
        return codec.Info;
    }

    [Theory]
    [InlineData(1000, 500, SKEncodedImageFormat.Png, 320, 160)]
    [InlineData(3000, 4000, SKEncodedImageFormat.Jpeg, 240, 320)]
    [InlineData(100, 60, SKEncodedImageFormat.Webp, 100, 60)]
    public async Task Images_shrink_to_fit_320_pixels_as_WebP(int width, int height, SKEncodedImageFormat format, int expectedWidth, int expectedHeight)
    {
        var thumbnail = await Thumbnails.CreateAsync(new MemoryStream(Image(width, height, format)), CancellationToken.None);

        var info = InfoOf(Assert.IsType<byte[]>(thumbnail));
        Assert.Equal((expectedWidth, expectedHeight), (info.Width, info.Height));
    }

    [Fact]
    public async Task Text_gets_no_thumbnail()
    {
        Assert.Null(await Thumbnails.CreateAsync(new MemoryStream(Encoding.UTF8.GetBytes("a,b\n1,2\n")), CancellationToken.None));
    }

    [Fact]
    public async Task A_small_file_that_claims_a_huge_picture_is_not_decoded()
    {
        // A valid PNG header for 100 000 × 100 000 pixels (40 GB decoded) with no image data.
        var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, 100_000);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), 100_000);
        header[8] = 8; // bit depth
        header[9] = 6; // RGBA
        Chunk(png, "IHDR", header);
        Chunk(png, "IEND", []);

        Assert.Null(await Thumbnails.CreateAsync(new MemoryStream(png.ToArray()), CancellationToken.None));
    }

    [Theory]
    [InlineData(SKEncodedOrigin.TopLeft, 2, 1, "red", "blue")]
    [InlineData(SKEncodedOrigin.TopRight, 2, 1, "blue", "red")]
    [InlineData(SKEncodedOrigin.RightTop, 1, 2, "red", "blue")]
    [InlineData(SKEncodedOrigin.LeftBottom, 1, 2, "blue", "red")]
    [InlineData(SKEncodedOrigin.BottomRight, 2, 1, "blue", "red")]
    public void Photos_are_turned_upright(SKEncodedOrigin origin, int width, int height, string first, string second)
    {
        // A 2×1 picture, red on the left and blue on the right, as the camera stored it.
        using var source = new SKBitmap(2, 1);
        source.SetPixel(0, 0, SKColors.Red);
        source.SetPixel(1, 0, SKColors.Blue);

        using var upright = Thumbnails.Upright(source, origin);

        Assert.Equal((width, height), (upright.Width, upright.Height));
        Assert.Equal((first, second), (Name(upright.GetPixel(0, 0)), Name(upright.GetPixel(width - 1, height - 1))));
    }

    [Theory]
    [InlineData("image/png", true)]
    [InlineData("image/jpeg", true)]
    [InlineData("image/webp", true)]
    [InlineData("image/svg+xml", false)]
    [InlineData("application/pdf", false)]
    [InlineData("text/plain; charset=utf-8", false)]
    public void Only_raster_images_are_previewed(string contentType, bool previewed)
    {
        Assert.Equal(previewed, Thumbnails.CanPreview(contentType));
    }

    private static string Name(SKColor color) => color == SKColors.Red ? "red" : color == SKColors.Blue ? "blue" : color.ToString();

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
