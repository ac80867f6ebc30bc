namespace StpCollector.Ingestion;

/// <summary>An answer as found, before checking: the question as the council wrote its id, where it was, and any comment column beside it.</summary>
internal sealed record RawAnswer(string QuestionKey, string? Raw, int Line, string? Comment = null);

/// <summary>
/// The answers for one council found in one place (an email body, a CSV or XLSX row or block of rows), with the
/// council and round the file itself names, if any. Problems are about the rows and columns, with their lines.
/// </summary>
internal sealed class ReturnCandidate(string source, string provenance)
{
    /// <summary>returns.source: email_body, csv, xlsx or staff_import.</summary>
    public string Source { get; } = source;

    /// <summary>Where the answers are: "message &lt;id&gt;", "file.csv lines 2-17", "book.xlsx sheet Return row 3".</summary>
    public string Provenance { get; set; } = provenance;

    public string? CouncilKey { get; set; }
    public string? RoundKey { get; set; }
    public List<RawAnswer> Answers { get; } = [];
    public List<string> Problems { get; } = [];
}

/// <summary>A file or attachment that cannot be read as a return at all; the message says why, for staff.</summary>
internal sealed class UnreadableFileException(string message) : Exception(message);
