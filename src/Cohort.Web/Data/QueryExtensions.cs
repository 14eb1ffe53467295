using Cohort.Web.Domain;
using Cohort.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Data;

public static class QueryExtensions
{
    /// <summary>The single entity matching <paramref name="id"/>, or a 404.</summary>
    public static async Task<T> GetAsync<T>(this IQueryable<T> query, Guid id, CancellationToken cancellationToken)
        where T : Entity =>
        await query.SingleOrDefaultAsync(e => e.Id == id, cancellationToken)
            ?? throw new NotFoundException(typeof(T).Name);

    /// <summary>A programme with its stages, milestones and rubric: what date changes need to see.</summary>
    public static Task<TrainingProgram> GetProgramWithScheduleAsync(this CohortDbContext db, Guid programId, CancellationToken cancellationToken) =>
        db.Programs
            .Include(p => p.Stages).ThenInclude(s => s.Milestones)
            .AsSplitQuery()
            .GetAsync(programId, cancellationToken);
}
