namespace WalletGateway.Gateway.Tests;

/// <summary>Files of this repository, found from the test assembly's folder upwards.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WalletGateway.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No WalletGateway.slnx above {AppContext.BaseDirectory}");
    }
}
