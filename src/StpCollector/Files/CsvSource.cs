using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace StpCollector.Files;

/// <summary>
/// The one CSV reader: every CSV StpCollector takes in (contacts, subscribers, bank holidays, returns by mail, drop
/// folder or bulk import, FoI returns) is read here, streamed row by row so a file of any length reads in flat memory.
/// The encoding (UTF-8 with or without BOM, else Windows-1252) comes from <see cref="TextDecoding"/>; the separator
/// (',', ';' or tab) is the one the header line uses most. Callers sniff for binary or zip files first, in their own words.
/// </summary>
internal sealed class CsvSource : IDisposable
{
    private readonly Stream stream;
    private readonly StreamReader reader;
    private readonly CsvParser parser;

    private CsvSource(Stream stream, Encoding encoding, string encodingName)
    {
        this.stream = stream;
        EncodingName = encodingName;
        // 64 KB for big files; a small attachment gets a buffer its size, not 192 KB of large-object heap per reply.
        var bufferSize = stream.CanSeek ? (int)Math.Clamp(stream.Length - stream.Position, 1024, 1 << 16) : 1 << 16;
        reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, bufferSize);
        parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            GetDelimiter = args => HeaderDelimiter(args.Text),
            BadDataFound = null,
            MissingFieldFound = null,
            IgnoreBlankLines = true,
            DetectColumnCountChanges = false,
            // Council codes, question ids and answers repeat row after row: reuse the strings instead of allocating each.
            CacheFields = true,
        });
        while (Headers.Count == 0 && parser.Read())
        {
            var record = parser.Record ?? [];
            if (!record.All(string.IsNullOrWhiteSpace))
                Headers = record.Select(h => h.Trim().Trim('\uFEFF')).ToArray();
        }
    }

    /// <summary>e.g. "UTF-8 (with BOM)" or "Windows-1252".</summary>
    public string EncodingName { get; }

    /// <summary>The first line that is not blank, trimmed; empty when the file has none.</summary>
    public IReadOnlyList<string> Headers { get; } = [];

    /// <summary>The separator found: ",", ";" or "\t".</summary>
    public string Delimiter => parser.Delimiter;

    /// <summary>"';'-separated" or "tab-separated", for messages.</summary>
    public string DelimiterDescription => Delimiter == "\t" ? "tab-separated" : $"'{Delimiter}'-separated";

    /// <summary>0..1, how far through the file reading has got.</summary>
    public double Progress => stream.CanSeek ? Math.Min(1, (double)stream.Position / Math.Max(1, stream.Length)) : 0;

    /// <summary>Opens a seekable stream (disposed with the result) and reads its header line.</summary>
    public static CsvSource Open(Stream stream)
    {
        stream.Position = 0;
        var (encoding, encodingName) = TextDecoding.Detect(stream);
        stream.Position = 0;
        return new CsvSource(stream, encoding, encodingName);
    }

    /// <summary>The rows after the header, each with its line number in the file (a quoted line break counts).</summary>
    public IEnumerable<(int Line, string[] Fields)> Rows()
    {
        while (parser.Read())
        {
            var record = parser.Record;
            if (record is null || (record.Length == 1 && record[0].Length == 0))
                continue;
            yield return (parser.RawRow, record);
        }
    }

    /// <summary>
    /// The separator that splits the header (the first line that is not blank) into the most fields, outside quotes:
    /// ',', ';' or tab. Only the header is asked, so a blank line or a free-text answer further down cannot sway it.
    /// </summary>
    private static string HeaderDelimiter(string start)
    {
        var counts = new Dictionary<char, int> { [','] = 0, [';'] = 0, ['\t'] = 0 };
        var quoted = false;
        var seenText = false;
        foreach (var c in start)
        {
            if (c == '"')
                quoted = !quoted;
            else if (!quoted && c is '\n' or '\r')
            {
                if (seenText)
                    break;
            }
            else if (!quoted && counts.ContainsKey(c))
                counts[c]++;
            if (!char.IsWhiteSpace(c))
                seenText = true;
        }

        var best = counts.OrderByDescending(kv => kv.Value).First();
        return best.Value == 0 ? "," : best.Key.ToString();
    }

    public void Dispose()
    {
        parser.Dispose();
        reader.Dispose();
    }
}
