namespace WalletGateway.Hosting;

/// <summary>
/// How a gateway process ends: 0 when it stops; 2 with one line saying what to start when its storage is not there;
/// 3 with one line naming the secret setting that is missing or a published development value.
/// </summary>
public static class GatewayProcess
{
    public static async Task<int> RunAsync(Func<Task> run)
    {
        try
        {
            await run();
            return 0;
        }
        catch (StorageUnreachableException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        catch (InsecureConfigurationException e)
        {
            Console.Error.WriteLine(e.Message);
            return 3;
        }
    }
}
