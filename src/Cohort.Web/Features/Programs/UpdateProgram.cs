using Cohort.Web.Data;
using Cohort.Web.Infrastructure.Auth;
using FluentValidation;
using MediatR;

namespace Cohort.Web.Features.Programs;

public static class UpdateProgram
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, string Title, string? Description, int CheckInCadenceWorkingDays, bool YearEndClosure, Guid Version) : IRequest, IProgramRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Title).NotEmpty().MaximumLength(200);
            RuleFor(c => c.Description).MaximumLength(4000);
            RuleFor(c => c.CheckInCadenceWorkingDays).InclusiveBetween(1, 60);
            RuleFor(c => c.Version).NotEmpty();
        }
    }

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Command, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var program = await db.Programs.GetAsync(request.ProgramId, cancellationToken);
            db.ExpectVersion(program, request.Version);
            program.Title = request.Title.Trim();
            program.Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim();
            program.CheckInCadenceWorkingDays = request.CheckInCadenceWorkingDays;
            program.YearEndClosure = request.YearEndClosure;
            await db.SaveChangesAsync(cancellationToken);
            return MediatR.Unit.Value;
        }
    }
}
