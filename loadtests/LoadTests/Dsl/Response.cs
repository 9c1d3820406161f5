using System.Globalization;

namespace WalletGateway.LoadTests.Dsl;

/// <summary>
/// The outcome of a step or an iteration. <see cref="StatusCode"/> goes into the report's status-code column; a failed
/// response fails its step (and so its iteration) or, returned by the scenario, its iteration.
/// </summary>
public record Response(bool IsError, string StatusCode, string? Message)
{
    public static Response Ok(string statusCode = "200") => new(false, statusCode, null);

    public static Response<T> Ok<T>(T payload, string statusCode = "200") => new(payload, false, statusCode, null);

    public static Response Fail(string statusCode = "fail", string? message = null) => new(true, statusCode, message);

    public static Response Fail(int statusCode, string? message = null) => Fail(statusCode.ToString(CultureInfo.InvariantCulture), message);

    public static Response<T> Fail<T>(string statusCode = "fail", string? message = null) => new(default, true, statusCode, message);
}
