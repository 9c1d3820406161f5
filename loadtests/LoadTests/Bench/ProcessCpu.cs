using System.Globalization;
using System.Runtime.InteropServices;

namespace WalletGateway.LoadTests;

/// <summary>
/// Linux only, read-only: which process listens on a TCP port (socket inodes of <c>/proc/net/tcp</c> and <c>tcp6</c>
/// matched with the <c>socket:[inode]</c> links of <c>/proc/*/fd</c>) and how much CPU a process used so far
/// (<c>utime + stime</c> of <c>/proc/PID/stat</c>, in clock ticks of <c>sysconf(_SC_CLK_TCK)</c>).
/// </summary>
public static partial class ProcessCpu
{
    private const int ScClkTck = 2;
    private const string Listen = "0A";

    public static double TicksPerSecond { get; } = OperatingSystem.IsLinux() && SysConf(ScClkTck) is > 0 and var t ? t : 100;

    /// <summary>The process listening on <paramref name="port"/> (any address), or null when none is found or readable.</summary>
    public static int? ListeningOn(int port)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length > 9 && f[3] == Listen && int.Parse(f[1][(f[1].LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
                {
                    inodes.Add($"socket:[{f[9]}]");
                }
            }
        }

        return inodes.Count == 0 ? null : OwnerOf(inodes);
    }

    /// <summary>CPU time (user + system) the process used so far, or null when it is gone.</summary>
    public static TimeSpan? CpuTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after "(comm)": state is field 3, utime 14 and stime 15 (proc(5)); comm may hold spaces.
            var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / TicksPerSecond);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static int? OwnerOf(HashSet<string> inodes)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(dir, "fd")))
                {
                    if (new FileInfo(fd).LinkTarget is { } target && inodes.Contains(target))
                    {
                        return pid;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Another user's process, or one that just exited.
            }
        }

        return null;
    }

    [LibraryImport("libc", EntryPoint = "sysconf")]
    private static partial long SysConf(int name);
}
