using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Domain.Templates;
using Cohort.Web.Infrastructure;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Localization;
using Cohort.Web.Infrastructure.Mediation;
using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Features.Submissions;

/// <summary>Which stages are open for a team: the first for everyone, later ones per team through the gate.</summary>
internal static class Gates
{
    public static async Task<bool> IsOpenAsync(CohortDbContext db, Guid teamId, Stage stage, CancellationToken ct)
    {
        var gate = await db.StageGates.SingleOrDefaultAsync(g => g.TeamId == teamId && g.StageId == stage.Id, ct);
        return gate?.State == GateState.Open || (gate is null && stage.Order == 1);
    }

    /// <summary>The deliverable whose acceptance opens the next stage: the stage's last milestone with a deliverable.</summary>
    public static Milestone? FinalDeliverable(Stage stage) =>
        stage.Milestones.Where(m => m.Deliverable != DeliverableType.None).OrderBy(m => m.DueDate).ThenBy(m => m.Name).LastOrDefault();

    public static async Task SetAsync(CohortDbContext db, Guid programId, Guid teamId, Guid stageId, GateState state, string? reason, Guid? by, DateTime now, CancellationToken ct)
    {
        var gate = await db.StageGates.SingleOrDefaultAsync(g => g.TeamId == teamId && g.StageId == stageId, ct);
        if (gate is null)
        {
            gate = new StageGate { ProgramId = programId, TeamId = teamId, StageId = stageId };
            db.StageGates.Add(gate);
        }

        gate.State = state;
        gate.Reason = reason;
        gate.DecidedByUserId = by;
        gate.DecidedAt = now;
    }
}

/// <summary>A team saves its work on a deliverable; a submitted version is never changed, so this edits the draft or starts a new one.</summary>
public static class SaveSubmissionDraft
{
    [ProgramAccess(ProgramPermission.TeamWork)]
    public sealed record Command(Guid ProgramId, Guid TeamId, Guid MilestoneId, string Title, string? Description, string? Links,
        string? PrototypeWhat, string? UserTestNotes, string? Tool, bool? ContainsPersonalData, string? PersonalDataExplanation) : IRequest<Guid>, ITeamRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Title).NotEmpty().MaximumLength(200);
            RuleFor(c => c.Description).MaximumLength(4000);
            RuleFor(c => c.Links).MaximumLength(2000)
                .Must(links => (links ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .All(x => Uri.TryCreate(x, UriKind.Absolute, out var u) && u.Scheme is "https" or "http"))
                .WithMessage(l["Put one web address per line, each starting with https://"]);
            RuleFor(c => c.PrototypeWhat).MaximumLength(2000);
            RuleFor(c => c.UserTestNotes).MaximumLength(4000);
            RuleFor(c => c.Tool).MaximumLength(100);
            RuleFor(c => c.PersonalDataExplanation).MaximumLength(1000);
        }
    }

    public sealed class Handler(CohortDbContext db, CurrentUser user) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command request, CancellationToken cancellationToken)
        {
            var team = await db.Teams.Where(t => t.ProgramId == request.ProgramId).GetAsync(request.TeamId, cancellationToken);
            var milestone = await db.Milestones.Include(m => m.Stage).Where(m => m.Stage!.ProgramId == request.ProgramId).GetAsync(request.MilestoneId, cancellationToken);
            if (!await Gates.IsOpenAsync(db, team.Id, milestone.Stage!, cancellationToken))
            {
                throw new ConflictException("This stage is not open for your team yet.");
            }

            var submission = await db.Submissions.Include(s => s.Versions).SingleOrDefaultAsync(s => s.TeamId == team.Id && s.MilestoneId == milestone.Id, cancellationToken);
            if (submission is null)
            {
                submission = new Submission { ProgramId = team.ProgramId, TeamId = team.Id, MilestoneId = milestone.Id };
                db.Submissions.Add(submission);
            }
            else if (submission.Status == SubmissionStatus.Accepted)
            {
                throw new ConflictException("This deliverable has been accepted; it can no longer change.");
            }

            var draft = submission.Latest is { IsSubmitted: false } latest ? latest : null;
            if (draft is null)
            {
                var previous = submission.Latest;
                draft = new SubmissionVersion { SubmissionId = submission.Id, Number = (previous?.Number ?? 0) + 1, Title = "" };
                db.SubmissionVersions.Add(draft);
                submission.Versions.Add(draft);
                if (previous is not null)
                {
                    // A resubmission starts from the files of the last version (same stored content, new rows).
                    var files = await db.SubmissionFiles.AsNoTracking().Where(f => f.SubmissionVersionId == previous.Id).ToListAsync(cancellationToken);
                    db.SubmissionFiles.AddRange(files.Select(f => new SubmissionFile
                    {
                        SubmissionVersionId = draft.Id,
                        StorageKey = f.StorageKey,
                        FileName = f.FileName,
                        ContentType = f.ContentType,
                        Bytes = f.Bytes,
                        UploadedAt = f.UploadedAt,
                    }));
                }
            }

            draft.Title = request.Title.Trim();
            draft.Description = TextInput.OrNull(request.Description);
            draft.Links = TextInput.OrNull(request.Links);
            draft.PrototypeWhat = TextInput.OrNull(request.PrototypeWhat);
            draft.UserTestNotes = TextInput.OrNull(request.UserTestNotes);
            draft.Tool = TextInput.OrNull(request.Tool);
            draft.ContainsPersonalData = request.ContainsPersonalData;
            draft.PersonalDataExplanation = TextInput.OrNull(request.PersonalDataExplanation);
            draft.AuthorUserId = user.Id!.Value;
            await db.SaveChangesAsync(cancellationToken);
            return submission.Id;
        }
    }
}

