using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace WalletGateway.IssuerSimulator;

public static class IssuerSimulatorExtensions
{
    /// <summary>Registers the simulator's options, state and HTTP plumbing.</summary>
    public static IHostApplicationBuilder AddIssuerSimulator(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        services.AddOptions<IssuerSimulatorOptions>()
            .BindConfiguration(IssuerSimulatorOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<IssuerSimulatorOptions>, IssuerSimulatorDefaults>();
        services.AddSingleton<IValidateOptions<IssuerSimulatorOptions>, IssuerSimulatorOptionsValidator>();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IssuerDirectory>();

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // Model binding failures (malformed JSON, missing or mistyped fields) get the simulator's own type.
            if (context.ProblemDetails.Status == StatusCodes.Status400BadRequest && context.ProblemDetails.Type?.StartsWith(Problems.TypeBase, StringComparison.Ordinal) != true)
            {
                context.ProblemDetails.Type = Problems.InvalidRequestType;
                context.ProblemDetails.Detail ??= "The body is missing, is not JSON, or lacks a required field or has one of the wrong type.";
            }
        });
        services.AddHealthChecks();
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(options =>
        {
            // A missing field or a null where the contract has a string is a 400, not a null in a handler.
            options.SerializerOptions.RespectNullableAnnotations = true;
            options.SerializerOptions.RespectRequiredConstructorParameters = true;
            // "count": "5" is a string, not a number (the web defaults would accept it).
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        // Bad input answers 400 problem+json in every environment instead of throwing.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);

        return builder;
    }
}
