using System.Diagnostics;
using Cohort.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Cohort.IntegrationTests.Features;

/// <summary>The app's OpenTelemetry wiring, read through in-memory exporters in place of OTLP.</summary>
public sealed class TelemetryTests(TelemetryTests.TelemetryApp app) : IClassFixture<TelemetryTests.TelemetryApp>
{
    [Fact]
    public async Task Requests_are_traced_and_measured_and_the_job_counts_are_reported()
    {
        var response = await app.CreateClient().GetAsync("/Account/Login");
        response.EnsureSuccessStatusCode();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await app.CreateClient().GetAsync("/readyz")).StatusCode);

        app.Services.GetRequiredService<TracerProvider>().ForceFlush();
        app.Services.GetRequiredService<MeterProvider>().ForceFlush();

        // The listener hears every host of the test process: other test classes' sign-in pages may be there too.
        Assert.Contains(app.Spans, s => s.Kind == ActivityKind.Server && s.GetTagItem("url.path") as string == "/Account/Login"
            && Equals(s.GetTagItem("http.response.status_code"), 200));
        // Probes are left out of traces: a load balancer polling every second would drown everything else.
        Assert.DoesNotContain(app.Spans, s => s.GetTagItem("url.path") as string == "/readyz");

        Assert.Contains(app.Metrics, m => m.Name == "http.server.request.duration");
        // Other apps of the test run have meters of the same name, so there may be more than one stream.
        var states = new List<string>();
        foreach (var jobs in app.Metrics.Where(m => m.Name == "cohort.jobs"))
        {
            foreach (ref readonly var point in jobs.GetMetricPoints())
            {
                foreach (var tag in point.Tags)
                {
                    states.Add((string)tag.Value!);
                }
            }
        }

        Assert.Equal(["enqueued", "failed", "processing", "scheduled", "succeeded"], states.Distinct().Order());
    }

    public sealed class TelemetryApp : CohortApp
    {
        protected override Database Kind => Database.Sqlite;

        public List<Activity> Spans { get; } = [];

        public List<Metric> Metrics { get; } = [];

        protected override void ConfigureServices(IServiceCollection services)
        {
            services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(Spans));
            services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(Metrics));
        }
    }
}
