namespace WalletGateway.SecureChannel;

/// <summary>Minimal BER-TLV (1–3 byte tags, definite lengths up to 65535) for the card record DGI.</summary>
public static class Tlv
{
    public static byte[] Encode(uint tag, ReadOnlySpan<byte> value)
    {
        var bytes = new List<byte>(value.Length + 6);
        if (tag > 0xFFFF)
        {
            bytes.Add((byte)(tag >> 16));
        }

        if (tag > 0xFF)
        {
            bytes.Add((byte)(tag >> 8));
        }

        bytes.Add((byte)tag);
        if (value.Length < 0x80)
        {
            bytes.Add((byte)value.Length);
        }
        else if (value.Length <= 0xFF)
        {
            bytes.Add(0x81);
            bytes.Add((byte)value.Length);
        }
        else
        {
            bytes.Add(0x82);
            bytes.Add((byte)(value.Length >> 8));
            bytes.Add((byte)value.Length);
        }

        bytes.AddRange(value);
        return [.. bytes];
    }

    /// <summary>Parses a sequence of TLVs; false on a malformed one.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out List<(uint Tag, byte[] Value)> items)
    {
        items = [];
        int i = 0;
        while (i < data.Length)
        {
            uint tag = data[i++];
            if ((tag & 0x1F) == 0x1F)
            {
                do
                {
                    if (i >= data.Length || tag > 0xFFFF)
                    {
                        return false;
                    }

                    tag = (tag << 8) | data[i];
                }
                while ((data[i++] & 0x80) != 0);
            }

            if (i >= data.Length)
            {
                return false;
            }

            int length = data[i++];
            if (length > 0x80)
            {
                int count = length & 0x7F;
                if (count > 2 || i + count > data.Length)
                {
                    return false;
                }

                length = 0;
                for (int k = 0; k < count; k++)
                {
                    length = (length << 8) | data[i++];
                }
            }
            else if (length == 0x80)
            {
                return false;
            }

            if (i + length > data.Length)
            {
                return false;
            }

            items.Add((tag, data.Slice(i, length).ToArray()));
            i += length;
        }

        return true;
    }
}
