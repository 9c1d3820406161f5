namespace WalletGateway.SecureChannel;

/// <summary>
/// Reads DGIs from STORE DATA blocks as they arrive: a DGI (header included) may be split across blocks.
/// </summary>
public sealed class DgiStreamReader
{
    private readonly byte[] _header = new byte[5];
    private int _headerLength;
    private ushort _tag;
    private byte[]? _value;
    private int _valueLength;

    /// <summary>True when no DGI is partly read.</summary>
    public bool IsAtBoundary => _headerLength == 0 && _value is null;

    /// <summary>
    /// Consumes one block and returns the DGIs it completed. <paramref name="encryptedBytes"/> tells which of the
    /// block's bytes belong to a DGI <c>8000</c>–<c>8FFF</c>: none, only header bytes (or a lone first tag byte whose
    /// DGI is not known yet), or value bytes.
    /// </summary>
    public IReadOnlyList<Dgi> Append(ReadOnlySpan<byte> block, out EncryptedContent encryptedBytes)
    {
        var completed = new List<Dgi>();
        encryptedBytes = EncryptedContent.None;
        int i = 0;
        while (i < block.Length)
        {
            if (_value is null)
            {
                _header[_headerLength++] = block[i++];
                if (_headerLength >= 2 && Dgi.IsEncryptedTag(HeaderTag()))
                {
                    encryptedBytes = Max(encryptedBytes, EncryptedContent.HeaderOnly);
                }

                if (TryCompleteHeader(out int length))
                {
                    _headerLength = 0;
                    _value = new byte[length];
                    _valueLength = 0;
                }
            }
            else
            {
                int take = Math.Min(_value.Length - _valueLength, block.Length - i);
                block.Slice(i, take).CopyTo(_value.AsSpan(_valueLength));
                _valueLength += take;
                i += take;
                if (take > 0 && Dgi.IsEncryptedTag(_tag))
                {
                    encryptedBytes = EncryptedContent.Value;
                }
            }

            if (_value is not null && _valueLength == _value.Length)
            {
                completed.Add(new Dgi(_tag, _value));
                _value = null;
            }
        }

        if (_headerLength == 1)
        {
            // The block ends after the first tag byte: whether it belongs to an encrypted DGI is not known yet.
            encryptedBytes = Max(encryptedBytes, EncryptedContent.HeaderOnly);
        }

        return completed;
    }

    private ushort HeaderTag() => (ushort)((_header[0] << 8) | _header[1]);

    private static EncryptedContent Max(EncryptedContent a, EncryptedContent b) => a > b ? a : b;

    private bool TryCompleteHeader(out int length)
    {
        length = 0;
        if (_headerLength < 3)
        {
            return false;
        }

        _tag = HeaderTag();
        if (_header[2] != 0xFF)
        {
            length = _header[2];
            return true;
        }

        if (_headerLength < 5)
        {
            return false;
        }

        length = (_header[3] << 8) | _header[4];
        return true;
    }
}
