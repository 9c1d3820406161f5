using k8s;
using k8s.Models;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// Kubernetes manifests checked offline. Each document is read into the typed Kubernetes models (generated from the
/// API's OpenAPI document) by a strict reader: an unknown apiVersion or kind, a misspelled field, a value of the wrong
/// type or a malformed quantity fails. Then what no schema sees: the references between the objects (selectors,
/// autoscaler targets, probe ports) and the fields a deployment here must set (resources, probes, grace period).
/// </summary>
internal sealed class KubernetesManifests
{
    private KubernetesManifests(List<object> objects) => Objects = objects;

    public IReadOnlyList<object> Objects { get; }

    public static KubernetesManifests Shipped { get; } = Parse(
        Directory.GetFiles(RepositoryFiles.PathOf("deploy", "k8s"), "*.yaml").Order(StringComparer.Ordinal).Select(File.ReadAllText));

    /// <summary>Reads and checks YAML texts; throws (YAML, unknown kind, or <see cref="InvalidDataException"/> naming every problem) on an invalid one.</summary>
    public static KubernetesManifests Parse(IEnumerable<string> texts)
    {
        var manifests = new KubernetesManifests([.. texts.SelectMany(t => KubernetesYaml.LoadAllFromString(t, strict: true))]);
        var problems = manifests.Problems().ToList();
        return problems.Count == 0 ? manifests : throw new InvalidDataException(string.Join(Environment.NewLine, problems));
    }

    public T Named<T>(string name) where T : IKubernetesObject<V1ObjectMeta> => Objects.OfType<T>().Single(o => o.Metadata.Name == name);

    private IEnumerable<string> Problems()
    {
        var deployments = Objects.OfType<V1Deployment>().ToList();
        foreach (var o in Objects.Cast<IKubernetesObject<V1ObjectMeta>>())
        {
            if (string.IsNullOrEmpty(o.Metadata?.Name) || (o is not V1Namespace && string.IsNullOrEmpty(o.Metadata.NamespaceProperty)))
            {
                yield return $"{o.Kind} {o.Metadata?.Name}: metadata.name and metadata.namespace are required";
            }
        }

        var problems = deployments.SelectMany(d => DeploymentProblems(d).Select(p => $"Deployment {d.Metadata.Name}: {p}"))
            .Concat(Objects.OfType<V1Service>()
                .Where(s => !deployments.Any(d => Selects(s.Spec?.Selector, d)))
                .Select(s => $"Service {s.Metadata.Name}: its selector matches no Deployment's pods"))
            .Concat(Objects.OfType<V1PodDisruptionBudget>().SelectMany(b => BudgetProblems(b, deployments)))
            .Concat(Objects.OfType<V2HorizontalPodAutoscaler>().SelectMany(a => AutoscalerProblems(a, deployments)));
        foreach (var problem in problems)
        {
            yield return problem;
        }
    }

    private static bool Selects(IDictionary<string, string>? selector, V1Deployment deployment) =>
        selector is { Count: > 0 } && deployment.Spec.Template.Metadata?.Labels is { } labels &&
        selector.All(s => labels.TryGetValue(s.Key, out var value) && value == s.Value);

    private static IEnumerable<string> DeploymentProblems(V1Deployment deployment)
    {
        if (!Selects(deployment.Spec?.Selector?.MatchLabels, deployment))
        {
            yield return "spec.selector.matchLabels must be set and match the pod template's labels";
        }

        var pod = deployment.Spec?.Template?.Spec;
        if (pod?.TerminationGracePeriodSeconds is null)
        {
            yield return "terminationGracePeriodSeconds must be set";
        }

        foreach (var container in pod?.Containers ?? [])
        {
            var ports = (container.Ports ?? []).SelectMany(p => new[] { p.Name, p.ContainerPort.ToString() }).ToHashSet();
            var resources = container.Resources;
            if (string.IsNullOrEmpty(container.Name) || string.IsNullOrEmpty(container.Image))
            {
                yield return "every container needs a name and an image";
            }

            if (resources?.Requests is null || resources.Limits is null ||
                !new[] { "cpu", "memory" }.All(r => resources.Requests.ContainsKey(r) && resources.Limits.ContainsKey(r)))
            {
                yield return $"container {container.Name}: requests and limits of cpu and memory must be set";
            }
            else if (resources.Requests.Any(r => resources.Limits.TryGetValue(r.Key, out var limit) && limit.ToDecimal() < r.Value.ToDecimal()))
            {
                yield return $"container {container.Name}: a request is above its limit";
            }

            foreach (var (probe, kind) in new[] { (container.ReadinessProbe, "readiness"), (container.LivenessProbe, "liveness") })
            {
                if (probe?.HttpGet?.Port?.Value is not { } port || !ports.Contains(port))
                {
                    yield return $"container {container.Name}: a {kind} probe on one of the container's ports is required";
                }
            }
        }
    }

    private static IEnumerable<string> BudgetProblems(V1PodDisruptionBudget budget, List<V1Deployment> deployments)
    {
        if ((budget.Spec.MinAvailable is null) == (budget.Spec.MaxUnavailable is null))
        {
            yield return $"PodDisruptionBudget {budget.Metadata.Name}: exactly one of minAvailable and maxUnavailable";
        }

        if (!deployments.Any(d => Selects(budget.Spec.Selector?.MatchLabels, d)))
        {
            yield return $"PodDisruptionBudget {budget.Metadata.Name}: its selector matches no Deployment's pods";
        }
    }

    private static IEnumerable<string> AutoscalerProblems(V2HorizontalPodAutoscaler autoscaler, List<V1Deployment> deployments)
    {
        var spec = autoscaler.Spec;
        var name = $"HorizontalPodAutoscaler {autoscaler.Metadata.Name}";
        if (spec.ScaleTargetRef.Kind != "Deployment" || !deployments.Any(d => d.Metadata.Name == spec.ScaleTargetRef.Name))
        {
            yield return $"{name}: scaleTargetRef names no Deployment here";
        }

        if (spec.MinReplicas is not { } min || min < 1 || min > spec.MaxReplicas)
        {
            yield return $"{name}: 1 ≤ minReplicas ≤ maxReplicas";
        }

        if (spec.Metrics is not { Count: > 0 })
        {
            yield return $"{name}: at least one metric";
        }

        foreach (var metric in spec.Metrics ?? [])
        {
            var target = metric.Type switch
            {
                "Resource" => metric.Resource?.Target,
                "Pods" when !string.IsNullOrEmpty(metric.Pods?.Metric?.Name) => metric.Pods.Target,
                _ => null,
            };
            var targetSet = target?.Type switch
            {
                "Utilization" => target.AverageUtilization is > 0,
                "AverageValue" => target.AverageValue?.ToDecimal() > 0,
                "Value" => target.Value?.ToDecimal() > 0,
                _ => false,
            };
            if (!targetSet)
            {
                yield return $"{name}: a {metric.Type} metric needs its metric and a target of its type";
            }
        }
    }
}
