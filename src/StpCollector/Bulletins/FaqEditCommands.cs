using System.CommandLine;
using System.Globalization;
using StpCollector.Calendar;
using StpCollector.Cli;
using StpCollector.Shared;

namespace StpCollector.Bulletins;

/// <summary>`faq edit`, `faq publish` and `faq retire`: changing an entry and where it stands.</summary>
internal static class FaqEditCommands
{
    /// <summary>An answer file bigger than this is not an FAQ answer.</summary>
    private const long MaxFileBytes = 256 * 1024;

    public static Argument<long> IdArgument() =>
        new("ID") { CustomParser = WholeNumber.Of<long>("ID"), Description = "FAQ entry number (from faq list)" };

    public static Command Edit()
    {
        var id = IdArgument();
        var file = new Option<FileInfo?>("--file")
        {
            Description = "Markdown for the answer; a first heading, as in config/bulletins/faq/ files, replaces the question too",
        };
        var question = new Option<string?>("--question") { Description = "The new question" };
        var position = new Option<long?>("--position")
        {
            CustomParser = WholeNumber.OrNone<long>("--position"), Description = "Where it comes in the bulletin (entries are printed by position, smallest first)",
        };
        var edit = new Command("edit", "Change an FAQ entry's answer (--file), question or position") { id, file, question, position };
        edit.Handles(async (parse, services, cancellationToken) =>
        {
            var (newQuestion, body) = await ReadAsync(parse.GetValue(file), cancellationToken);
            newQuestion = parse.GetValue(question) is { } given ? FeedbackText.OneLine(given) : newQuestion;
            if (newQuestion is null && body is null && parse.GetValue(position) is null)
                throw new InvalidInputProblem("Say what to change: --file ANSWER.md, --question \"...\" or --position N.");
            if (newQuestion is { Length: 0 })
                throw new InvalidInputProblem("The question cannot be empty.", "--question");
            var entry = await services.Get<FaqStore>().EditAsync(parse.GetValue(id), newQuestion, body, parse.GetValue(position), cancellationToken);
            Console.Out.WriteLine($"FAQ entry #{entry.Id} ({entry.Status}) changed. See the bulletin with it: stpcollector bulletin preview");
            if (entry.SourceFile is { } source)
                Console.Out.WriteLine($"It was imported from config/bulletins/faq/{source}: if that file changes, the file's text replaces this.");
            return ExitCodes.Ok;
        });
        return edit;
    }

    public static Command Publish()
    {
        var id = IdArgument();
        var notify = new Option<bool>("--notify") { Description = "Tell the people whose feedback it draws on that it is published (by email, through the outbox)" };
        var publish = new Command("publish", "Publish an FAQ entry: it appears in the next bulletin, in position order") { id, notify };
        publish.Handles(async (parse, services, cancellationToken) =>
        {
            var entry = await services.Get<FaqStore>().PublishAsync(parse.GetValue(id), cancellationToken);
            Console.Out.WriteLine($"FAQ entry #{entry.Id} is published {LondonTime.Short(entry.PublishedAt!.Value)}; it appears in the next bulletin (see: stpcollector bulletin preview).");
            if (parse.GetValue(notify))
            {
                var notices = await services.Get<FaqNotifier>().NotifyAsync(entry, cancellationToken);
                Console.Out.WriteLine($"Queued {notices.Queued} note(s) to the subscribers whose feedback it draws on (see: stpcollector outbox list)." +
                                      (notices.Forgotten > 0 ? $" {notices.Forgotten} feedback no longer has an address (Bulletins:FeedbackRetentionMonths)." : "") +
                                      (notices.NotSubscribed > 0 ? $" {notices.NotSubscribed} came from someone who is not an active subscriber, so is not followed up." : "") +
                                      (notices.AlreadyTold > 0 ? $" {notices.AlreadyTold} feedback was already told of this entry, so is not told again." : ""));
            }

            return ExitCodes.Ok;
        });
        return publish;
    }

    public static Command Retire()
    {
        var id = IdArgument();
        var retire = new Command("retire", "Retire an FAQ entry: it leaves the next bulletin and stays listed as retired") { id };
        retire.Handles(async (parse, services, cancellationToken) =>
        {
            var entry = await services.Get<FaqStore>().RetireAsync(parse.GetValue(id), cancellationToken);
            Console.Out.WriteLine($"FAQ entry #{entry.Id} is retired; it is no longer in the bulletin (publish it again with: stpcollector faq publish {entry.Id}).");
            return ExitCodes.Ok;
        });
        return retire;
    }

    private static async Task<(string? Question, string? Body)> ReadAsync(FileInfo? file, CancellationToken cancellationToken)
    {
        if (file is null)
            return (null, null);
        if (!file.Exists)
            throw new NotFoundProblem($"There is no file {file.FullName}.", "--file");
        if (file.Length > MaxFileBytes)
            throw new InvalidInputProblem(string.Create(CultureInfo.InvariantCulture, $"{file.FullName} is {file.Length:N0} bytes; an FAQ answer is at most {MaxFileBytes:N0}."), "--file");
        var text = (await File.ReadAllTextAsync(file.FullName, cancellationToken)).Replace("\r\n", "\n");
        var firstLine = text.Split('\n').FirstOrDefault(l => l.Trim().Length > 0) ?? "";
        if (firstLine.TrimStart().StartsWith('#'))
        {
            var (question, body) = FaqFiles.Split(text, file.FullName);
            return (question, body);
        }

        return (null, text.Trim());
    }
}