/// <summary>Hands the current draft in. Late when after the milestone's due date (accepted, and marked).</summary>
public static class SubmitDeliverable
{
    [ProgramAccess(ProgramPermission.TeamWork)]
    public sealed record Command(Guid ProgramId, Guid TeamId, Guid SubmissionId) : IRequest<int>, ITeamRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.SubmissionId).NotEmpty();
    }

    public sealed class Handler(CohortDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : IRequestHandler<Command, int>
    {
        public async Task<int> Handle(Command request, CancellationToken cancellationToken)
        {
            var submission = await db.Submissions.Include(s => s.Versions).Include(s => s.Milestone).ThenInclude(m => m!.Stage)
                .Where(s => s.ProgramId == request.ProgramId && s.TeamId == request.TeamId).GetAsync(request.SubmissionId, cancellationToken);
            var draft = submission.Latest is { IsSubmitted: false } d ? d : throw new ConflictException("There is no draft to submit.");
            var failures = new List<ValidationFailure>();
            if (submission.Milestone!.Deliverable == DeliverableType.Prototype)
            {
                if (string.IsNullOrWhiteSpace(draft.PrototypeWhat))
                {
                    failures.Add(new ValidationFailure(nameof(SubmissionVersion.PrototypeWhat), l["Describe what the prototype does."]));
                }

                if (draft.ContainsPersonalData is null)
                {
                    failures.Add(new ValidationFailure(nameof(SubmissionVersion.ContainsPersonalData), l["Say whether real personal data is inside the prototype."]));
                }
                else if (draft.ContainsPersonalData == true && string.IsNullOrWhiteSpace(draft.PersonalDataExplanation))
                {
                    failures.Add(new ValidationFailure(nameof(SubmissionVersion.PersonalDataExplanation), l["Explain which personal data is inside and why."]));
                }
            }

            if (failures.Count > 0)
            {
                throw new RequestValidationException(typeof(Command), failures);
            }

            var program = await db.Programs.AsNoTracking().SingleAsync(p => p.Id == submission.ProgramId, cancellationToken);
            draft.SubmittedAt = clock.GetUtcNow().UtcDateTime;
            draft.Late = TeamHealth.Today(clock, program.TimeZone) > submission.Milestone.DueDate;
            submission.Status = SubmissionStatus.Submitted;
            await db.SaveChangesAsync(cancellationToken);
            return draft.Number;
        }
    }
}

/// <summary>
/// A mentor reviews the latest submitted version against every criterion of the stage's rubric and accepts it or
/// returns it with requested changes. Accepting the stage's final deliverable opens the next stage for the team.
/// </summary>
public static class ReviewSubmission
{
    public sealed record Score(Guid CriterionId, int Value, string? Comment);

