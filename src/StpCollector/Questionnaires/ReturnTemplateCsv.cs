using System.Text;

namespace StpCollector.Questionnaires;

/// <summary>
/// The return template attached to invitations and FoI requests, in the long layout the importer reads:
/// council_code,round,question_id,question,answer — one row per question, answer left blank.
/// </summary>
public static class ReturnTemplateCsv
{
    public static byte[] Build(Questionnaire questionnaire, string councilCode, string roundReference)
    {
        var csv = new StringBuilder("council_code,round,question_id,question,answer\r\n");
        foreach (var question in questionnaire.Questions)
            csv.Append($"{councilCode},{roundReference},{question.Id},{Quote($"{question.Text} ({question.AnswerHint})")},\r\n");
        return Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
    }

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"") + "\"";
}
