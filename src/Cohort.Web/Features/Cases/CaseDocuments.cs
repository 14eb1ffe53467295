using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
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
/// A case as a self-contained JSON document (schema: wwwroot/schemas/case-document.v1.json), so cases travel between
/// Cohort deployments without a central server. Names appear only for people who consented to be named publicly;
/// attachments travel inside, base64 with their SHA-256.
/// </summary>
public sealed record CaseDocument(string Format, int Version, DateTime ExportedAt, CaseDocument.OriginPart Origin, CaseDocument.CasePart Case,
    IReadOnlyList<CaseDocument.PersonPart> Contributors, IReadOnlyList<CaseDocument.FollowUpPart> FollowUps, IReadOnlyList<CaseDocument.FilePart> Attachments)
{
    public const string FormatName = "cohort-case";

    public const int CurrentVersion = 1;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <param name="Deployment">The id of the deployment the case was written on.</param>
    /// <param name="Url">That deployment's public address, when it has one.</param>
    public sealed record OriginPart(string Deployment, string? Url, string Organization, Guid CaseId);

    public sealed record CasePart(string Title, string? Department, string DepartmentArea, string ProblemType, string? Tool, string AsIs, string ToBe, string? PrototypeWhat,
        string? Effects, string Lessons, string? NextSteps, CaseOutcome Outcome, int Year, DateOnly? ShowcaseDate) : ICaseFields;

    /// <param name="Name">Null when the person did not consent to be named publicly.</param>
    public sealed record PersonPart(string? Name, string Role);

    public sealed record FollowUpPart(int Checkpoint, CaseOutcome Status, string? Effect, string? Reason, DateTime RecordedAt);

    public sealed record FilePart(string FileName, string ContentType, long Bytes, string Sha256, string Content);
}

internal static class DeploymentInfo
{
    /// <summary>This deployment's id, made once and kept in the database.</summary>
    public static async Task<string> IdAsync(CohortDbContext db, CancellationToken ct)
    {
        if (await db.Deployment.AsNoTracking().SingleOrDefaultAsync(d => d.Id == 1, ct) is { } known)
        {
            return known.DeploymentId.ToString();
        }

        db.Deployment.Add(new DeploymentIdentity { Id = 1, DeploymentId = Guid.NewGuid() });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance made it first.
            db.ChangeTracker.Clear();
        }

        return (await db.Deployment.AsNoTracking().SingleAsync(d => d.Id == 1, ct)).DeploymentId.ToString();
    }
}

/// <summary>Exports a case as a case document, to anyone who may see the case.</summary>
public static class ExportCase
{
    [CaseAccess(CasePermission.Read)]
    public sealed record Query(Guid CaseId) : IRequest<CaseDocument>, ICaseRequest;

    public sealed class Handler(CohortDbContext db, IFileStore store, IConfiguration configuration, TimeProvider clock) : IRequestHandler<Query, CaseDocument>
    {
        public async Task<CaseDocument> Handle(Query request, CancellationToken cancellationToken)
        {
            var c = await db.Cases.AsNoTracking().AsSplitQuery().Include(x => x.Organization).Include(x => x.Contributors).Include(x => x.FollowUps).Include(x => x.Attachments)
                .SingleAsync(x => x.Id == request.CaseId, cancellationToken);
            var origin = c.OriginDeployment is not null && c.OriginCaseId is { } originId
                ? new CaseDocument.OriginPart(c.OriginDeployment, null, c.OriginOrganization ?? c.Organization!.Name, originId)
                : new CaseDocument.OriginPart(await DeploymentInfo.IdAsync(db, cancellationToken), Infrastructure.TextInput.OrNull(configuration["Cohort:PublicUrl"]), c.Organization!.Name, c.Id);
            var files = new List<CaseDocument.FilePart>();
            foreach (var a in c.Attachments.OrderBy(a => a.FileName))
            {
                await using var stream = await store.OpenAsync(a.StorageKey, cancellationToken);
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, cancellationToken);
                var bytes = buffer.ToArray();
                files.Add(new CaseDocument.FilePart(a.FileName, a.ContentType, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)), Convert.ToBase64String(bytes)));
            }

            return new CaseDocument(CaseDocument.FormatName, CaseDocument.CurrentVersion, clock.GetUtcNow().UtcDateTime, origin,
                new CaseDocument.CasePart(c.Title, c.Department, c.DepartmentArea, c.ProblemType, c.Tool, c.AsIs, c.ToBe, c.PrototypeWhat, c.Effects, c.Lessons, c.NextSteps, c.Outcome,
                    c.Year, c.ShowcaseDate),
                c.Contributors.OrderBy(p => p.Role).ThenBy(p => p.Name).Select(p => new CaseDocument.PersonPart(p.PublicNameConsent ? p.Name : null, p.Role)).ToList(),
                c.FollowUps.OrderBy(f => f.RecordedAt).Select(f => new CaseDocument.FollowUpPart(f.Checkpoint, f.Status, f.Effect, f.Reason, f.RecordedAt)).ToList(),
                files);
        }
    }
}

