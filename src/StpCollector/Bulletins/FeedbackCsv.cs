using StpCollector.Calendar;
using StpCollector.Reports;

namespace StpCollector.Bulletins;

/// <summary>
/// Feedback as a CSV file for a spreadsheet. Cells are written as text (a member's "=HYPERLINK(...)" never runs: see
/// CellSafety), and words longer than a spreadsheet cell holds are cut, saying where the whole text is.
/// </summary>
internal static class FeedbackCsv
{
    /// <summary>Excel holds at most 32,767 characters in a cell; longer text spills into the next rows.</summary>
    private const int CellLimit = 32_000;

    public static void Write(string path, IReadOnlyList<FeedbackEntry> entries) =>
        ReportFiles.WriteCsvFile(path,
            ["id", "received (London time)", "sender", "council_code", "council", "bulletin", "faq_entry", "themes", "subject", "words"],
            entries.Select(e => new object?[]
            {
                e.Id, LondonTime.Short(e.ReceivedAt), e.Sender, e.CouncilCode, e.CouncilName, e.BulletinId, e.FaqId, string.Join(", ", e.Themes), e.Subject,
                e.Words.Length <= CellLimit ? e.Words : e.Words[..CellLimit] + $" … (cut at {CellLimit} characters; see: stpcollector feedback show {e.Id})",
            }));
}
