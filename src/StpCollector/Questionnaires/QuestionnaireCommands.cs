using System.CommandLine;
using StpCollector.Cli;
using StpCollector.Shared;

namespace StpCollector.Questionnaires;

internal static class QuestionnaireCommands
{
    public static Command Build()
    {
        var json = CommonOptions.Json();
        var list = new Command("list", "List the questionnaires in config/questionnaires") { json };
        list.Handles((parse, services, _) =>
        {
            var all = services.Get<QuestionnaireCatalog>().All;
            if (parse.GetValue(json))
                Output.Json(all.Select(q => new { q.Id, q.Version, q.Title, Questions = q.Questions.Count, File = q.SourceFile }));
            else
                Output.Table(["Id", "Version", "Questions", "Title"],
                    all.Select(q => new[] { q.Id, q.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), q.Questions.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), q.Title }),
                    $"No questionnaires yet: put a questionnaire file (*.json) in {services.Get<AppPaths>().QuestionnairesDir}.");
            return Task.FromResult(ExitCodes.Ok);
        });

        var id = new Argument<string>("ID") { Description = "Questionnaire id" };
        var showJson = CommonOptions.Json();
        var show = new Command("show", "Show a questionnaire's questions and allowed answers") { id, showJson };
        show.Handles((parse, services, _) =>
        {
            var questionnaire = services.Get<QuestionnaireCatalog>().Get(parse.GetValue(id)!);
            if (parse.GetValue(showJson))
            {
                Output.Json(questionnaire);
                return Task.FromResult(ExitCodes.Ok);
            }

            Console.Out.WriteLine($"{questionnaire.Title} ({questionnaire.Id}, version {questionnaire.Version})");
            Console.Out.WriteLine();
            foreach (var question in questionnaire.Questions)
            {
                Console.Out.WriteLine($"{question.Id}{(question.Required ? "" : " (optional)")}: {question.Text}");
                Console.Out.WriteLine($"    Answer: {question.AnswerHint}");
            }

            return Task.FromResult(ExitCodes.Ok);
        });

        return new Command("questionnaire", "Questionnaire definitions") { list, show };
    }
}
