using System.IO.Compression;
using Cohort.Web.Infrastructure.Files;

namespace Cohort.UnitTests.Files;

public sealed class ArchivePathsTests
{
    [Theory]
    [InlineData("../..\\..\\evil/名前", "_.._.._evil_名前")]
    [InlineData("..", "file")]
    [InlineData("/etc/passwd", "_etc_passwd")]
    [InlineData("C:\\Windows", "C__Windows")]
    [InlineData("ステージ1：課題整理・解決策立案", "ステージ1：課題整理・解決策立案")]
    [InlineData("CON", "_CON")]
    [InlineData(".hidden", "hidden")]
    public void Parts_never_leave_their_folder(string name, string expected)
    {
        Assert.Equal(expected, ArchivePaths.Part(name));
    }

    [Fact]
    public void Paths_join_safe_parts_and_never_collide()
    {
        var paths = new ArchivePaths("index.html");

        var stage = paths.Folder("", "ステージ1");
        var same = paths.Folder("", "ステージ1");
        var file = paths.File(paths.Folder(stage, "a/b"), "資料.pdf");
        var twin = paths.File(paths.Folder(stage, "x"), "資料.pdf");

        Assert.Equal("ステージ1", stage);
        Assert.Equal("ステージ1 (2)", same);
        Assert.Equal("ステージ1/a_b/資料.pdf", file);
        Assert.Equal("ステージ1/x/資料.pdf", twin);
        Assert.Equal("INDEX (2).html", paths.File("", "INDEX.html"));
        Assert.Equal("ステージ1/x/資料 (2).PDF", paths.File("ステージ1/x", "資料.PDF"));
    }

    [Fact]
    public void Extracting_the_paths_stays_inside_the_target_folder()
    {
        var paths = new ArchivePaths();
        var names = new[] { "../../x", "..\\..\\y", "/abs", "C:\\drive", "a/../../b" }
            .Select(n => paths.File(paths.Folder(paths.Folder("", n), n), n)).ToList();
        var target = Path.Combine(Path.GetTempPath(), "cohort-archive-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var zip = new MemoryStream())
            {
                using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
                {
                    foreach (var name in names)
                    {
                        archive.CreateEntry(name);
                    }
                }

                zip.Position = 0;
                ZipFile.ExtractToDirectory(zip, target);
            }

            var root = Path.GetFullPath(target) + Path.DirectorySeparatorChar;
            Assert.All(Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories), f => Assert.StartsWith(root, Path.GetFullPath(f), StringComparison.Ordinal));
            Assert.Equal(names.Count, Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).Count());
            Assert.All(names, n => Assert.Equal(3, n.Split('/').Length));
        }
        finally
        {
            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true);
            }
        }
    }
}
