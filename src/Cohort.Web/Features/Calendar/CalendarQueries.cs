using System.Globalization;
using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Files;
using Cohort.Web.Infrastructure.Localization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Features.Calendar;

/// <summary>
/// An .ics file to hand out: its text, the name to save it under (may be Japanese) and a plain ASCII name for
/// clients that cannot read the other.
/// </summary>
public sealed record IcsFile(string FileName, string AsciiFileName, string Content);

internal static class CalendarFiles
{
    public static CalendarFileBuilder Builder(TimeProvider clock, IStringLocalizer l, IConfiguration configuration) =>
        new(clock, l, configuration["Cohort:PublicUrl"] ?? "http://localhost:5000");

    public static async Task<IcsFile> ShowcaseAsync(CohortDbContext db, IQueryable<Showcase> showcases, CalendarFileBuilder builder, CancellationToken ct)
    {
        var showcase = await showcases.AsNoTracking().Include(s => s.Slots).ThenInclude(x => x.Team).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("Showcase");
        var timeZone = await db.Programs.Where(p => p.Id == showcase.ProgramId).Select(p => p.TimeZone).SingleAsync(ct);
        return new IcsFile(FileInspector.SafeName(showcase.Title + ".ics"), string.Create(CultureInfo.InvariantCulture, $"showcase-{showcase.Date:yyyy-MM-dd}.ics"), builder.ForShowcase(showcase, timeZone));
    }
}

/// <summary>A showcase as an .ics file, for anyone who can see the programme.</summary>
public static class ShowcaseCalendar
{
    [ProgramAccess(ProgramPermission.Read)]
    public sealed record Query(Guid ProgramId, Guid ShowcaseId) : IRequest<IcsFile>, IProgramRequest;

    public sealed class Handler(CohortDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l, IConfiguration configuration) : IRequestHandler<Query, IcsFile>
    {
        public Task<IcsFile> Handle(Query request, CancellationToken cancellationToken) =>
            CalendarFiles.ShowcaseAsync(db, db.Showcases.Where(s => s.ProgramId == request.ProgramId && s.Id == request.ShowcaseId),
                CalendarFiles.Builder(clock, l, configuration), cancellationToken);
    }
}

/// <summary>A showcase as an .ics file through its public link, for invitees without an account.</summary>
public static class PublicShowcaseCalendar
{
    [Anyone]
    public sealed record Query(string PublicKey) : IRequest<IcsFile>;

    public sealed class Handler(CohortDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l, IConfiguration configuration) : IRequestHandler<Query, IcsFile>
    {
        public Task<IcsFile> Handle(Query request, CancellationToken cancellationToken) =>
            CalendarFiles.ShowcaseAsync(db, db.Showcases.Where(s => s.PublicKey == request.PublicKey),
                CalendarFiles.Builder(clock, l, configuration), cancellationToken);
    }
}

/// <summary>A programme's milestones and showcases as one .ics file, for anyone who can see the programme.</summary>
public static class ProgramCalendar
{
    [ProgramAccess(ProgramPermission.Read)]
    public sealed record Query(Guid ProgramId) : IRequest<IcsFile>, IProgramRequest;

    public sealed class Handler(CohortDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l, IConfiguration configuration) : IRequestHandler<Query, IcsFile>
    {
        public async Task<IcsFile> Handle(Query request, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().Include(p => p.Stages).ThenInclude(s => s.Milestones).GetAsync(request.ProgramId, cancellationToken);
            var showcases = await db.Showcases.AsNoTracking().Include(s => s.Slots).ThenInclude(x => x.Team)
                .Where(s => s.ProgramId == program.Id && s.CancelledAt == null)
                .ToListAsync(cancellationToken);
            var content = CalendarFiles.Builder(clock, l, configuration).ForProgram(program, showcases);
            return new IcsFile(FileInspector.SafeName(program.Title + ".ics"), string.Create(CultureInfo.InvariantCulture, $"programme-{program.StartDate:yyyy-MM-dd}.ics"), content);
        }
    }
}