/// <summary>
/// An organisation's admin imports a case document from another deployment. It arrives private, names where it came
/// from, and is checked like anything typed in: the fields by the same rules, each attachment by its content and hash.
/// The same case imported twice into one organisation is a conflict.
/// </summary>
public static class ImportCase
{
    [OrganizationAccess(OrganizationPermission.Manage)]
    public sealed record Command(Guid OrganizationId, CaseDocument? Document) : IRequest<Guid>, IOrganizationRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Document).NotNull().WithMessage(l["This is not a case document."]);
            When(c => c.Document is not null, () =>
            {
                RuleFor(c => c.Document!.Format).Equal(CaseDocument.FormatName).WithMessage(l["This is not a case document."]);
                RuleFor(c => c.Document!.Version).Equal(CaseDocument.CurrentVersion).WithMessage(l["This case document's version is not supported."]);
                RuleFor(c => c.Document!.Origin).NotNull().WithMessage(l["The document does not say where it comes from."]);
                RuleFor(c => c.Document!.Origin.Deployment).NotEmpty().MaximumLength(100).When(c => c.Document!.Origin is not null);
                RuleFor(c => c.Document!.Origin.Organization).NotEmpty().MaximumLength(200).When(c => c.Document!.Origin is not null);
                RuleFor(c => c.Document!.Origin.CaseId).NotEmpty().When(c => c.Document!.Origin is not null);
                RuleFor(c => c.Document!.Case).NotNull().WithMessage(l["This is not a case document."]);
                RuleFor(c => c.Document!.Case).SetValidator(new BodyValidator(l)).When(c => c.Document!.Case is not null);
                RuleFor(c => c.Document!.Contributors).Must(p => p is null || (p.Count <= 50 && p.All(x => x is not null && (x.Name?.Length ?? 0) <= 200 && x.Role is "member" or "mentor")))
                    .WithMessage(l["The document's contributors are not valid."]);
                RuleFor(c => c.Document!.FollowUps).Must(f => f is null || (f.Count <= 50 && f.All(x => x is not null && x.Status is CaseOutcome.Adopted or CaseOutcome.Piloting or CaseOutcome.Stopped
                        && x.Checkpoint >= 0 && (x.Effect?.Length ?? 0) <= 2000 && (x.Reason?.Length ?? 0) <= 2000)))
                    .WithMessage(l["The document's follow-ups are not valid."]);
                RuleFor(c => c.Document!.Attachments).Must(a => a is null || a.Count <= CaseRules.MaxAttachments).WithMessage(l["Choose at most 10 attachments."]);
            });
        }
    }

    private sealed class BodyValidator : AbstractValidator<CaseDocument.CasePart>
    {
        public BodyValidator(IStringLocalizer<SharedResource> l)
        {
            CaseRules.Apply(this, l);
            RuleFor(c => c.Year).InclusiveBetween(2000, 2100);
        }
    }

    public sealed class Handler(CohortDbContext db, IFileStore store, FileLimits limits, IStringLocalizer<SharedResource> l) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command request, CancellationToken cancellationToken)
        {
            var doc = request.Document!;
            var organization = await db.Organizations.GetAsync(request.OrganizationId, cancellationToken);
            if (await db.Cases.AnyAsync(c => c.OrganizationId == organization.Id && c.OriginDeployment == doc.Origin.Deployment && c.OriginCaseId == doc.Origin.CaseId, cancellationToken))
            {
                throw new ConflictException("This case has already been imported into this organisation.");
            }

            var body = doc.Case;
            var study = new CaseStudy
            {
                OrganizationId = organization.Id,
                Title = body.Title,
                DepartmentArea = body.DepartmentArea,
                ProblemType = body.ProblemType,
                AsIs = body.AsIs,
                ToBe = body.ToBe,
                Lessons = body.Lessons,
                Year = body.Year,
                ShowcaseDate = body.ShowcaseDate,
                Level = CaseLevel.Private,
                OriginDeployment = doc.Origin.Deployment,
                OriginOrganization = doc.Origin.Organization,
                OriginCaseId = doc.Origin.CaseId,
            };
            CaseRules.Write(study, body);
            foreach (var person in (doc.Contributors ?? []).Where(p => !string.IsNullOrWhiteSpace(p.Name)))
            {
                // They consented to be named publicly where the case was written; the consent travels with the name.
                study.Contributors.Add(new CaseContributor { Name = person.Name!.Trim(), Role = person.Role, PublicNameConsent = true });
            }

            foreach (var f in (doc.FollowUps ?? []).OrderBy(f => f.RecordedAt))
            {
                study.FollowUps.Add(new CaseFollowUp { Checkpoint = f.Checkpoint, Status = f.Status, Effect = Infrastructure.TextInput.OrNull(f.Effect), Reason = Infrastructure.TextInput.OrNull(f.Reason), RecordedAt = f.RecordedAt });
            }

            var files = Decode(doc.Attachments ?? []);
            var written = new List<string>();
            try
            {
                foreach (var (part, bytes) in files)
                {
                    using var content = new MemoryStream(bytes, writable: false);
                    var check = FileInspector.Inspect(part.FileName, content, limits);
                    if (!check.Ok)
                    {
                        throw new RequestValidationException(typeof(Command), [new ValidationFailure("Document.Attachments", $"{part.FileName}: {check.Describe(l)}")]);
                    }

                    content.Position = 0;
                    var key = await store.SaveAsync(content, cancellationToken);
                    written.Add(key);
                    study.Attachments.Add(new CaseAttachment { StorageKey = key, FileName = check.SafeName, ContentType = check.ContentType, Bytes = bytes.Length });
                }

                CaseRules.Index(study, organization.Name);
                db.Cases.Add(study);
                await db.SaveChangesAsync(cancellationToken);
            }
            catch
            {
                foreach (var key in written)
                {
                    await store.DeleteAsync(key, CancellationToken.None);
                }

                throw;
            }

            return study.Id;
        }

        /// <summary>Every attachment decoded and checked against its size and hash before anything is stored.</summary>
        private List<(CaseDocument.FilePart Part, byte[] Bytes)> Decode(IReadOnlyList<CaseDocument.FilePart> parts)
        {
            var result = new List<(CaseDocument.FilePart, byte[])>();
            foreach (var part in parts)
            {
                byte[] bytes;
                try
                {
                    bytes = Convert.FromBase64String(part.Content ?? "");
                }
                catch (FormatException)
                {
                    throw Invalid(part, l["The attachment is not valid base64."]);
                }

                if (bytes.Length != part.Bytes || !string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), part.Sha256, StringComparison.OrdinalIgnoreCase))
                {
                    throw Invalid(part, l["The attachment does not match its size and hash: the document was changed or cut short."]);
                }

                result.Add((part, bytes));
            }

            return result;
        }

        private static RequestValidationException Invalid(CaseDocument.FilePart part, string message) =>
            new(typeof(Command), [new ValidationFailure("Document.Attachments", $"{part.FileName}: {message}")]);
    }
}
