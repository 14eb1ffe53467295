using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Files;
using Cohort.Web.Infrastructure.Localization;
using Cohort.Web.Infrastructure.Mediation;
using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Features.Submissions;

/// <summary>
/// Attaches a file to the current draft. The content decides what it is (not the name), limits apply per file and
/// per version, and nothing is stored when the file is refused.
/// </summary>
public static class AttachFile
{
    [ProgramAccess(ProgramPermission.TeamWork)]
    public sealed record Command(Guid ProgramId, Guid TeamId, Guid SubmissionId, string FileName, byte[] Content) : IRequest<Guid>, ITeamRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.FileName).NotEmpty().MaximumLength(255);
            RuleFor(c => c.Content).NotEmpty().WithMessage(l["Choose a file."]);
        }
    }

    public sealed class Handler(CohortDbContext db, IFileStore store, FileLimits limits, TimeProvider clock, IStringLocalizer<SharedResource> l) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command request, CancellationToken cancellationToken)
        {
            var submission = await db.Submissions.Include(s => s.Versions)
                .Where(s => s.ProgramId == request.ProgramId && s.TeamId == request.TeamId).GetAsync(request.SubmissionId, cancellationToken);
            var draft = submission.Latest is { IsSubmitted: false } d ? d : throw new ConflictException("Files can be added to a draft only; save a new draft first.");

            using var content = new MemoryStream(request.Content, writable: false);
            var check = FileInspector.Inspect(request.FileName, content, limits);
            if (!check.Ok)
            {
                throw new RequestValidationException(typeof(Command), [new ValidationFailure(nameof(Command.Content), check.Describe(l))]);
            }

            var existing = await db.SubmissionFiles.Where(f => f.SubmissionVersionId == draft.Id).Select(f => f.Bytes).ToListAsync(cancellationToken);
            if (existing.Count >= limits.MaxFiles || existing.Sum() + request.Content.Length > limits.MaxSubmissionBytes)
            {
                throw new RequestValidationException(typeof(Command), [new ValidationFailure(nameof(Command.Content),
                    l["A version can hold at most {0} files and {1} MB in all.", limits.MaxFiles, limits.MaxSubmissionBytes / FileLimits.Megabyte])]);
            }

            content.Position = 0;
            var key = await store.SaveAsync(content, cancellationToken);
            var file = new SubmissionFile
            {
                SubmissionVersionId = draft.Id,
                StorageKey = key,
                FileName = check.SafeName,
                ContentType = check.ContentType,
                Bytes = request.Content.Length,
                UploadedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.SubmissionFiles.Add(file);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch
            {
                // The row did not land: do not leave an orphan file behind.
                await store.DeleteAsync(key, CancellationToken.None);
                throw;
            }

            return file.Id;
        }
    }
}

/// <summary>A file of a submission, for those who may see the team's work.</summary>
public static class SubmissionFileContent
{
    [ProgramAccess(ProgramPermission.TeamWork)]
    public sealed record Query(Guid ProgramId, Guid TeamId, Guid SubmissionId, Guid FileId) : IRequest<Result>, ITeamRequest;

    public sealed record Result(Stream Content, string ContentType, string FileName);

    public sealed class Handler(CohortDbContext db, IFileStore store) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var file = await FindAsync(db, request.ProgramId, request.TeamId, request.SubmissionId, request.FileId, cancellationToken);
            return new Result(await store.OpenAsync(file.StorageKey, cancellationToken), file.ContentType, file.FileName);
        }
    }

    /// <summary>A file of one of the team's submissions in the programme, or a 404.</summary>
    internal static async Task<SubmissionFile> FindAsync(CohortDbContext db, Guid programId, Guid teamId, Guid submissionId, Guid fileId, CancellationToken ct) =>
        await db.SubmissionFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == fileId
            && db.SubmissionVersions.Any(v => v.Id == f.SubmissionVersionId && v.SubmissionId == submissionId
                && db.Submissions.Any(s => s.Id == submissionId && s.TeamId == teamId && s.ProgramId == programId)), ct)
        ?? throw new NotFoundException("File");
}

/// <summary>A small preview of an image file of a submission (WebP, at most 320 pixels), for those who may see the file.</summary>
public static class SubmissionFileThumbnail
{
    [ProgramAccess(ProgramPermission.TeamWork)]
    public sealed record Query(Guid ProgramId, Guid TeamId, Guid SubmissionId, Guid FileId) : IRequest<byte[]>, ITeamRequest;

    public sealed class Handler(CohortDbContext db, IFileStore store) : IRequestHandler<Query, byte[]>
    {
        public async Task<byte[]> Handle(Query request, CancellationToken cancellationToken)
        {
            var file = await SubmissionFileContent.FindAsync(db, request.ProgramId, request.TeamId, request.SubmissionId, request.FileId, cancellationToken);
            if (!Thumbnails.CanPreview(file.ContentType))
            {
                throw new NotFoundException("Thumbnail");
            }

            await using var content = await store.OpenAsync(file.StorageKey, cancellationToken);
            return await Thumbnails.CreateAsync(content, cancellationToken) ?? throw new NotFoundException("Thumbnail");
        }
    }
}
