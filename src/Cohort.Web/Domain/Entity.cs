namespace Cohort.Web.Domain;

/// <summary>
/// Base of everything two people may edit. <see cref="Version"/> is an app-managed concurrency stamp
/// (SQLite has no generated row version); the DbContext renews it on every update.
/// </summary>
public abstract class Entity
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid Version { get; set; } = Guid.NewGuid();

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}
