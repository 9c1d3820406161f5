using WalletGateway.LoadTests.Scenarios;

namespace WalletGateway.LoadTests;

/// <summary>
/// The frontends a campaign spreads over, as the command line gives them: <c>--gateway URL</c> repeated, a comma list
/// (<c>--gateway http://127.0.0.1:5080/,http://127.0.0.1:5081/</c>), or both. Owns an HTTP client per frontend.
/// </summary>
public sealed class Gateways : IDisposable
{
    public Gateways(string list, TimeSpan timeout)
    {
        Uris = Parse(list);
        Clients = [.. Uris.Select(u => CampaignFactory.Http(u, timeout))];
    }

    public IReadOnlyList<Uri> Uris { get; }

    public IReadOnlyList<HttpClient> Clients { get; }

    /// <summary>The first frontend: where commands that need only one (start-up checks, admin reads) go.</summary>
    public Uri First => Uris[0];

    /// <summary>A target whose virtual terminals spread over every frontend.</summary>
    public GatewayTarget Target(HttpClient simulator) => new(Clients[0], simulator) { Frontends = Clients };

    /// <summary>Parses a comma list of absolute http(s) URLs (at least one, no repeats); a missing trailing slash is added.</summary>
    public static IReadOnlyList<Uri> Parse(string list)
    {
        var uris = new List<Uri>();
        foreach (var text in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new FormatException($"--gateway '{text}' is not an http(s) URL.");
            }

            if (uris.Contains(uri))
            {
                throw new FormatException($"--gateway '{text}' is listed twice.");
            }

            uris.Add(uri);
        }

        return uris.Count > 0 ? uris : throw new FormatException("--gateway needs at least one URL.");
    }

    /// <summary>
    /// Folds one <c>--gateway</c> value into the list so far: the first one given on the command line replaces the default
    /// (or the config file's value), later ones are added.
    /// </summary>
    public static string Add(string list, string value, ref bool given)
    {
        var result = given ? list + "," + value : value;
        given = true;
        return result;
    }

    public void Dispose()
    {
        foreach (var client in Clients)
        {
            client.Dispose();
        }
    }
}
