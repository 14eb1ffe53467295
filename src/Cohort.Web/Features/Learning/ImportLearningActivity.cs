using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Localization;
using Cohort.Web.Infrastructure.Mediation;
using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Features.Learning;

/// <summary>Shows the headings and first rows of an activity file and suggests which column holds what.</summary>
public static class PreviewLearningActivity
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Query(Guid ProgramId, byte[] Content) : IRequest<ActivityCsvPreview>, IProgramRequest;

    public sealed class Handler(CohortDbContext db, IStringLocalizer<SharedResource> l) : IRequestHandler<Query, ActivityCsvPreview>
    {
        public async Task<ActivityCsvPreview> Handle(Query request, CancellationToken cancellationToken)
        {
            await db.Programs.GetAsync(request.ProgramId, cancellationToken);
            ImportLearningActivity.CheckSize(request.Content, l);
            return LearningActivityCsv.Preview(request.Content);
        }
    }
}

/// <summary>
/// Imports an e-learning platform's activity export, all or nothing: any bad cell refuses the whole file with every
/// problem listed. Rows of people who are not participants are reported and left out, never turned into people.
/// A row already imported (same content) is not added twice, so importing an overlapping export again is safe.
/// </summary>
public static class ImportLearningActivity
{
    public const int MaxBytes = 2 * 1024 * 1024;

    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, string FileName, byte[] Content, ColumnMap Columns, string? SaveMappingAs = null) : IRequest<Result>, IProgramRequest;

    public sealed record UnknownLearner(string Email, int Rows, IReadOnlyList<int> RowNumbers);

    /// <summary><see cref="Updated"/> counts rows already imported whose completion, category or device changed.</summary>
    public sealed record Result(Guid ImportId, int Rows, int Added, int AlreadyImported, IReadOnlyList<UnknownLearner> NotInProgram, string Encoding, int Updated = 0);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.FileName).NotEmpty().MaximumLength(255);
            RuleFor(c => c.Content).NotEmpty().WithMessage(l["Choose a CSV file to import."])
                .Must(c => c.Length <= MaxBytes).WithMessage(l["The file is larger than 2 MB."]);
            RuleFor(c => c.Columns).NotNull();
            RuleFor(c => c.Columns.Email).NotEmpty().WithMessage(l["Choose the column that holds the learner's e-mail address."]).When(c => c.Columns is not null);
            RuleFor(c => c.Columns.Course).NotEmpty().WithMessage(l["Choose the column that holds the course title."]).When(c => c.Columns is not null);
            RuleFor(c => c.Columns.Minutes).NotEmpty().WithMessage(l["Choose the column that holds the minutes spent."]).When(c => c.Columns is not null);
            RuleFor(c => c.Columns.Date).NotEmpty().WithMessage(l["Choose the column that holds the date."]).When(c => c.Columns is not null);
            RuleFor(c => c.Columns).Must(DistinctColumns!).WithMessage(l["Each column can be chosen for one field only."]).When(c => c.Columns is not null);
            RuleFor(c => c.SaveMappingAs).MaximumLength(100);
        }

        private static bool DistinctColumns(ColumnMap map)
        {
            var chosen = new[] { map.Email, map.Course, map.Category, map.Minutes, map.Date, map.Completion, map.Device }
                .Where(c => !string.IsNullOrWhiteSpace(c)).ToList();
            return chosen.Distinct(StringComparer.Ordinal).Count() == chosen.Count;
        }
    }

    public sealed class Handler(CohortDbContext db, CurrentUser user, IStringLocalizer<SharedResource> l) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var program = await db.Programs.GetAsync(request.ProgramId, cancellationToken);
            var parsed = LearningActivityCsv.Parse(request.Content, request.Columns, l);
            if (!parsed.IsValid)
            {
                throw new RequestValidationException(typeof(Command), parsed.Errors.Select(e =>
                    new ValidationFailure(e.Row == 0 ? "Content" : $"Rows[{e.Row}].{e.Column}", e.Message) { CustomState = e }));
            }

            var people = await db.Participants.Where(p => p.ProgramId == program.Id)
                .Select(p => new { p.Id, p.Email }).ToDictionaryAsync(p => p.Email, p => p.Id, StringComparer.OrdinalIgnoreCase, cancellationToken);
            var known = (await db.LearningActivities.Where(a => a.ProgramId == program.Id).Select(a => a.RowHash).ToListAsync(cancellationToken))
                .ToHashSet(StringComparer.Ordinal);
            var again = new Dictionary<string, ActivityCsvRow>(StringComparer.Ordinal);

            var import = new LearningActivityImport
            {
                ProgramId = program.Id,
                FileName = Path.GetFileName(request.FileName.Trim()),
                ImportedByUserId = user.Id,
                Rows = parsed.Rows.Count,
            };
            db.LearningActivityImports.Add(import);

            var unknown = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
            var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var row in parsed.Rows)
            {
                if (!people.TryGetValue(row.Email, out var participantId))
                {
                    if (!unknown.TryGetValue(row.Email, out var rows))
                    {
                        unknown[row.Email] = rows = [];
                    }

                    rows.Add(row.Row);
                    continue;
                }

                // The same content twice in one file is two sessions; the occurrence number keeps them apart.
                var content = LearningActivityCsv.RowHash(program.Id, row, 0);
                occurrences[content] = occurrences.TryGetValue(content, out var seen) ? seen + 1 : 1;
                var hash = LearningActivityCsv.RowHash(program.Id, row, occurrences[content]);
                if (!known.Add(hash))
                {
                    import.AlreadyImported++;
                    again[hash] = row;
                    continue;
                }

                db.LearningActivities.Add(new LearningActivity
                {
                    ProgramId = program.Id,
                    ParticipantId = participantId,
                    ImportId = import.Id,
                    CourseTitle = row.Course,
                    Category = row.Category,
                    Minutes = row.Minutes,
                    Date = row.Date,
                    Completed = row.Completed,
                    Device = row.Device,
                    RowHash = hash,
                });
                import.Added++;
            }

            import.NotInProgram = unknown.Values.Sum(r => r.Count);
            var updated = await RefreshAsync(program.Id, again, request.Columns, cancellationToken);
            if (!string.IsNullOrWhiteSpace(request.SaveMappingAs))
            {
                await SaveMappingAsync(program.OrganizationId, request.SaveMappingAs.Trim(), request.Columns, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            var notInProgram = unknown.OrderBy(u => u.Value[0])
                .Select(u => new UnknownLearner(u.Key, u.Value.Count, u.Value.Take(10).ToList())).ToList();
            return new Result(import.Id, import.Rows, import.Added, import.AlreadyImported, notInProgram, parsed.EncodingName, updated);
        }

        /// <summary>
        /// An activity seen before may have moved on since (completed now): the columns this file maps overwrite
        /// the stored ones; a column the file does not map leaves the stored value alone.
        /// </summary>
        private async Task<int> RefreshAsync(Guid programId, Dictionary<string, ActivityCsvRow> again, ColumnMap columns, CancellationToken ct)
        {
            var updated = 0;
            foreach (var chunk in again.Keys.Chunk(500))
            {
                foreach (var stored in await db.LearningActivities.Where(a => a.ProgramId == programId && chunk.Contains(a.RowHash)).ToListAsync(ct))
                {
                    var row = again[stored.RowHash];
                    var before = (stored.Category, stored.Completed, stored.Device);
                    stored.Category = string.IsNullOrWhiteSpace(columns.Category) ? stored.Category : row.Category;
                    stored.Completed = string.IsNullOrWhiteSpace(columns.Completion) ? stored.Completed : row.Completed;
                    stored.Device = string.IsNullOrWhiteSpace(columns.Device) ? stored.Device : row.Device;
                    updated += before == (stored.Category, stored.Completed, stored.Device) ? 0 : 1;
                }
            }

            return updated;
        }

        private async Task SaveMappingAsync(Guid organizationId, string name, ColumnMap columns, CancellationToken ct)
        {
            var mapping = await db.ActivityColumnMappings.SingleOrDefaultAsync(m => m.OrganizationId == organizationId && m.Name == name, ct);
            if (mapping is null)
            {
                mapping = new ActivityColumnMapping { OrganizationId = organizationId, Name = name, EmailColumn = "", CourseColumn = "", MinutesColumn = "", DateColumn = "" };
                db.ActivityColumnMappings.Add(mapping);
            }

            mapping.EmailColumn = columns.Email;
            mapping.CourseColumn = columns.Course;
            mapping.CategoryColumn = Infrastructure.TextInput.OrNull(columns.Category);
            mapping.MinutesColumn = columns.Minutes;
            mapping.DateColumn = columns.Date;
            mapping.CompletionColumn = Infrastructure.TextInput.OrNull(columns.Completion);
            mapping.DeviceColumn = Infrastructure.TextInput.OrNull(columns.Device);
        }
    }

    internal static void CheckSize(byte[] content, IStringLocalizer<SharedResource> l)
    {
        if (content.Length == 0 || content.Length > MaxBytes)
        {
            throw new RequestValidationException(typeof(Command), [new ValidationFailure("Content",
                content.Length == 0 ? l["Choose a CSV file to import."] : l["The file is larger than 2 MB."])]);
        }
    }
}

