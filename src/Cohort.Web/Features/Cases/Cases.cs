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

namespace Cohort.Web.Features.Cases;

/// <summary>
/// What the "write a case" form starts from: the team's department and problem, the tool and what the prototype does
/// from its latest accepted submission, and the files of its accepted submissions to choose attachments from.
/// </summary>
public static class CaseDraft
{
    [ProgramAccess(ProgramPermission.TeamWork)]
    public sealed record Query(Guid ProgramId, Guid TeamId) : IRequest<Result>, ITeamRequest;

    public sealed record FileChoice(Guid Id, string FileName, string ContentType, long Bytes, string Deliverable);

    public sealed record ExistingCase(Guid Id, string Title, CaseLevel Level);

    public sealed record Result(Guid ProgramId, Guid TeamId, string TeamName, string? Department, string? Problem, string? Tool, string? PrototypeWhat, DateOnly? ShowcaseDate,
        IReadOnlyList<FileChoice> Files, IReadOnlyList<ExistingCase> Existing);

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var team = await db.Teams.Where(t => t.ProgramId == request.ProgramId).GetAsync(request.TeamId, cancellationToken);
            var accepted = await db.SubmissionVersions
                .Where(v => v.SubmittedAt != null && db.Submissions.Any(s => s.Id == v.SubmissionId && s.TeamId == team.Id && s.Status == SubmissionStatus.Accepted))
                .OrderByDescending(v => v.SubmittedAt).Select(v => new { v.Tool, v.PrototypeWhat }).ToListAsync(cancellationToken);
            var files = await CaseAttachments.ChoicesAsync(db, team.Id, cancellationToken);
            var existing = await db.Cases.Where(c => c.TeamId == team.Id).OrderBy(c => c.CreatedAt).Select(c => new ExistingCase(c.Id, c.Title, c.Level)).ToListAsync(cancellationToken);
            return new Result(request.ProgramId, team.Id, team.Name, team.Department, team.ProblemTheme, accepted.Select(a => a.Tool).FirstOrDefault(t => t != null),
                accepted.Select(a => a.PrototypeWhat).FirstOrDefault(t => t != null), await CaseRules.ShowcaseDateAsync(db, request.ProgramId, team.Id, cancellationToken), files, existing);
        }
    }
}

/// <summary>
/// A team (or its mentor or organiser) writes up its work as a case, private to the organisation to begin with. The
/// team's members and mentors are named as contributors; nobody's name goes public until that person consents.
/// </summary>
public static class CreateCase
{
    [ProgramAccess(ProgramPermission.TeamWork)]
    public sealed record Command(Guid ProgramId, Guid TeamId, string Title, string? Department, string DepartmentArea, string ProblemType, string? Tool, string AsIs, string ToBe,
        string? PrototypeWhat, string? Effects, string Lessons, string? NextSteps, CaseOutcome Outcome, IReadOnlyList<Guid>? AttachmentFileIds) : IRequest<Guid>, ITeamRequest, ICaseFields;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            CaseRules.Apply(this, l);
            RuleFor(c => c.AttachmentFileIds).Must(ids => ids is null || ids.Count <= CaseRules.MaxAttachments).WithMessage(l["Choose at most 10 attachments."]);
        }
    }

    public sealed class Handler(CohortDbContext db, IFileStore store, IStringLocalizer<SharedResource> l) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command request, CancellationToken cancellationToken)
        {
            var team = await db.Teams.Include(t => t.Members).Include(t => t.Mentors).ThenInclude(a => a.Mentor)
                .Where(t => t.ProgramId == request.ProgramId).GetAsync(request.TeamId, cancellationToken);
            var program = await db.Programs.Where(p => p.Id == request.ProgramId).Select(p => new { p.OrganizationId, p.StartDate, OrganizationName = p.Organization!.Name }).SingleAsync(cancellationToken);
            var showcase = await CaseRules.ShowcaseDateAsync(db, request.ProgramId, team.Id, cancellationToken);
            var study = new CaseStudy
            {
                OrganizationId = program.OrganizationId,
                ProgramId = request.ProgramId,
                TeamId = team.Id,
                Title = request.Title,
                DepartmentArea = request.DepartmentArea,
                ProblemType = request.ProblemType,
                AsIs = request.AsIs,
                ToBe = request.ToBe,
                Lessons = request.Lessons,
                Year = CaseRules.FiscalYear(showcase ?? program.StartDate),
                ShowcaseDate = showcase,
                Level = CaseLevel.Private,
            };
            CaseRules.Write(study, request);
            foreach (var member in team.Members.OrderBy(m => m.Name))
            {
                study.Contributors.Add(new CaseContributor { Name = member.Name, Role = "member", UserId = member.UserId });
            }

            foreach (var mentor in team.Mentors.Select(a => a.Mentor!).OrderBy(m => m.Name))
            {
                study.Contributors.Add(new CaseContributor { Name = mentor.Name, Role = "mentor", UserId = mentor.UserId });
            }

            CaseRules.Index(study, program.OrganizationName);
            var saved = await CaseAttachments.CopyAsync(db, store, study, team.Id, request.AttachmentFileIds ?? [], l, typeof(Command), cancellationToken);
            db.Cases.Add(study);
            await CaseAttachments.SaveOrDeleteAsync(db, store, saved, cancellationToken);
            return study.Id;
        }
    }
}

