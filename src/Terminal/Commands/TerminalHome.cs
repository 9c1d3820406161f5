using System.Text.Json;
using WalletGateway.Contracts;
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

    public DeviceRegisteredResponse? LoadDevice()
    {
        if (!File.Exists(DevicePath))
        {
            return null;
        }

        try
        {
            using var stream = File.OpenRead(DevicePath);
            return JsonSerializer.Deserialize(stream, GatewayJsonContext.Default.DeviceRegisteredResponse);
        }
        catch (JsonException ex)
        {
            throw new UsageException($"{DevicePath} is not a device registration ({ex.Message}). Delete it to register again.");
        }
    }

    // Through a temporary file created owner-only before the token goes into it, then renamed:
    // a crash mid-write never leaves half a registration behind.
    public void SaveDevice(DeviceRegisteredResponse device)
    {
        CreateRoot();
        var temporary = DevicePath + ".tmp";
        File.Delete(temporary);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, device, GatewayJsonContext.Default.DeviceRegisteredResponse);
        }

        File.Move(temporary, DevicePath, overwrite: true);
    }

    public SoftSecureElement? LoadChip()
    {
        if (!File.Exists(ChipPath))
        {
            return null;
        }

        try
        {
            return SoftSecureElement.Load(ChipPath);
        }
        catch (InvalidDataException ex)
        {
            throw new UsageException($"{ex.Message} Move it away to start with a new secure element (its cards are lost).");
        }
    }

    /// <summary>Saves the chip (atomically: <see cref="SoftSecureElement.Save"/> writes a temporary file and renames it).</summary>
    public void SaveChip(SoftSecureElement chip)
    {
        CreateRoot();
        chip.Save(ChipPath);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(ChipPath, OwnerOnlyFile);
        }
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
