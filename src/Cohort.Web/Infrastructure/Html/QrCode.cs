using QRCoder;

namespace Cohort.Web.Infrastructure.Html;

/// <summary>QR codes as inline SVG (no script, no external image), for the audience feedback links shown on screen.</summary>
public static class QrCode
{
    public static string Svg(string text, int pixelsPerModule = 8)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(pixelsPerModule);
    }
}

/// <summary>Absolute links people open on other devices (QR codes, invitations): the configured public address, else this request's.</summary>
public static class PublicLinks
{
    public static string Base(HttpRequest request, IConfiguration configuration) =>
        (configuration["Cohort:PublicUrl"] ?? $"{request.Scheme}://{request.Host}").TrimEnd('/');
}
