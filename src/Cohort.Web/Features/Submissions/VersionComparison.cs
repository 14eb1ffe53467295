using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Domain.Templates;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Features.Submissions;

/// <summary>
/// What changed in a deliverable between two of its versions: each field line by line, the files added and
/// removed, and who wrote each version when. Without numbers it compares the latest version with the one before.
/// </summary>
public static class VersionComparison
{
    [ProgramAccess(ProgramPermission.TeamWork)]
    public sealed record Query(Guid ProgramId, Guid TeamId, Guid MilestoneId, int? From = null, int? To = null) : IRequest<Result>, ITeamRequest;

    public sealed record VersionInfo(int Number, string Title, string AuthorName, DateTime? SubmittedAt, bool Late);

    /// <summary>One field; <see cref="Lines"/> holds the whole text of both versions, marked kept, removed or added.</summary>
    public sealed record FieldDiff(string Field, bool Changed, IReadOnlyList<DiffLine> Lines);

    public sealed record FileView(Guid Id, string FileName, long Bytes);

    public sealed record Result(Guid SubmissionId, Guid MilestoneId, string MilestoneName, string? MilestoneNameEn, DeliverableType Deliverable, IReadOnlyList<VersionInfo> Versions, VersionInfo From, VersionInfo To,
        IReadOnlyList<FieldDiff> Fields, IReadOnlyList<FileView> FilesAdded, IReadOnlyList<FileView> FilesRemoved, IReadOnlyList<FileView> FilesKept)
    {
        public bool Changed => Fields.Any(f => f.Changed) || FilesAdded.Count > 0 || FilesRemoved.Count > 0;
    }

    /// <summary>The field names in results (as in the API's submission fields); the declaration reads "yes" or "no".</summary>
    public static class Fields
    {
        public const string Title = "title";
        public const string Description = "description";
        public const string Links = "links";
        public const string PrototypeWhat = "prototypeWhat";
        public const string UserTestNotes = "userTestNotes";
        public const string Tool = "tool";
        public const string ContainsPersonalData = "containsPersonalData";
        public const string PersonalDataExplanation = "personalDataExplanation";
    }

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var submission = await db.Submissions.AsNoTracking().Include(s => s.Versions).Include(s => s.Milestone)
                .SingleOrDefaultAsync(s => s.ProgramId == request.ProgramId && s.TeamId == request.TeamId && s.MilestoneId == request.MilestoneId, cancellationToken)
                ?? throw new NotFoundException("Submission");
            var versions = submission.Versions.OrderBy(v => v.Number).ToList();
            var to = request.To is { } t ? versions.SingleOrDefault(v => v.Number == t) : versions.LastOrDefault();
            var from = request.From is { } f ? versions.SingleOrDefault(v => v.Number == f) : versions.LastOrDefault(v => v.Number < (to?.Number ?? 0)) ?? to;
            if (from is null || to is null)
            {
                throw new NotFoundException("Version");
            }

            var authors = versions.Select(v => v.AuthorUserId).Distinct().ToList();
            var names = await db.Users.Where(u => authors.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
            VersionInfo Info(SubmissionVersion v) => new(v.Number, v.Title, names.GetValueOrDefault(v.AuthorUserId, ""), v.SubmittedAt, v.Late);

            var files = await db.SubmissionFiles.AsNoTracking().Where(x => x.SubmissionVersionId == from.Id || x.SubmissionVersionId == to.Id)
                .OrderBy(x => x.UploadedAt).ThenBy(x => x.FileName).ToListAsync(cancellationToken);
            var before = files.Where(x => x.SubmissionVersionId == from.Id).ToList();
            var after = files.Where(x => x.SubmissionVersionId == to.Id).ToList();

            // A new version starts with the previous one's files under the same stored content, so the storage key says "the same file".
            static FileView View(SubmissionFile x) => new(x.Id, x.FileName, x.Bytes);
            var added = after.Where(x => before.All(y => y.StorageKey != x.StorageKey)).Select(View).ToList();
            var removed = before.Where(x => after.All(y => y.StorageKey != x.StorageKey)).Select(View).ToList();
            var kept = after.Where(x => before.Any(y => y.StorageKey == x.StorageKey)).Select(View).ToList();

            var milestone = submission.Milestone!;
            return new Result(submission.Id, submission.MilestoneId, milestone.Name, milestone.NameEn, milestone.Deliverable, versions.Select(Info).ToList(), Info(from), Info(to),
                Compare(from, to, milestone.Deliverable == DeliverableType.Prototype), added, removed, kept);
        }

        private static List<FieldDiff> Compare(SubmissionVersion from, SubmissionVersion to, bool prototype)
        {
            var fields = new List<(string Name, string? From, string? To)>
            {
                (Fields.Title, from.Title, to.Title),
                (Fields.Description, from.Description, to.Description),
                (Fields.Links, from.Links, to.Links),
            };
            if (prototype)
            {
                fields.Add((Fields.PrototypeWhat, from.PrototypeWhat, to.PrototypeWhat));
                fields.Add((Fields.UserTestNotes, from.UserTestNotes, to.UserTestNotes));
                fields.Add((Fields.Tool, from.Tool, to.Tool));
                fields.Add((Fields.ContainsPersonalData, YesNo(from.ContainsPersonalData), YesNo(to.ContainsPersonalData)));
                fields.Add((Fields.PersonalDataExplanation, from.PersonalDataExplanation, to.PersonalDataExplanation));
            }

            return fields.Select(x =>
            {
                var lines = LineDiff.Compare(x.From, x.To);
                return new FieldDiff(x.Name, lines.Any(l => l.Kind != DiffKind.Same), lines);
            }).ToList();
        }

        private static string? YesNo(bool? value) => value switch
        {
            true => "yes",
            false => "no",
            null => null,
        };
    }
}
