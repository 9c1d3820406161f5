namespace WalletGateway.LoadTests.Dsl;

/// <summary>Named steps: each is timed and counted on its own in the report (p50/p99, failures, status codes).</summary>
public static class Step
{
    /// <summary>
    /// Runs and records one step. A failed response or an exception (its status from <see cref="Outcomes"/>, e.g. 429 for
    /// a problem answer) records the step as failed and ends the iteration as failed: the steps after it do not run.
    /// </summary>
    public static Task<TResponse> Run<TResponse>(string name, ScenarioContext context, Func<Task<TResponse>> run)
        where TResponse : Response =>
        context.Iteration.StepAsync(name, async (scope, _) =>
        {
            var response = await run();
            if (response.IsError)
            {
                throw new StepFailedException(response.StatusCode, response.Message ?? $"Step '{name}' answered {response.StatusCode}.");
            }

            scope.Status = response.StatusCode;
            return response;
        });
}
