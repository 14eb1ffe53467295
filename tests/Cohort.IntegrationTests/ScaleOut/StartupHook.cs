using System.Diagnostics;
using System.Globalization;
using Cohort.IntegrationTests.Meetings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Kiota.Abstractions.Authentication;

/// <summary>
/// Loaded into an app child process (<see cref="Cohort.IntegrationTests.ScaleOut.AppProcess"/>) through
/// DOTNET_STARTUP_HOOKS, before the app's Main. It replaces the same two services the in-process test apps replace,
/// and nothing else: the clock (<c>COHORT_TEST_CLOCK</c>, an ISO instant the clock starts from and then runs in real
/// time) and Microsoft Graph's token (<c>COHORT_TEST_FAKE_GRAPH_TOKEN=1</c>: the fake Graph's fixed token instead of a
/// client-credentials call to Entra ID, which the tests cannot reach). It uses the hook WebApplicationFactory uses:
/// the "HostBuilding" event, raised after the app registered its services and before the container is built.
/// With <c>COHORT_TEST_PARENT_PID</c> it also ends the process once the test process is gone, so a test run that is
/// killed leaves no app running. The runtime requires this class name, outside any namespace.
/// </summary>
#pragma warning disable CA1050 // The runtime looks for a type named StartupHook in no namespace.
internal static class StartupHook
#pragma warning restore CA1050
{
    public const string ClockVariable = "COHORT_TEST_CLOCK";
    public const string FakeGraphTokenVariable = "COHORT_TEST_FAKE_GRAPH_TOKEN";
    public const string ParentVariable = "COHORT_TEST_PARENT_PID";

    public static void Initialize()
    {
        if (int.TryParse(Environment.GetEnvironmentVariable(ParentVariable), CultureInfo.InvariantCulture, out var parent))
        {
            new Thread(() => ExitWithParent(parent)) { IsBackground = true, Name = "exit with the test process" }.Start();
        }

        var clockStart = Environment.GetEnvironmentVariable(ClockVariable);
        var fakeGraphToken = Environment.GetEnvironmentVariable(FakeGraphTokenVariable) == "1";
        if (string.IsNullOrEmpty(clockStart) && !fakeGraphToken)
        {
            return;
        }

        var clock = string.IsNullOrEmpty(clockStart)
            ? null
            : new RunningClock(DateTimeOffset.Parse(clockStart, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
        DiagnosticListener.AllListeners.Subscribe(new ListenerObserver(services =>
        {
            if (clock is not null)
            {
                services.AddSingleton<TimeProvider>(clock);
            }

            if (fakeGraphToken)
            {
                services.AddSingleton<IAuthenticationProvider>(FakeTokenProvider.Authentication());
            }
        }));
    }

    private static void ExitWithParent(int parentId)
    {
        while (true)
        {
            try
            {
                using var parent = Process.GetProcessById(parentId);
                if (parent.HasExited)
                {
                    break;
                }
            }
            catch (ArgumentException)
            {
                break;
            }

            Thread.Sleep(1000);
        }

        Environment.Exit(3);
    }

    /// <summary>A clock that starts at a chosen instant and then runs at real speed, so claims and pauses still expire.</summary>
    private sealed class RunningClock(DateTimeOffset start) : TimeProvider
    {
        private readonly long _startedAt = Stopwatch.GetTimestamp();

        public override DateTimeOffset GetUtcNow() => start.ToUniversalTime() + Stopwatch.GetElapsedTime(_startedAt);
    }

    private sealed class ListenerObserver(Action<IServiceCollection> configure) : IObserver<DiagnosticListener>
    {
        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == "Microsoft.Extensions.Hosting")
            {
                value.Subscribe(new HostingObserver(configure));
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }

    private sealed class HostingObserver(Action<IServiceCollection> configure) : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == "HostBuilding" && value.Value is IHostBuilder builder)
            {
                builder.ConfigureServices(configure);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
