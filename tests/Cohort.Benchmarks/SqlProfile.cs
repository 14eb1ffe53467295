using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Cohort.Benchmarks;

/// <summary>
/// With <c>--profile-sql</c>: times every database command (from EF Core's CommandExecuting to CommandExecuted event,
/// so including the provider's work and the round trip) and every transaction begin and commit (where SQLite waits
/// for the disk), summed per statement shape (parameter names and numbers blanked), to tell which query dominates a
/// phase. Costs a little per command, so compare its totals with each other, not with the timed runs.
/// </summary>
internal sealed partial class SqlProfile : ILoggerProvider
{
    private long _started;

    private readonly ConcurrentDictionary<string, Entry> _entries = new();

    public ILogger CreateLogger(string categoryName) =>
        categoryName is "Microsoft.EntityFrameworkCore.Database.Command" or "Microsoft.EntityFrameworkCore.Database.Transaction"
            ? new CommandLogger(this)
            : NullLogger.Instance;

    public void Reset() => _entries.Clear();

    public void Print(TextWriter output, int top = 8)
    {
        var all = _entries.ToArray();
        var totalMs = all.Sum(e => e.Value.Milliseconds);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    SQL: {all.Sum(e => e.Value.Count)} commands and transaction steps, {totalMs / 1000:F1} s in the database calls"));
        foreach (var (shape, entry) in all.OrderByDescending(e => e.Value.Milliseconds).Take(top))
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"    {entry.Count,8} × {entry.Milliseconds / Math.Max(1, entry.Count),7:F3} ms = {entry.Milliseconds / 1000,6:F1} s  {shape}"));
        }
    }

    public void Dispose()
    {
    }

    private void Record(string commandText, double milliseconds)
    {
        var shape = Whitespace().Replace(Numbers().Replace(Parameters().Replace(commandText, "@p"), "N"), " ").Trim();
        shape = ParameterLists().Replace(shape, "@p, …");
        if (shape.Length > 150)
        {
            shape = shape[..150] + "…";
        }

        var entry = _entries.GetOrAdd(shape, _ => new Entry());
        lock (entry)
        {
            entry.Count++;
            entry.Milliseconds += milliseconds;
        }
    }

    [GeneratedRegex(@"[@$:]\w+")]
    private static partial Regex Parameters();

    [GeneratedRegex(@"\b\d+\b")]
    private static partial Regex Numbers();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"@p(, @p)+")]
    private static partial Regex ParameterLists();

    private sealed class Entry
    {
        public int Count { get; set; }

        public double Milliseconds { get; set; }
    }

    private sealed class CommandLogger(SqlProfile profile) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var name = eventId.Name ?? "";
            if (name.EndsWith("CommandExecuting", StringComparison.Ordinal) || name.EndsWith("TransactionStarting", StringComparison.Ordinal)
                || name.EndsWith("TransactionCommitting", StringComparison.Ordinal))
            {
                profile._started = System.Diagnostics.Stopwatch.GetTimestamp();
                return;
            }

            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(profile._started).TotalMilliseconds;
            if (name.EndsWith("TransactionStarted", StringComparison.Ordinal))
            {
                profile.Record("BEGIN (transaction)", elapsed);
            }
            else if (name.EndsWith("TransactionCommitted", StringComparison.Ordinal))
            {
                profile.Record("COMMIT (transaction)", elapsed);
            }
            else if (name.EndsWith("CommandExecuted", StringComparison.Ordinal) && state is IReadOnlyList<KeyValuePair<string, object?>> values
                && values.FirstOrDefault(v => v.Key == "commandText").Value is string text)
            {
                profile.Record(text, elapsed);
            }
        }
    }

    private sealed class NullLogger : ILogger
    {
        public static readonly NullLogger Instance = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => false;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }
    }
}
