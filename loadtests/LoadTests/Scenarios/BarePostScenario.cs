using System.Net.Http.Headers;

namespace WalletGateway.LoadTests.Scenarios;

/// <summary><c>bare-post</c>: one trivial POST to a bare Kestrel endpoint; the box's ceiling for this runner.</summary>
public sealed class BarePostScenario(HttpClient bare) : Scenario
{
    private static readonly byte[] Body = """{"seq":1,"responses":["9000"]}"""u8.ToArray();

    public override string Name => "bare-post";

    public override Task RunAsync(IterationContext context) =>
        context.StepAsync("post", async (_, ct) =>
        {
            using var content = new ByteArrayContent(Body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await bare.PostAsync("bare", content, ct);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync(ct);
        });
}
