using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Files;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Features.Cases;

public sealed record CaseContributorView(string Name, string Role, bool PublicNameConsent, bool IsMe);

public sealed record CaseAttachmentView(Guid Id, string FileName, string ContentType, long Bytes, Guid? SourceFileId);

public sealed record CaseFollowUpView(int Checkpoint, CaseOutcome Status, string? Effect, string? Reason, DateTime RecordedAt, string? RecordedBy);

public sealed record CaseStepView(CasePublicationAction Action, CaseLevel From, CaseLevel To, string? Note, string? UserName, DateTime At);

/// <summary>A case as its readers see it. The public page leaves out history and every name not consented to.</summary>
public sealed record CaseView(Guid Id, Guid Version, Guid OrganizationId, string OrganizationName, Guid? ProgramId, Guid? TeamId, string Title, string? Department, string DepartmentArea,
    string ProblemType, string? Tool, string AsIs, string ToBe, string? PrototypeWhat, string? Effects, string Lessons, string? NextSteps, CaseOutcome Outcome, int Year,
    DateOnly? ShowcaseDate, CaseLevel Level, CaseLevel? RequestedLevel, DateTime UpdatedAt, string? OriginOrganization, string? OriginDeployment, int ReuseCount,
    IReadOnlyList<string> ReusedBy, IReadOnlyList<CaseContributorView> Contributors, IReadOnlyList<CaseAttachmentView> Attachments, IReadOnlyList<CaseFollowUpView> FollowUps,
    IReadOnlyList<CaseStepView> History, bool CanContribute, bool CanEdit, bool CanApprove);

internal static class CaseViews
{
    public static async Task<CaseView> LoadAsync(CohortDbContext db, Guid caseId, Guid? me, CaseAccess? access, bool publicPage, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().AsSplitQuery().Include(x => x.Organization).Include(x => x.Contributors).Include(x => x.Attachments).Include(x => x.FollowUps)
            .Include(x => x.History).SingleOrDefaultAsync(x => x.Id == caseId, ct) ?? throw new NotFoundException("Case");
        var reusedBy = await db.CaseReuses.Where(r => r.CaseId == caseId).OrderBy(r => r.At)
            .Select(r => db.Organizations.Where(o => o.Id == r.OrganizationId).Select(o => o.Name).First()).ToListAsync(ct);
        var contributors = c.Contributors.Where(p => !publicPage || p.PublicNameConsent).OrderBy(p => p.Role).ThenBy(p => p.Name)
            .Select(p => new CaseContributorView(p.Name, p.Role, p.PublicNameConsent, me is not null && p.UserId == me)).ToList();
        return new CaseView(c.Id, c.Version, c.OrganizationId, c.Organization!.Name, publicPage ? null : c.ProgramId, publicPage ? null : c.TeamId, c.Title, c.Department,
            c.DepartmentArea, c.ProblemType, c.Tool, c.AsIs, c.ToBe, c.PrototypeWhat, c.Effects, c.Lessons, c.NextSteps, c.Outcome, c.Year, c.ShowcaseDate, c.Level,
            publicPage ? null : c.RequestedLevel, c.UpdatedAt, c.OriginOrganization, c.OriginDeployment, reusedBy.Count, publicPage ? [] : reusedBy.Distinct().ToList(), contributors,
            c.Attachments.OrderBy(a => a.FileName).Select(a => new CaseAttachmentView(a.Id, a.FileName, a.ContentType, a.Bytes, a.SourceFileId)).ToList(),
            c.FollowUps.OrderBy(f => f.RecordedAt).Select(f => new CaseFollowUpView(f.Checkpoint, f.Status, f.Effect, f.Reason, f.RecordedAt, publicPage ? null : f.RecordedBy)).ToList(),
            publicPage ? [] : c.History.OrderBy(h => h.At).Select(h => new CaseStepView(h.Action, h.From, h.To, h.Note, h.UserName, h.At)).ToList(),
            access?.Contributes == true, access is not null && access.Contributes && (c.Level == CaseLevel.Private || access.IsOrganizer), access?.IsOrganizer == true);
    }
}

/// <summary>One case, for anyone who may see it.</summary>
public static class CaseDetail
{
    [CaseAccess(CasePermission.Read)]
    public sealed record Query(Guid CaseId) : IRequest<CaseView>, ICaseRequest;