/// <summary>
/// Edits a case. While it is private its team may change it; once shared or public only an organiser may (or the team
/// withdraws it first), so what was approved is what others read.
/// </summary>
public static class UpdateCase
{
    [CaseAccess(CasePermission.Contribute)]
    public sealed record Command(Guid CaseId, Guid? Version, string Title, string? Department, string DepartmentArea, string ProblemType, string? Tool, string AsIs, string ToBe,
        string? PrototypeWhat, string? Effects, string Lessons, string? NextSteps, CaseOutcome Outcome, IReadOnlyList<Guid>? AttachmentFileIds) : IRequest, ICaseRequest, ICaseFields;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            CaseRules.Apply(this, l);
            RuleFor(c => c.AttachmentFileIds).Must(ids => ids is null || ids.Count <= CaseRules.MaxAttachments).WithMessage(l["Choose at most 10 attachments."]);
        }
    }

    public sealed class Handler(CohortDbContext db, AccessService access, IFileStore store, IStringLocalizer<SharedResource> l) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var caller = await access.RequireCaseAsync(request.CaseId, CasePermission.Contribute, cancellationToken);
            var study = await db.Cases.Include(c => c.Attachments).Include(c => c.FollowUps).Include(c => c.Contributors).SingleAsync(c => c.Id == request.CaseId, cancellationToken);
            if (study.Level != CaseLevel.Private && !caller.IsOrganizer)
            {
                throw new ConflictException("This case is shared beyond the organisation: an organiser can edit it, or withdraw it to private first.");
            }

            if (request.Version is { } version)
            {
                db.ExpectVersion(study, version);
            }

            CaseRules.Write(study, request);
            if (study.Level == CaseLevel.Public)
            {
                CaseRules.RequireNoUnconsentedNames(study, typeof(Command), l);
            }

            var organization = await db.Organizations.Where(o => o.Id == study.OrganizationId).Select(o => o.Name).SingleAsync(cancellationToken);
            CaseRules.Index(study, organization);

            var removed = new List<string>();
            var saved = new List<string>();
            if (request.AttachmentFileIds is { } chosen)
            {
                foreach (var gone in study.Attachments.Where(a => a.SourceFileId is { } s && !chosen.Contains(s)).ToList())
                {
                    study.Attachments.Remove(gone);
                    db.CaseAttachments.Remove(gone);
                    removed.Add(gone.StorageKey);
                }

                var keep = study.Attachments.Where(a => a.SourceFileId is not null).Select(a => a.SourceFileId!.Value).ToHashSet();
                if (study.TeamId is { } teamId)
                {
                    saved = await CaseAttachments.CopyAsync(db, store, study, teamId, chosen.Where(id => !keep.Contains(id)).ToList(), l, typeof(Command), cancellationToken);
                }
                else if (chosen.Any(id => !keep.Contains(id)))
                {
                    throw new RequestValidationException(typeof(Command), [new ValidationFailure(nameof(Command.AttachmentFileIds), l["Choose attachments from the team's accepted submissions."])]);
                }
            }

            await CaseAttachments.SaveOrDeleteAsync(db, store, saved, cancellationToken);
            foreach (var key in removed)
            {
                await store.DeleteAsync(key, CancellationToken.None);
            }

            return Unit.Value;
        }
    }
}

