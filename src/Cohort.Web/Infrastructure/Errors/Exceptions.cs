namespace Cohort.Web.Infrastructure.Errors;

/// <summary>The thing asked for does not exist (or the caller may not know it exists): 404.</summary>
public sealed class NotFoundException(string what) : Exception($"{what} was not found.")
{
    public string What { get; } = what;
}

/// <summary>A request that clashes with the current state (a stale version, a duplicate): 409.</summary>
public sealed class ConflictException(string message) : Exception(message);

/// <summary>The caller can see the thing but may not do this to it: 403.</summary>
public sealed class ForbiddenException(string message = "You do not have permission to do this.") : Exception(message);
