using System.Globalization;
using System.Text;
using CsvHelper;
using StpCollector.Questionnaires;

namespace StpCollector.Rounds;

/// <summary>
/// The return template attached to every invitation and reminder, in the "long" layout the ingestion pipeline reads:
///
///     council_code,round,question_id,question,answer
///
/// one row per question, in questionnaire order. council_code (the ONS code) and round (the reference, e.g. STP-R12)
/// are filled in on every row; question_id is the questionnaire's id (Q1, Q2, ...); question is its text, for the
/// reader; answer is left empty for the council. CSV is UTF-8 with a byte-order mark (so Excel opens it correctly)
/// and CRLF line ends. The XLSX has the same columns on its first sheet, "Return", and a second sheet, "Guidance",
/// listing the allowed answers. README.md ("Return files") describes the same layout for staff.
/// </summary>
internal static class ReturnTemplate
{
    public static readonly IReadOnlyList<string> Columns = ["council_code", "round", "question_id", "question", "answer"];
    public const string ReturnSheet = "Return";
    public const string GuidanceSheet = "Guidance";

    public static string FileName(string roundReference, string councilCode, string extension) =>
        $"{roundReference}-{councilCode}-return.{extension}".ToLowerInvariant();

    public static byte[] Csv(string roundReference, string councilCode, Questionnaire questionnaire)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var column in Columns)
                csv.WriteField(column);
            csv.NextRecord();
            foreach (var question in questionnaire.Questions)
            {
                csv.WriteField(councilCode);
                csv.WriteField(roundReference);
                csv.WriteField(question.Id);
                csv.WriteField(question.Text);
                csv.WriteField("");
                csv.NextRecord();
            }
        }

        return buffer.ToArray();
    }

    public static byte[] Xlsx(string roundReference, string councilCode, Questionnaire questionnaire)
    {
        var returnRows = new List<IReadOnlyList<ReturnWorkbook.Cell>> { Columns.Select(ReturnWorkbook.Head).ToList() };
        var dropDowns = new Dictionary<string, string>();
        foreach (var question in questionnaire.Questions)
        {
            returnRows.Add([new(councilCode), new(roundReference), new(question.Id), ReturnWorkbook.Wrap(question.Text), ReturnWorkbook.AnswerCell("")]);
            if (ReturnWorkbook.DropDownFor(question) is { } list)
                dropDowns[ReturnWorkbook.Reference(4, returnRows.Count - 1)] = list;
        }

        var guidanceRows = new List<IReadOnlyList<ReturnWorkbook.Cell>>
        {
            new[] { "question_id", "question", "allowed_answers", "required", "help" }.Select(ReturnWorkbook.Head).ToList(),
        };
        guidanceRows.AddRange(questionnaire.Questions.Select(q => (IReadOnlyList<ReturnWorkbook.Cell>)
            [new(q.Id), ReturnWorkbook.Wrap(q.Text), ReturnWorkbook.Wrap(q.AnswerHint), new(q.Required ? "yes" : "no"), ReturnWorkbook.Wrap(q.Help ?? "")]));

        return ReturnWorkbook.Write(
        [
            new ReturnWorkbook.Sheet(ReturnSheet, [14, 10, 12, 80, 40], returnRows, dropDowns),
            new ReturnWorkbook.Sheet(GuidanceSheet, [12, 80, 60, 10, 60], guidanceRows, new Dictionary<string, string>()),
        ]);
    }
}
