namespace WalletGateway.LoadTests.Dsl;

/// <summary>A response that carries what the step produced (e.g. the session it opened) to the next steps.</summary>
public sealed record Response<T>(T? Payload, bool IsError, string StatusCode, string? Message) : Response(IsError, StatusCode, Message);