    public sealed class Handler(CohortDbContext db, AccessService access, CurrentUser user) : IRequestHandler<Query, CaseView>
    {
        public async Task<CaseView> Handle(Query request, CancellationToken cancellationToken) =>
            await CaseViews.LoadAsync(db, request.CaseId, user.Id, await access.ForCaseAsync(request.CaseId, cancellationToken), publicPage: false, cancellationToken);
    }
}

/// <summary>A public case, for anyone without signing in: only names whose people consented, no history. Anything else is not found.</summary>
public static class PublicCase
{
    [Anyone]
    public sealed record Query(Guid CaseId) : IRequest<CaseView>;

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Query, CaseView>
    {
        public async Task<CaseView> Handle(Query request, CancellationToken cancellationToken) =>
            await db.Cases.AnyAsync(c => c.Id == request.CaseId && c.Level == CaseLevel.Public, cancellationToken)
                ? await CaseViews.LoadAsync(db, request.CaseId, null, null, publicPage: true, cancellationToken)
                : throw new NotFoundException("Case");
    }
}

public sealed record CaseFile(string FileName, string ContentType, Stream Content);

/// <summary>An attachment of a case, to whoever may see the case.</summary>
public static class CaseAttachmentFile
{
    [CaseAccess(CasePermission.Read)]
    public sealed record Query(Guid CaseId, Guid AttachmentId) : IRequest<CaseFile>, ICaseRequest;

    public sealed class Handler(CohortDbContext db, IFileStore store) : IRequestHandler<Query, CaseFile>
    {
        public async Task<CaseFile> Handle(Query request, CancellationToken cancellationToken) => await OpenAsync(db, store, request.CaseId, request.AttachmentId, cancellationToken);

        internal static async Task<CaseFile> OpenAsync(CohortDbContext db, IFileStore store, Guid caseId, Guid attachmentId, CancellationToken ct)
        {
            var file = await db.CaseAttachments.SingleOrDefaultAsync(a => a.CaseId == caseId && a.Id == attachmentId, ct) ?? throw new NotFoundException("Attachment");
            return new CaseFile(file.FileName, file.ContentType, await store.OpenAsync(file.StorageKey, ct));
        }
    }
}

/// <summary>An attachment of a public case, to anyone.</summary>
public static class PublicCaseAttachmentFile
{
    [Anyone]
    public sealed record Query(Guid CaseId, Guid AttachmentId) : IRequest<CaseFile>;

    public sealed class Handler(CohortDbContext db, IFileStore store) : IRequestHandler<Query, CaseFile>
    {
        public async Task<CaseFile> Handle(Query request, CancellationToken cancellationToken) =>
            await db.Cases.AnyAsync(c => c.Id == request.CaseId && c.Level == CaseLevel.Public, cancellationToken)
                ? await CaseAttachmentFile.Handler.OpenAsync(db, store, request.CaseId, request.AttachmentId, cancellationToken)
                : throw new NotFoundException("Case");
    }
}

/// <summary>For the team page: the case the team started from (credited) and the cases written about its work.</summary>
public static class TeamCases
{
    [ProgramAccess(ProgramPermission.Read)]
    public sealed record Query(Guid ProgramId, Guid TeamId) : IRequest<Result>, IProgramRequest;

    public sealed record Source(Guid Id, string Title, string OrganizationName, bool Visible);

    public sealed record Item(Guid Id, string Title, CaseLevel Level, CaseOutcome Outcome);

    public sealed record Result(Source? StartedFrom, IReadOnlyList<Item> Cases);

    public sealed class Handler(CohortDbContext db, AccessService access) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var team = await db.Teams.Where(t => t.ProgramId == request.ProgramId).GetAsync(request.TeamId, cancellationToken);
            Source? source = null;
            if (team.SourceCaseId is { } sourceId)
            {
                var found = await db.Cases.Where(c => c.Id == sourceId).Select(c => new { c.Id, c.Title, Organization = c.Organization!.Name }).SingleOrDefaultAsync(cancellationToken);
                // Credit stays even if the case was withdrawn later; the link only works for those who may still see it.
                source = found is null ? null : new Source(found.Id, found.Title, found.Organization, await access.ForCaseAsync(found.Id, cancellationToken) is not null);
            }

            var cases = await db.Cases.Where(c => c.TeamId == team.Id).OrderBy(c => c.CreatedAt).Select(c => new Item(c.Id, c.Title, c.Level, c.Outcome)).ToListAsync(cancellationToken);
            return new Result(source, cases);
        }
    }
}
