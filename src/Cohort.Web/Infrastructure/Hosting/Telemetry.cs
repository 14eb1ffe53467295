using System.Diagnostics.Metrics;
using Hangfire;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Cohort.Web.Infrastructure.Hosting;

/// <summary>
/// OpenTelemetry traces and metrics: ASP.NET Core requests, outgoing HTTP (Microsoft Graph, the identity provider),
/// .NET runtime, and Cohort's own meter (nudges sent, e-mails queued, Hangfire's job counts). Exported by OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or <c>Cohort:Telemetry:OtlpEndpoint</c>) is set; otherwise collected and dropped.
/// </summary>
public static class Telemetry
{
    public const string ServiceName = "cohort";
    public const string MeterName = "Cohort";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Nudges marked sent, by kind.</summary>
    public static readonly Counter<long> NudgesSent = Meter.CreateCounter<long>("cohort.nudges.sent", unit: "{nudge}", description: "Nudges sent");

    /// <summary>E-mails (digests) queued for delivery.</summary>
    public static readonly Counter<long> MailsQueued = Meter.CreateCounter<long>("cohort.mail.queued", unit: "{message}", description: "E-mails queued");

    public static IServiceCollection AddCohortTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var endpoint = configuration["Cohort:Telemetry:OtlpEndpoint"] ?? Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT");
        var export = !string.IsNullOrWhiteSpace(endpoint);
        services.AddHostedService<JobCountsGauge>();
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceInstanceId: Environment.MachineName + "-" + Environment.ProcessId))
            .WithTracing(t =>
            {
                t.AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/healthz") && !http.Request.Path.StartsWithSegments("/readyz"))
                    .AddHttpClientInstrumentation();
                if (export)
                {
                    t.AddOtlpExporter(o => o.Endpoint = new Uri(endpoint!));
                }
            })
            .WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter(MeterName);
                if (export)
                {
                    m.AddOtlpExporter(o => o.Endpoint = new Uri(endpoint!));
                }
            });
        return services;
    }

    /// <summary>
    /// Hangfire's counts (enqueued, scheduled, processing, failed, succeeded) as observable gauges, read from the job
    /// storage when a metric reader collects: every instance reports the shared storage's figures.
    /// </summary>
    public sealed class JobCountsGauge(JobStorage storage) : IHostedService, IDisposable
    {
        private Meter? _meter;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            // A meter per app (several live side by side in the test suite), disposed with it.
            _meter = new Meter(MeterName);
            _meter.CreateObservableGauge("cohort.jobs", () => Read(storage), unit: "{job}", description: "Hangfire jobs by state");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose() => _meter?.Dispose();

        private static IEnumerable<Measurement<long>> Read(JobStorage storage)
        {
            Hangfire.Storage.Monitoring.StatisticsDto stats;
            try
            {
                stats = storage.GetMonitoringApi().GetStatistics();
            }
            catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException or TimeoutException)
            {
                yield break;
            }

            yield return new Measurement<long>(stats.Enqueued, new KeyValuePair<string, object?>("state", "enqueued"));
            yield return new Measurement<long>(stats.Scheduled, new KeyValuePair<string, object?>("state", "scheduled"));
            yield return new Measurement<long>(stats.Processing, new KeyValuePair<string, object?>("state", "processing"));
            yield return new Measurement<long>(stats.Failed, new KeyValuePair<string, object?>("state", "failed"));
            yield return new Measurement<long>(stats.Succeeded, new KeyValuePair<string, object?>("state", "succeeded"));
        }
    }
}
