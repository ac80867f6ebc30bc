using System.Text;
using StpCollector.Questionnaires;

namespace StpCollector.Benchmarks.Generators;

/// <summary>
/// gen-import: a long-layout return file (council_code,round,question_id,question,answer), one row per question,
/// councils in blocks of all their questions. Council codes come from seeds/councils.csv; past the 152 real ones
/// the file goes on with generated test councils (see --councils), so a 1,000,000-row file is one national-scale
/// staff import rather than each council answering the same question thousands of times.
/// </summary>
public static class ImportCsvGenerator
{
    public const string Header = "council_code,round,question_id,question,answer";

    public static int Run(Arguments args)
    {
        var rows = args.Int("rows");
        var output = args.Text("out");
        var round = args.Text("round", "STP-R1");
        var questionnaire = QuestionnaireFile.Load(args.Text("questionnaire"));
        var councils = CouncilCodes.For(args.Text("seed-councils"), args.Int("councils", 0), rows, questionnaire.Questions.Count);
        var random = new Random(args.Int("seed", 7));

        using var writer = new StreamWriter(output, append: false, new UTF8Encoding(false), bufferSize: 1 << 20);
        writer.NewLine = "\r\n";
        writer.WriteLine(Header);
        var questionTexts = questionnaire.Questions.Select(q => Csv.Field(q.Text)).ToArray();
        var written = 0;
        for (var council = 0; written < rows; council = (council + 1) % councils.Count)
        {
            for (var q = 0; q < questionnaire.Questions.Count && written < rows; q++, written++)
            {
                var question = questionnaire.Questions[q];
                writer.Write(councils[council]);
                writer.Write(',');
                writer.Write(round);
                writer.Write(',');
                writer.Write(question.Id);
                writer.Write(',');
                writer.Write(questionTexts[q]);
                writer.Write(',');
                writer.WriteLine(Csv.Field(AnswerSamples.For(question, random)));
            }
        }

        writer.Flush();
        Console.WriteLine($"gen-import: {written} rows for {Math.Min(councils.Count, (written + questionnaire.Questions.Count - 1) / questionnaire.Questions.Count)} councils, {new FileInfo(output).Length} bytes -> {output}");
        return 0;
    }
}