    [ProgramAccess(ProgramPermission.MentorTeam)]
    public sealed record Command(Guid ProgramId, Guid TeamId, Guid SubmissionId, int VersionNumber, ReviewDecision Decision, string? Comment, IReadOnlyList<Score>? Scores) : IRequest<Guid>, ITeamRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Decision).IsInEnum();
            RuleFor(c => c.Comment).MaximumLength(4000)
                .NotEmpty().When(c => c.Decision == ReviewDecision.Return).WithMessage(l["Say what needs to change."]);
            RuleForEach(c => c.Scores).NotNull().ChildRules(s => s.RuleFor(x => x.Comment).MaximumLength(1000)).When(c => c.Scores is null || c.Scores.All(s => s is not null));
        }
    }

    public sealed class Handler(CohortDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command request, CancellationToken cancellationToken)
        {
            var submission = await db.Submissions.Include(s => s.Versions).Include(s => s.Milestone).ThenInclude(m => m!.Stage).ThenInclude(st => st!.Rubric)
                .Where(s => s.ProgramId == request.ProgramId && s.TeamId == request.TeamId).GetAsync(request.SubmissionId, cancellationToken);
            var version = submission.Versions.Where(v => v.IsSubmitted).OrderByDescending(v => v.Number).FirstOrDefault();
            if (version is null || version.Number != request.VersionNumber || submission.Status != SubmissionStatus.Submitted)
            {
                throw new ConflictException("Only the latest submitted version that is waiting for review can be reviewed.");
            }

            var stage = submission.Milestone!.Stage!;
            var scores = (request.Scores ?? []).Where(s => s is not null).ToList();
            var failures = new List<ValidationFailure>();
            foreach (var criterion in stage.Rubric)
            {
                var given = scores.Where(s => s.CriterionId == criterion.Id).ToList();
                if (given.Count != 1 || given[0].Value < 1 || given[0].Value > criterion.MaxScore)
                {
                    failures.Add(new ValidationFailure("Scores", l["Score \"{0}\" from 1 to {1}.", criterion.Name, criterion.MaxScore]));
                }
            }

            if (scores.Any(s => stage.Rubric.All(c => c.Id != s.CriterionId)))
            {
                failures.Add(new ValidationFailure("Scores", l["Some scores are for criteria of another stage."]));
            }

            if (failures.Count > 0)
            {
                throw new RequestValidationException(typeof(Command), failures);
            }

            var name = await db.Users.Where(u => u.Id == user.Id).Select(u => u.DisplayName).SingleAsync(cancellationToken);
            var review = new Review { SubmissionVersionId = version.Id, ReviewerUserId = user.Id!.Value, ReviewerName = name, Decision = request.Decision, Comment = TextInput.OrNull(request.Comment) };
            review.Scores.AddRange(scores.Select(s => new ReviewScore { ReviewId = review.Id, CriterionId = s.CriterionId, Score = s.Value, Comment = TextInput.OrNull(s.Comment) }));
            db.Reviews.Add(review);
            submission.Status = request.Decision == ReviewDecision.Accept ? SubmissionStatus.Accepted : SubmissionStatus.Returned;

            if (request.Decision == ReviewDecision.Accept && Gates.FinalDeliverable(stage)?.Id == submission.MilestoneId)
            {
                var next = await db.Stages.Where(s => s.ProgramId == stage.ProgramId && s.Order > stage.Order).OrderBy(s => s.Order).FirstOrDefaultAsync(cancellationToken);
                if (next is not null)
                {
                    await Gates.SetAsync(db, stage.ProgramId, submission.TeamId, next.Id, GateState.Open, "accepted", user.Id, clock.GetUtcNow().UtcDateTime, cancellationToken);
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            return review.Id;
        }
    }
}

/// <summary>The team answers a review.</summary>
public static class RespondToReview
{
    [ProgramAccess(ProgramPermission.TeamWork)]
    public sealed record Command(Guid ProgramId, Guid TeamId, Guid ReviewId, string Response) : IRequest, ITeamRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Response).NotEmpty().MaximumLength(4000);
    }

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Command, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var review = await db.Reviews.Where(r => db.SubmissionVersions.Any(v => v.Id == r.SubmissionVersionId
                    && db.Submissions.Any(s => s.Id == v.SubmissionId && s.TeamId == request.TeamId && s.ProgramId == request.ProgramId)))
                .GetAsync(request.ReviewId, cancellationToken);
            review.TeamResponse = request.Response.Trim();
            await db.SaveChangesAsync(cancellationToken);
            return MediatR.Unit.Value;
        }
    }
}

/// <summary>An organiser opens a stage for a team, or holds it, by hand and with a reason (recorded in the audit log).</summary>
public static class SetStageGate
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, Guid TeamId, Guid StageId, GateState State, string Reason) : IRequest, ITeamRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.State).IsInEnum();
            RuleFor(c => c.Reason).NotEmpty().MaximumLength(1000);
        }
    }

    public sealed class Handler(CohortDbContext db, CurrentUser user, TimeProvider clock) : IRequestHandler<Command, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            await db.Teams.Where(t => t.ProgramId == request.ProgramId).GetAsync(request.TeamId, cancellationToken);
            await db.Stages.Where(s => s.ProgramId == request.ProgramId).GetAsync(request.StageId, cancellationToken);
            await Gates.SetAsync(db, request.ProgramId, request.TeamId, request.StageId, request.State, request.Reason.Trim(), user.Id, clock.GetUtcNow().UtcDateTime, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return MediatR.Unit.Value;
        }
    }
}
