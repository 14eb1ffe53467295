using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Cohort.UnitTests.Files;

/// <summary>Small but well-formed files of each kind, built in code.</summary>
internal static class SampleFiles
{
    public static byte[] Png()
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, 1);       // width
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), 1); // height
        header[8] = 8;                                          // bit depth
        header[9] = 2;                                          // truecolour
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    public static byte[] Jpeg() =>
        [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xD9];

    public static byte[] Gif() =>
        [.. "GIF89a"u8, 1, 0, 1, 0, 0, 0, 0, (byte)';'];

    public static byte[] WebP()
    {
        byte[] chunk = [.. "VP8L"u8, 5, 0, 0, 0, 0x2F, 0, 0, 0, 0, 0];
        var size = BitConverter.GetBytes(4 + chunk.Length);
        return [.. "RIFF"u8, .. size, .. "WEBP"u8, .. chunk];
    }

    public static byte[] Pdf() =>
        Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    public static byte[] Docx() => Ooxml("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml");

    public static byte[] Xlsx() => Ooxml("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");

    public static byte[] Pptx() => Ooxml("ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml");

    public static byte[] MacroXlsx() =>
        Zip(
            ("[Content_Types].xml", ContentTypes("/xl/workbook.xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml")),
            ("xl/workbook.xml", "<workbook/>"u8.ToArray()),
            ("xl/vbaProject.bin", [0xD0, 0xCF, 0x11, 0xE0]));

    public static byte[] Ooxml(string mainPart, string mainContentType) =>
        Zip(
            ("[Content_Types].xml", ContentTypes("/" + mainPart, mainContentType)),
            ("_rels/.rels", "<Relationships/>"u8.ToArray()),
            (mainPart, "<document/>"u8.ToArray()));

    public static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(content);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>An xlsx-looking archive whose one sheet expands to 300 MB of zeros; compressed it is well under 1 MB.</summary>
    public static byte[] ZipBomb()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var types = zip.CreateEntry("[Content_Types].xml").Open())
            {
                types.Write(ContentTypes("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"));
            }

            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 300; i++)
            {
                sheet.Write(zeros);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Sets the "encrypted" flag of every entry, as a password-protected ZIP has it.</summary>
    public static byte[] MarkEncrypted(byte[] zip)
    {
        var bytes = (byte[])zip.Clone();
        for (var i = 0; i + 4 <= bytes.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i));
            if (signature == 0x04034b50)
            {
                bytes[i + 6] |= 1;
            }
            else if (signature == 0x02014b50)
            {
                bytes[i + 8] |= 1;
            }
        }

        return bytes;
    }

    private static byte[] ContentTypes(string mainPart, string contentType) => Encoding.UTF8.GetBytes(
        $"""<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="{mainPart}" ContentType="{contentType}"/></Types>""");

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        png.Write(number);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
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
