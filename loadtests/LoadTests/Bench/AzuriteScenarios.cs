using Azure.Data.Tables;

namespace WalletGateway.LoadTests;

/// <summary>
/// The storage ceiling: Azurite's Table service taking single upserts (one entity per request) or batch
/// transactions (up to 100 entities of one partition per request). Each iteration is one request.
/// </summary>
public sealed class AzuriteScenario(TableClient table, int batchSize) : Scenario
{
    private static readonly string Payload = new('x', 200);
    private long _entities;

    public override string Name => batchSize <= 1 ? "azurite-single" : $"azurite-batch-{batchSize}";

    public long Entities => Interlocked.Read(ref _entities);

    public override async Task InitAsync(IReadOnlyList<LoadSimulation> plan, long? maxIterations, CancellationToken ct) =>
        await table.CreateIfNotExistsAsync(ct);

    public override Task RunAsync(IterationContext context) => batchSize <= 1
        ? context.StepAsync("upsert", async (_, ct) =>
        {
            await table.UpsertEntityAsync(Entity($"p{context.Index % 64}", context.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)), TableUpdateMode.Replace, ct);
            Interlocked.Increment(ref _entities);
        })
        : context.StepAsync("batch", async (_, ct) =>
        {
            var partition = $"b{context.Index}";
            var actions = Enumerable.Range(0, batchSize)
                .Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Entity(partition, i.ToString(System.Globalization.CultureInfo.InvariantCulture))))
                .ToArray();
            await table.SubmitTransactionAsync(actions, ct);
            Interlocked.Add(ref _entities, batchSize);
        }, "202");

    public override IReadOnlyDictionary<string, double> ExtraMetrics(ScenarioSummary summary) => new Dictionary<string, double>
    {
        ["entities written"] = Entities,
        ["entities/s"] = summary.Iteration.OkPerSecond * Math.Max(1, batchSize),
    };

    private static TableEntity Entity(string partition, string row) => new(partition, row) { ["Data"] = Payload, ["Version"] = 1 };
}
