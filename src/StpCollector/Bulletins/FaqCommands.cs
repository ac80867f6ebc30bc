using System.CommandLine;
using System.Globalization;
using StpCollector.Calendar;
using StpCollector.Cli;

namespace StpCollector.Bulletins;

/// <summary>`faq`: the bulletin's frequently asked issues and questions, drafted from feedback, edited, published and retired.</summary>
internal static class FaqCommands
{
    public static Command Build() => new("faq", "The bulletin's frequently asked issues and questions: draft from feedback, list, show, edit, publish, retire")
    {
        Draft(), List(), Show(), FaqEditCommands.Edit(), FaqEditCommands.Publish(), FaqEditCommands.Retire(),
    };

    private static Command Draft()
    {
        var from = new Option<long[]>("--from-feedback")
        {
            Required = true, AllowMultipleArgumentsPerToken = true, Description = "The feedback it draws on (numbers from feedback list)",
        };
        var question = new Option<string>("--question") { Required = true, Description = "The question the entry answers" };
        var attribute = new Option<bool>("--attribute")
        {
            Description = "Name the people and councils who raised it (only when they agreed); by default a point says \"a London borough\", \"a county council in the North West\"",
        };
        var draft = new Command("draft", "Draft an FAQ entry from feedback: the question and the points raised, anonymised") { from, question, attribute };
        draft.Handles(async (parse, services, cancellationToken) =>
        {
            var id = await services.Get<FaqDrafter>().DraftAsync(parse.GetValue(from) ?? [], parse.GetValue(question) ?? "", parse.GetValue(attribute), cancellationToken);
            Console.Out.WriteLine($"Drafted FAQ entry #{id}. Read it with: stpcollector faq show {id}; write the answer with: stpcollector faq edit {id} --file answer.md; " +
                                  $"then: stpcollector faq publish {id}");
            return ExitCodes.Ok;
        });
        return draft;
    }

    private static Command List()
    {
        var status = new Option<string?>("--status") { Description = "Only entries with this status" }.AllowOnly("a status", FaqStore.Statuses);
        var json = CommonOptions.Json();
        var list = new Command("list", "List the FAQ entries in bulletin order: drafts, published and retired") { status, json };
        list.Handles(async (parse, services, cancellationToken) =>
        {
            var entries = await services.Get<FaqStore>().ListAsync(parse.GetValue(status), cancellationToken);
            if (parse.GetValue(json))
                Output.Json(entries);
            else
                Output.Table(["Id", "Status", "Position", "Question", "From feedback", "Updated"], entries.Select(e => new[]
                {
                    e.Id.ToString(CultureInfo.InvariantCulture), e.Status, e.Position.ToString(CultureInfo.InvariantCulture), FeedbackText.FirstWords(e.Question, 70),
                    e.SourceFile is { } file ? $"file {file}" : e.Sources.ToString(CultureInfo.InvariantCulture), LondonTime.Short(e.UpdatedAt),
                }), parse.GetValue(status) is null
                    ? "No FAQ entries yet: draft one from feedback with: stpcollector faq draft --from-feedback ID... --question \"...\""
                    : "No FAQ entries with that status.");
            return ExitCodes.Ok;
        });
        return list;
    }

    private static Command Show()
    {
        var id = FaqEditCommands.IdArgument();
        var json = CommonOptions.Json();
        var show = new Command("show", "Show one FAQ entry: its question, status, the feedback it draws on and its Markdown") { id, json };
        show.Handles(async (parse, services, cancellationToken) =>
        {
            var store = services.Get<FaqStore>();
            var entry = await store.GetAsync(parse.GetValue(id), cancellationToken);
            var sources = await store.SourceIdsAsync(entry.Id, cancellationToken);
            if (parse.GetValue(json))
            {
                Output.Json(new { Entry = entry, FromFeedback = sources });
                return ExitCodes.Ok;
            }

            Console.Out.WriteLine($"FAQ entry #{entry.Id}: {entry.Question}");
            Console.Out.WriteLine($"Status:   {entry.Status}, position {entry.Position} (anchor #{entry.Anchor})" + entry.Status switch
            {
                FaqStore.Published => $", published {LondonTime.Short(entry.PublishedAt!.Value)}",
                FaqStore.Retired => $", retired {LondonTime.Short(entry.RetiredAt!.Value)}",
                _ => "",
            });
            Console.Out.WriteLine($"Updated:  {LondonTime.Short(entry.UpdatedAt)}");
            if (entry.SourceFile is { } file)
                Console.Out.WriteLine($"File:     config/bulletins/faq/{file} (a change to the file replaces this entry's question and answer)");
            Console.Out.WriteLine($"Feedback: {(sources.Count == 0 ? "none" : string.Join(", ", sources.Select(s => $"#{s}")))}");
            Console.Out.WriteLine();
            Console.Out.WriteLine(entry.BodyMarkdown);
            return ExitCodes.Ok;
        });
        return show;
    }
}
