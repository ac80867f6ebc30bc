using System.Text;
using StpCollector.Ingestion;
using StpCollector.Questionnaires;

namespace StpCollector.Rounds;

/// <summary>
/// The answer form in invitation and reminder bodies. Councils reply by writing after each colon, e.g. "Q1: Yes",
/// between the two marker lines; the ingestion pipeline reads those "Qn: answer" lines (it also copes without markers).
/// </summary>
internal static class ReplyForm
{
    public const string StartMarker = ReplyFormMarkers.StartMarker;
    public const string EndMarker = ReplyFormMarkers.EndMarker;

    public static string Text(string roundReference, string councilCode, Questionnaire questionnaire)
    {
        var form = new StringBuilder();
        form.Append(StartMarker).Append(" [").Append(roundReference).Append("] ").Append(councilCode).AppendLine(" -----");
        foreach (var question in questionnaire.Questions)
            form.Append(question.Id).AppendLine(": ");
        form.Append(EndMarker);
        return form.ToString();
    }
}
