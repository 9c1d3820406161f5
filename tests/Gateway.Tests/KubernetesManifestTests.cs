using System.Diagnostics.Metrics;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using WalletGateway.Grains.Sessions;
using WalletGateway.Hosting;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace WalletGateway.Gateway.Tests;

/// <summary>deploy/k8s passes the offline schema check (<see cref="KubernetesManifests"/>) and matches docs/capacity.md.</summary>
public sealed class KubernetesManifestTests
{
    private static readonly CapacityPlan Plan = CapacityPlan.Shipped;
    private static readonly KubernetesManifests Manifests = KubernetesManifests.Shipped;

    [Fact]
    public void Manifests_AsShipped_PassTheSchemaCheck()
    {
        var kinds = Manifests.Objects.Select(o => o.GetType().Name).ToList();

        Assert.Equal(2, kinds.Count(k => k == nameof(V1Deployment)));
        Assert.Equal(2, kinds.Count(k => k == nameof(V2HorizontalPodAutoscaler)));
        Assert.Equal(2, kinds.Count(k => k == nameof(V1PodDisruptionBudget)));
    }

    [Theory]
    [InlineData("terminationGracePeriodSeconds: 60", "terminationGracePeriod: 60")]            // unknown field
    [InlineData("apiVersion: autoscaling/v2", "apiVersion: autoscaling/v3")]                     // unknown version
    [InlineData("kind: PodDisruptionBudget", "kind: PodDisruptionBudgets")]                      // unknown kind
    [InlineData("maxReplicas: 85", "maxReplicas: many")]                                         // wrong type
    [InlineData("limits: { cpu: \"4\"", "limits: { cpu: \"4 cores\"")]                          // malformed quantity
    [InlineData("minReplicas: 10", "minReplicas: 100")]                                           // above maxReplicas
    [InlineData("kind: Deployment, name: walletgateway-silo }", "kind: Deployment, name: silo }")] // scales nothing
    [InlineData("maxUnavailable: 1\n  selector:\n    matchLabels: { app: walletgateway-silo }", "maxUnavailable: 1\n  selector:\n    matchLabels: { app: silo }")]
    [InlineData("averageValue: \"120\"", "averageUtilization: 400")]                              // target of the wrong type
    [InlineData("httpGet: { path: /readyz, port: health }\n            periodSeconds: 5", "httpGet: { path: /readyz, port: web }\n            periodSeconds: 5")]
    public void SiloManifest_Broken_IsRejected(string shipped, string broken)
    {
        var text = File.ReadAllText(RepositoryFiles.PathOf("deploy", "k8s", "silo.yaml"));
        Assert.Contains(shipped, text);

        Assert.NotNull(Record.Exception(() => KubernetesManifests.Parse([text.Replace(shipped, broken, StringComparison.Ordinal)])));
    }

    [Theory]
    [InlineData("walletgateway-silo", "silo", "**silos**", "cards/s per silo", "drain_s")]
    [InlineData("walletgateway-frontend", "frontend", "**frontends**", "terminal HTTP requests/s per frontend", "prestop_s")]
    public void Manifests_AsShipped_MatchThePlan(string name, string tier, string countRow, string perPodRow, string beforeShutdown)
    {
        var pod = Manifests.Named<V1Deployment>(name).Spec.Template.Spec;
        var autoscaler = Manifests.Named<V2HorizontalPodAutoscaler>(name).Spec;
        var resources = pod.Containers.Single().Resources;

        foreach (var quantities in new[] { resources.Requests, resources.Limits })
        {
            Assert.Equal(Plan.Input($"{tier}_pod_cores"), quantities["cpu"].ToDecimal());
            Assert.Equal(Plan.Input($"{tier}_pod_memory_mi") * 1024 * 1024, quantities["memory"].ToDecimal());
        }

        // From the count at 1k cards/s to the count at 10k cards/s, on the per-pod load the plan puts at the target CPU.
        Assert.Equal((int)Plan.Planned(countRow, 0), autoscaler.MinReplicas);
        Assert.Equal((int)Plan.Planned(countRow, 1), autoscaler.MaxReplicas);
        Assert.Equal(Plan.Planned(perPodRow), autoscaler.Metrics.Single(m => m.Type == "Pods").Pods.Target.AverageValue.ToDecimal());
        Assert.Equal((int)(Plan.Input("target_cpu") * 100),
            autoscaler.Metrics.Single(m => m.Type == "Resource" && m.Resource.Name == "cpu").Resource.Target.AverageUtilization);
        Assert.Equal(1, Manifests.Named<V1PodDisruptionBudget>(name).Spec.MaxUnavailable.ToInt());
        Assert.True(pod.TerminationGracePeriodSeconds >= Plan.Input(beforeShutdown) + Plan.Input("host_shutdown_s"));
    }

    [Fact]
    public void FrontendPod_OnTermination_WaitsThePlannedTimeBeforeShutdown()
    {
        var container = Manifests.Named<V1Deployment>("walletgateway-frontend").Spec.Template.Spec.Containers.Single();

        Assert.Equal(Plan.Input("prestop_s"), container.Lifecycle.PreStop.Sleep.Seconds);
    }

    [Fact]
    public void AutoscalerMetrics_AreServedByTheAdapterFromMetricsTheGatewayExports()
    {
        var rules = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build()
            .Deserialize<AdapterConfig>(Manifests.Named<V1ConfigMap>("walletgateway-adapter-rules").Data["config.yaml"]).Rules;
        var series = rules.ToDictionary(r => r.Name.As, r => r.SeriesQuery[..r.SeriesQuery.IndexOf('{')]);

        Assert.Equal("walletgateway_sessions_opened_total", series[PodsMetric("walletgateway-silo")]);
        Assert.Contains(series[PodsMetric("walletgateway-silo")], SessionCounters());
        Assert.Equal("http_server_request_duration_seconds_count", series[PodsMetric("walletgateway-frontend")]);
        Assert.Contains("Microsoft.AspNetCore.Hosting", WalletGatewayOperations.Meters);
    }

    private static string PodsMetric(string autoscaler) =>
        Manifests.Named<V2HorizontalPodAutoscaler>(autoscaler).Spec.Metrics.Single(m => m.Type == "Pods").Pods.Metric.Name;

    /// <summary>The Prometheus names of the counters <see cref="SessionMetrics"/> creates (OpenTelemetry's exporter: dots to underscores, <c>_total</c>).</summary>
    private static List<string> SessionCounters()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        var names = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, _) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meterFactory) && instrument is Counter<long>)
            {
                names.Add(instrument.Name.Replace('.', '_') + "_total");
            }
        };
        listener.Start();
        _ = new SessionMetrics(meterFactory);
        return names;
    }

    private sealed class AdapterConfig
    {
        public List<AdapterRule> Rules { get; set; } = [];
    }

    private sealed class AdapterRule
    {
        public string SeriesQuery { get; set; } = "";

        public Dictionary<string, object> Resources { get; set; } = [];

        public AdapterName Name { get; set; } = new();

        public string MetricsQuery { get; set; } = "";
    }

    private sealed class AdapterName
    {
        public string Matches { get; set; } = "";

        public string As { get; set; } = "";
    }
}