/// <summary>An organiser deletes a case with its attachments, follow-ups and history; teams that reused it keep their work.</summary>
public static class DeleteCase
{
    [CaseAccess(CasePermission.Approve)]
    public sealed record Command(Guid CaseId) : IRequest, ICaseRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.CaseId).NotEmpty();
    }

    public sealed class Handler(CohortDbContext db, IFileStore store) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var study = await db.Cases.Include(c => c.Attachments).SingleAsync(c => c.Id == request.CaseId, cancellationToken);
            var keys = study.Attachments.Select(a => a.StorageKey).ToList();
            await db.Teams.Where(t => t.SourceCaseId == study.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.SourceCaseId, (Guid?)null), cancellationToken);
            db.Cases.Remove(study);
            await db.SaveChangesAsync(cancellationToken);
            foreach (var key in keys)
            {
                await store.DeleteAsync(key, CancellationToken.None);
            }

            return Unit.Value;
        }
    }
}

/// <summary>Copies chosen files of a team's accepted submissions into a case, so the case stands on its own.</summary>
internal static class CaseAttachments
{
    public static Task<List<CaseDraft.FileChoice>> ChoicesAsync(CohortDbContext db, Guid teamId, CancellationToken ct) =>
        (from f in db.SubmissionFiles
         join v in db.SubmissionVersions on f.SubmissionVersionId equals v.Id
         join s in db.Submissions on v.SubmissionId equals s.Id
         where s.TeamId == teamId && s.Status == SubmissionStatus.Accepted && v.SubmittedAt != null
         orderby v.SubmittedAt, f.FileName
         select new CaseDraft.FileChoice(f.Id, f.FileName, f.ContentType, f.Bytes, s.Milestone!.Name)).ToListAsync(ct);

    /// <summary>Stores a copy of each chosen file; the keys written are returned so a failed save can remove them.</summary>
    public static async Task<List<string>> CopyAsync(CohortDbContext db, IFileStore store, CaseStudy study, Guid teamId, IReadOnlyCollection<Guid> fileIds,
        IStringLocalizer<SharedResource> l, Type requestType, CancellationToken ct)
    {
        var written = new List<string>();
        if (fileIds.Count == 0)
        {
            return written;
        }

        var choices = (await ChoicesAsync(db, teamId, ct)).ToDictionary(c => c.Id);
        if (fileIds.Any(id => !choices.ContainsKey(id)))
        {
            throw new RequestValidationException(requestType, [new ValidationFailure("AttachmentFileIds", l["Choose attachments from the team's accepted submissions."])]);
        }

        var keys = await db.SubmissionFiles.Where(f => fileIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.StorageKey, ct);
        try
        {
            foreach (var id in fileIds.Distinct())
            {
                var choice = choices[id];
                await using var source = await store.OpenAsync(keys[id], ct);
                var key = await store.SaveAsync(source, ct);
                written.Add(key);
                var attachment = new CaseAttachment { CaseId = study.Id, StorageKey = key, FileName = choice.FileName, ContentType = choice.ContentType, Bytes = choice.Bytes, SourceFileId = id };
                study.Attachments.Add(attachment);
                if (db.Entry(study).State != EntityState.Detached)
                {
                    db.CaseAttachments.Add(attachment);
                }
            }
        }
        catch
        {
            await DeleteAllAsync(store, written);
            throw;
        }

        return written;
    }

    /// <summary>Saves; when the rows do not land, the copies just written are removed again.</summary>
    public static async Task SaveOrDeleteAsync(CohortDbContext db, IFileStore store, List<string> written, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            await DeleteAllAsync(store, written);
            throw;
        }
    }

    private static async Task DeleteAllAsync(IFileStore store, IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            await store.DeleteAsync(key, CancellationToken.None);
        }
    }
}
