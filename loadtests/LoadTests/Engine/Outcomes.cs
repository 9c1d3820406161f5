using System.Text.Json;
using WalletGateway.Terminal.Protocol;

namespace WalletGateway.LoadTests;

/// <summary>How a failed step shows in the status-code column.</summary>
public static class Outcomes
{
    public const string Timeout = "timeout";
    public const string Cancelled = "cancelled";
    public const string NetworkError = "net-error";
    public const string BadResponse = "bad-response";

    public static string StatusOf(Exception exception, bool campaignCancelled) => exception switch
    {
        GatewayProblemException problem => problem.Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        StepFailedException failed => failed.Status,
        HttpRequestException { StatusCode: { } code } => ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture),
        HttpRequestException => NetworkError,
        OperationCanceledException when campaignCancelled => Cancelled,
        OperationCanceledException => Timeout,
        JsonException => BadResponse,
        _ => exception.GetType().Name,
    };
}