/// <summary>Takes an import back out (the wrong file, the wrong programme): its rows go, the others stay.</summary>
public static class RemoveLearningActivityImport
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, Guid ImportId) : IRequest, IProgramRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.ImportId).NotEmpty();
    }

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var import = await db.LearningActivityImports.Where(i => i.ProgramId == request.ProgramId).GetAsync(request.ImportId, cancellationToken);
            db.LearningActivities.RemoveRange(await db.LearningActivities.Where(a => a.ImportId == import.Id).ToListAsync(cancellationToken));
            db.LearningActivityImports.Remove(import);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

public sealed record ImportItem(Guid Id, string FileName, DateTime At, int Rows, int Added, int AlreadyImported, int NotInProgram);

public sealed record MappingItem(Guid Id, string Name, ColumnMap Columns);

/// <summary>The programme's activity imports and its organisation's saved column mappings.</summary>
public static class LearningActivityImports
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Query(Guid ProgramId) : IRequest<Result>, IProgramRequest;

    public sealed record Result(IReadOnlyList<ImportItem> Imports, IReadOnlyList<MappingItem> Mappings, int Activities, int Learners, DateOnly? From, DateOnly? To);

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var program = await db.Programs.GetAsync(request.ProgramId, cancellationToken);
            var imports = await db.LearningActivityImports.Where(i => i.ProgramId == program.Id).OrderByDescending(i => i.CreatedAt)
                .Select(i => new ImportItem(i.Id, i.FileName, i.CreatedAt, i.Rows, i.Added, i.AlreadyImported, i.NotInProgram)).ToListAsync(cancellationToken);
            var mappings = (await db.ActivityColumnMappings.Where(m => m.OrganizationId == program.OrganizationId).OrderBy(m => m.Name).ToListAsync(cancellationToken))
                .Select(m => new MappingItem(m.Id, m.Name, new ColumnMap(m.EmailColumn, m.CourseColumn, m.CategoryColumn, m.MinutesColumn, m.DateColumn, m.CompletionColumn, m.DeviceColumn)))
                .ToList();
            var activity = db.LearningActivities.Where(a => a.ProgramId == program.Id);
            var count = await activity.CountAsync(cancellationToken);
            var learners = await activity.Select(a => a.ParticipantId).Distinct().CountAsync(cancellationToken);
            var from = await activity.MinAsync(a => (DateOnly?)a.Date, cancellationToken);
            var to = await activity.MaxAsync(a => (DateOnly?)a.Date, cancellationToken);
            return new Result(imports, mappings, count, learners, from, to);
        }
    }
}

/// <summary>Forgets a saved column mapping of the organisation.</summary>
public static class RemoveActivityMapping
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, Guid MappingId) : IRequest, IProgramRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.MappingId).NotEmpty();
    }

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var program = await db.Programs.GetAsync(request.ProgramId, cancellationToken);
            var mapping = await db.ActivityColumnMappings.Where(m => m.OrganizationId == program.OrganizationId).GetAsync(request.MappingId, cancellationToken);
            db.ActivityColumnMappings.Remove(mapping);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
