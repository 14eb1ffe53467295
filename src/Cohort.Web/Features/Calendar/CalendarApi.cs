using System.Text;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using MediatR;
using Microsoft.Net.Http.Headers;

namespace Cohort.Web.Features.Calendar;

/// <summary>.ics downloads: under /api/v1 for API clients (token), and the same files at plain URLs for links on pages (cookie).</summary>
public static class CalendarApi
{
    public const string ContentType = "text/calendar";

    public static void Map(RouteGroupBuilder api)
    {
        var program = api.MapGroup("/programs/{programId:guid}").WithTags("Calendar").RequireAuthorization(Policies.SignedIn);
        program.MapGet("/calendar.ics", async (Guid programId, IMediator m, CancellationToken ct) => Ics(await m.Send(new ProgramCalendar.Query(programId), ct)))
            .Produces<string>(StatusCodes.Status200OK, ContentType)
            .WithName("GetProgramCalendar");
        program.MapGet("/showcases/{showcaseId:guid}/calendar.ics", async (Guid programId, Guid showcaseId, IMediator m, CancellationToken ct) =>
                Ics(await m.Send(new ShowcaseCalendar.Query(programId, showcaseId), ct)))
            .Produces<string>(StatusCodes.Status200OK, ContentType)
            .WithName("GetShowcaseCalendar");

        // No account needed: behind the showcase's secret public link, like its public agenda.
        var open = api.MapGroup("/public").WithTags("Calendar").RequireAuthorization(Policies.Anonymous).AllowAnonymous();
        open.MapGet("/showcases/{publicKey}/calendar.ics", async (string publicKey, IMediator m, CancellationToken ct) =>
                Ics(await m.Send(new PublicShowcaseCalendar.Query(publicKey), ct)))
            .Produces<string>(StatusCodes.Status200OK, ContentType)
            .WithName("GetPublicShowcaseCalendar");
    }

    /// <summary>
    /// The same files for links on pages: pages sign in with the cookie, which the API does not take. Not part of the
    /// API description; access is checked by the queries as for the API.
    /// </summary>
    public static void MapPageLinks(IEndpointRouteBuilder app)
    {
        app.MapGet("/Programs/{programId:guid}/calendar.ics", (Guid programId, IMediator m, CancellationToken ct) =>
                PageDownloadAsync(m.Send(new ProgramCalendar.Query(programId), ct)))
            .RequireAuthorization(Policies.SignedIn)
            .ExcludeFromDescription();
        app.MapGet("/Programs/{programId:guid}/Showcases/{showcaseId:guid}/calendar.ics", (Guid programId, Guid showcaseId, IMediator m, CancellationToken ct) =>
                PageDownloadAsync(m.Send(new ShowcaseCalendar.Query(programId, showcaseId), ct)))
            .RequireAuthorization(Policies.SignedIn)
            .ExcludeFromDescription();
        app.MapGet("/s/{publicKey}/calendar.ics", (string publicKey, IMediator m, CancellationToken ct) =>
                PageDownloadAsync(m.Send(new PublicShowcaseCalendar.Query(publicKey), ct)))
            .RequireAuthorization(Policies.Anonymous)
            .AllowAnonymous()
            .ExcludeFromDescription();
    }

    /// <summary>Outside /api the exception handler does not map errors; these are the ones a link can meet.</summary>
    private static async Task<IResult> PageDownloadAsync(Task<IcsFile> file)
    {
        try
        {
            return Ics(await file);
        }
        catch (NotFoundException)
        {
            return Results.NotFound();
        }
        catch (ForbiddenException)
        {
            return Results.Forbid();
        }
    }

    private static IcsResult Ics(IcsFile file) => new(file);

    private sealed class IcsResult(IcsFile file) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var disposition = new ContentDispositionHeaderValue("attachment") { FileName = file.AsciiFileName, FileNameStar = file.FileName };
            var headers = httpContext.Response.Headers;
            headers.ContentDisposition = disposition.ToString();
            headers.XContentTypeOptions = "nosniff";
            headers.CacheControl = "private, no-store";
            return Results.Text(file.Content, ContentType, Encoding.UTF8).ExecuteAsync(httpContext);
        }
    }
}
