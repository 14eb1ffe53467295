using System.Net.Sockets;
using Cohort.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Cohort.UnitTests.Errors;

/// <summary>A database that cannot be reached for a moment is told apart from a bug, so the API can answer 503.</summary>
public sealed class DatabaseUnavailableTests
{
    private static NpgsqlException Refused() => new("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));

    public static TheoryData<string, Exception, bool> Cases() => new()
    {
        { "connection refused", Refused(), true },
        { "connection refused while saving", new DbUpdateException("An error occurred while saving the entity changes.", Refused()), true },
        { "server shutting down", new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"), true },
        { "server starting up", new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03"), true },
        { "duplicate key", new DbUpdateException("An error occurred while saving the entity changes.", new PostgresException("duplicate key value", "ERROR", "ERROR", "23505")), false },
        { "syntax error", new PostgresException("syntax error", "ERROR", "ERROR", "42601"), false },
        { "a bug", new InvalidOperationException("Sequence contains no elements"), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Only_a_passing_database_failure_counts_as_unavailable(string what, Exception exception, bool unavailable) =>
        Assert.True(ErrorMeaning.IsDatabaseUnavailable(exception) == unavailable, what);
}
