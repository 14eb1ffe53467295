namespace Cohort.IntegrationTests.Infrastructure;

/// <summary>
/// CI sets COHORT_REQUIRE_SERVICES=1 so that a missing real service (PostgreSQL, ...) fails the run
/// instead of skipping the tests that need it; on a developer machine those tests skip with a reason.
/// </summary>
public static class RequiredServices
{
    public static bool Required { get; } = Environment.GetEnvironmentVariable("COHORT_REQUIRE_SERVICES") == "1";
}
