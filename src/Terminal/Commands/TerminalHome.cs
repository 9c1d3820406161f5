using System.Text.Json;
using WalletGateway.SecureElement;
using WalletGateway.Terminal.Protocol;

namespace WalletGateway.Terminal.Commands;

/// <summary>
/// The terminal's own files: <c>device.json</c> (id and bearer token) and <c>chip.json</c> (the secure element,
/// keys included). Both hold secrets, so the folder and the files are readable by their owner only.
/// </summary>
internal sealed class TerminalHome(string root)
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerOnlyFile | UnixFileMode.UserExecute;

    public string DevicePath { get; } = Path.Combine(root, "device.json");

    public string ChipPath { get; } = Path.Combine(root, "chip.json");

    public DeviceRegistration? LoadDevice()
    {
        if (!File.Exists(DevicePath))
        {
            return null;
        }

        try
        {
            using var stream = File.OpenRead(DevicePath);
            return JsonSerializer.Deserialize(stream, GatewayJsonContext.Default.DeviceRegistration);
        }
        catch (JsonException ex)
        {
            throw new UsageException($"{DevicePath} is not a device registration ({ex.Message}). Delete it to register again.");
        }
    }

    public void SaveDevice(DeviceRegistration device) =>
        WriteAtomically(DevicePath, path =>
        {
            using var stream = File.Create(path);
            JsonSerializer.Serialize(stream, device, GatewayJsonContext.Default.DeviceRegistration);
        });

    public SoftSecureElement? LoadChip() => File.Exists(ChipPath) ? SoftSecureElement.Load(ChipPath) : null;

    public void SaveChip(SoftSecureElement chip) => WriteAtomically(ChipPath, chip.Save);

    // Through a temporary file, so a crash mid-write never leaves a half chip (and its cards) behind.
    // The file is created owner-only before any secret goes into it; writers truncate it and keep that mode.
    private void WriteAtomically(string path, Action<string> write)
    {
        CreateRoot();
        var temporary = path + ".tmp";
        File.Delete(temporary);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        new FileStream(temporary, options).Dispose();
        write(temporary);
        File.Move(temporary, path, overwrite: true);
    }

    private void CreateRoot()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(root);
        }
        else
        {
            Directory.CreateDirectory(root, OwnerOnlyDirectory);
        }
    }
}
