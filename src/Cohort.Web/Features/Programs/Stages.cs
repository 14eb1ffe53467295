using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure;
using Cohort.Web.Infrastructure.Localization;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Mediation;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Features.Programs;

/// <summary>Shared field rules for a stage's name and dates.</summary>
internal static class StageRules
{
    public static void Apply<T>(AbstractValidator<T> v, Func<T, string> name, Func<T, string?> nameEn, Func<T, string?> description, Func<T, DateOnly> start, Func<T, DateOnly> end, IStringLocalizer l)
    {
        // Every text column is at most 4000 characters on PostgreSQL; say so before the database does.
        v.RuleFor(c => description(c)).MaximumLength(4000).For("Description");
        v.RuleFor(c => name(c)).NotEmpty().MaximumLength(200).For("Name");
        v.RuleFor(c => nameEn(c)).MaximumLength(200).For("NameEn");
        v.RuleFor(c => start(c)).InclusiveBetween(Dates.First, Dates.Last).For("StartDate");
        v.RuleFor(c => end(c)).InclusiveBetween(Dates.First, Dates.Last).For("EndDate");
        v.RuleFor(c => end(c)).Must((c, e) => e >= start(c)).For("EndDate")
            .WithMessage(l["The end date must be on or after the start date."]);
    }
}

public static class AddStage
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, string Name, string? NameEn, string? Description, DateOnly StartDate, DateOnly EndDate) : IRequest<Guid>, IProgramRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l) =>
            StageRules.Apply(this, c => c.Name, c => c.NameEn, c => c.Description, c => c.StartDate, c => c.EndDate, l);
    }

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command request, CancellationToken cancellationToken)
        {
            var program = await db.GetProgramWithScheduleAsync(request.ProgramId, cancellationToken);
            var stage = new Stage
            {
                ProgramId = program.Id,
                Key = $"stage-{Guid.NewGuid():N}"[..14],
                Order = program.Stages.Count == 0 ? 1 : program.Stages.Max(s => s.Order) + 1,
                Name = request.Name.Trim(),
                NameEn = TextInput.OrNull(request.NameEn),
                Description = TextInput.OrNull(request.Description),
                StartDate = request.StartDate,
                EndDate = request.EndDate,
            };
            db.Stages.Add(stage);
            await db.SaveChangesAsync(cancellationToken);
            return stage.Id;
        }
    }
}

public static class UpdateStage
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, Guid StageId, string Name, string? NameEn, string? Description, DateOnly StartDate, DateOnly EndDate, Guid Version) : IRequest, IProgramRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            StageRules.Apply(this, c => c.Name, c => c.NameEn, c => c.Description, c => c.StartDate, c => c.EndDate, l);
            RuleFor(c => c.Version).NotEmpty();
        }
    }

    public sealed class Handler(CohortDbContext db, IStringLocalizer<SharedResource> l) : IRequestHandler<Command, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var stage = await db.Stages.Include(s => s.Milestones)
                .Where(s => s.ProgramId == request.ProgramId)
                .GetAsync(request.StageId, cancellationToken);
            db.ExpectVersion(stage, request.Version);
            var outside = stage.Milestones.Where(m => m.DueDate < request.StartDate || m.DueDate > request.EndDate).Select(m => m.Name).ToList();
            if (outside.Count > 0)
            {
                throw new Infrastructure.Mediation.RequestValidationException(typeof(Command), [new FluentValidation.Results.ValidationFailure(nameof(Command.EndDate),
                    l["These milestones would fall outside the stage: {0}. Move them first.", string.Join(", ", outside)])]);
            }

            stage.Name = request.Name.Trim();
            stage.NameEn = TextInput.OrNull(request.NameEn);
            stage.Description = TextInput.OrNull(request.Description);
            stage.StartDate = request.StartDate;
            stage.EndDate = request.EndDate;
            await db.SaveChangesAsync(cancellationToken);
            return MediatR.Unit.Value;
        }
    }
}

/// <summary>Moves a stage one place earlier or later in the programme's order.</summary>
public static class MoveStage
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, Guid StageId, int Direction) : IRequest, IProgramRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l) =>
            RuleFor(c => c.Direction).Must(d => d is -1 or 1).WithMessage(l["Direction must be -1 (earlier) or 1 (later)."]);
    }

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Command, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var program = await db.GetProgramWithScheduleAsync(request.ProgramId, cancellationToken);
            var ordered = program.Stages.OrderBy(s => s.Order).ToList();
            var index = ordered.FindIndex(s => s.Id == request.StageId);
            if (index < 0)
            {
                throw new Infrastructure.Errors.NotFoundException(nameof(Stage));
            }

            var other = index + request.Direction;
            if (other >= 0 && other < ordered.Count)
            {
                (ordered[index].Order, ordered[other].Order) = (ordered[other].Order, ordered[index].Order);
                await db.SaveChangesAsync(cancellationToken);
            }

            return MediatR.Unit.Value;
        }
    }
}
