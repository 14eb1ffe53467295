using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Domain;
using Cohort.Web.Domain.Templates;
using Cohort.Web.Features.Submissions;
using Cohort.Web.Features.Teams;
using SkiaSharp;

namespace Cohort.IntegrationTests.Features;

/// <summary>Image files of a submission get small previews, on the deliverable page and through the API, for those who may see the files.</summary>
public abstract partial class SubmissionThumbnailTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : CohortApp
{
    [GeneratedRegex("<img class=\"thumb\" src=\"(\\?handler=Thumbnail&amp;fileId=[^\"]+)\"")]
    private static partial Regex PreviewSource();

    private static byte[] Photo(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Orange);
        }

        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Jpeg, 85).ToArray();
    }

    private static (int Width, int Height, SKEncodedImageFormat Format) Decode(byte[] bytes)
    {
        using var codec = SKCodec.Create(new MemoryStream(bytes));
        return (codec.Info.Width, codec.Info.Height, codec.EncodedFormat);
    }

    [SkippableFact]
    public async Task Images_get_previews_other_files_do_not()
    {
        var program = await Seed.ProgramAsync(App);
        var teamId = await App.SendAsync(new CreateTeam.Command(program.Id, "写真チーム", null, null));
        var member = await Seed.JoinAsync(App, program.Id, InvitedRole.TeamMember, teamId);
        var otherTeam = await App.SendAsync(new CreateTeam.Command(program.Id, "別チーム", null, null));
        var otherMentor = await Seed.JoinAsync(App, program.Id, InvitedRole.Mentor, otherTeam);
        var milestone = program.Stages[0].Milestones.First(m => m.Deliverable != DeliverableType.None);
        var submission = await App.SendAsAsync(member, new SaveSubmissionDraft.Command(program.Id, teamId, milestone.Id, "現場写真", null, null, null, null, null, null, null));
        var photo = await App.SendAsAsync(member, new AttachFile.Command(program.Id, teamId, submission, "窓口.jpg", Photo(1600, 1200)));
        var notes = await App.SendAsAsync(member, new AttachFile.Command(program.Id, teamId, submission, "メモ.txt", Encoding.UTF8.GetBytes("メモ\n")));
        var files = $"/api/v1/programs/{program.Id}/teams/{teamId}/submissions/{submission}/files";
        var api = await App.ApiClientAsync(member);

        var preview = await api.GetAsync($"{files}/{photo}/thumbnail");

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal("image/webp", preview.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", preview.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal((320, 240, SKEncodedImageFormat.Webp), Decode(await preview.Content.ReadAsByteArrayAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"{files}/{notes}/thumbnail")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await App.ApiClientAsync(otherMentor)).GetAsync($"{files}/{photo}/thumbnail")).StatusCode);

        // The deliverable page shows the preview beside the photo only, through the page (cookie).
        var browser = await App.SignedInBrowserAsync(member);
        var page = $"/Programs/{program.Id}/Teams/{teamId}/Deliverables/{milestone.Id}";
        var html = await browser.GetStringAsync(page);
        var source = Assert.Single(PreviewSource().Matches(html)).Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        Assert.Contains(photo.ToString(), source, StringComparison.Ordinal);
        var shown = await browser.GetAsync(page + source);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal(SKEncodedImageFormat.Webp, Decode(await shown.Content.ReadAsByteArrayAsync()).Format);
    }
}

public sealed class SubmissionThumbnailTests_Sqlite(SqliteApp app) : SubmissionThumbnailTests<SqliteApp>(app);

public sealed class SubmissionThumbnailTests_Postgres(PostgresApp app) : SubmissionThumbnailTests<PostgresApp>(app);
