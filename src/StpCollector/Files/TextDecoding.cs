using System.Text;

namespace StpCollector.Files;

/// <summary>
/// Councils send UTF-8 (with or without a byte-order mark) and Windows-1252 (Excel's "CSV" on Windows).
/// Bytes that are valid UTF-8 are read as UTF-8; anything else is read as Windows-1252.
/// </summary>
internal static class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static TextDecoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Windows1252 => Encoding.GetEncoding(1252);

    public static string Decode(ReadOnlySpan<byte> bytes, out string encodingName)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            encodingName = "UTF-8 (with BOM)";
            return StrictUtf8.GetString(bytes[3..]);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            encodingName = "UTF-16";
            return (bytes[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode).GetString(bytes[2..]);
        }

        try
        {
            var text = StrictUtf8.GetString(bytes);
            encodingName = "UTF-8";
            return text;
        }
        catch (DecoderFallbackException)
        {
            encodingName = "Windows-1252";
            return Windows1252.GetString(bytes);
        }
    }

    /// <summary>The same choice as <see cref="Decode"/> for a stream, in one pass that holds no more than a buffer.</summary>
    public static (Encoding Encoding, string Name) Detect(Stream stream)
    {
        var buffer = new byte[1 << 16];
        var first = stream.ReadAtLeast(buffer, 3, throwOnEndOfStream: false);
        if (first >= 3 && buffer.AsSpan(0, 3).SequenceEqual("\uFEFF"u8))
            return (new UTF8Encoding(false), "UTF-8 (with BOM)");
        if (first >= 2 && (buffer[0], buffer[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
            return (buffer[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode, "UTF-16");
        var decoder = StrictUtf8.GetDecoder();
        try
        {
            var count = first;
            while (count > 0)
            {
                decoder.GetCharCount(buffer, 0, count, flush: false);
                count = stream.Read(buffer, 0, buffer.Length);
            }

            decoder.GetCharCount([], 0, 0, flush: true);
            return (new UTF8Encoding(false), "UTF-8");
        }
        catch (DecoderFallbackException)
        {
            return (Windows1252, "Windows-1252");
        }
    }

    /// <summary>True when the bytes look like a binary file (NUL bytes early on) rather than text.</summary>
    public static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..Math.Min(bytes.Length, 8000)];
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || sample.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return false;
        return sample.IndexOf((byte)0) >= 0;
    }
}
