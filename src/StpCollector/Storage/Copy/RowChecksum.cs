using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace StpCollector.Storage.Copy;

/// <summary>
/// SHA-256 over a table's rows in key order, each value written the same way whichever database it came from:
/// whole numbers in decimal, other numbers as their round-trip form, text with its length (so no separator can be forged
/// by the text itself), bytes in hex, NULL as a mark of its own.
/// </summary>
internal sealed class RowChecksum : IDisposable
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly StringBuilder row = new();

    public long Rows { get; private set; }

    public void Add(object? value)
    {
        switch (value)
        {
            case null or DBNull:
                row.Append("N;");
                break;
            case long number:
                row.Append('I').Append(number.ToString(CultureInfo.InvariantCulture)).Append(';');
                break;
            case double number:
                row.Append('D').Append(number.ToString("R", CultureInfo.InvariantCulture)).Append(';');
                break;
            case string text:
                row.Append('T').Append(text.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(text).Append(';');
                break;
            case byte[] bytes:
                row.Append('B').Append(Convert.ToHexStringLower(bytes)).Append(';');
                break;
            default:
                throw new ArgumentException($"No canonical form for a {value.GetType().Name}", nameof(value));
        }
    }

    public void EndRow()
    {
        row.Append('\n');
        hash.AppendData(Encoding.UTF8.GetBytes(row.ToString()));
        row.Clear();
        Rows++;
    }

    public string Finish() => Convert.ToHexStringLower(hash.GetHashAndReset());

    public void Dispose() => hash.Dispose();
}
