using System.CommandLine;
using StpCollector.Calendar;
using StpCollector.Contacts;
using StpCollector.Foi;
using StpCollector.Cli;
using StpCollector.Mail;
using StpCollector.Reference;
using StpCollector.Storage;

namespace StpCollector.Hosting;

/// <summary>The host composes the command line: every feature's verbs, run on services built by <see cref="AppHost"/>.</summary>
internal static class CommandTree
{
    public static RootCommand Build()
    {
        VerbRunner.Hosting = AppVerbHosting.Instance;
        var root = new RootCommand("StpCollector: collects, chases, checks and publishes councils' returns on STPs for the LGA.")
        {
            CommonOptions.DataDir,
            CommonOptions.Config,
            WorkerCommand.Build(),
            DbCommands.Build(),
            StatusCommand.Build(),
            ReferenceCommands.BuildSeed(),
            ReferenceCommands.BuildCouncils(Reports.CouncilShowCommand.Build()),
            ReferenceCommands.BuildFootprints(),
            ContactsCommands.Build(),
            MailCommands.Build(),
            Questionnaires.QuestionnaireCommands.Build(),
            Reports.ReportCommands.BuildReport(),
            Reports.ReportCommands.BuildExport(),
            Bulletins.SubscribersCommands.Build(),
            Bulletins.BulletinCommands.Build(),
            Bulletins.FeedbackCommands.Build(),
            Bulletins.FaqCommands.Build(),
            Rounds.RoundCommands.Build(),
            Rounds.ReturnsCommands.Build(),
            Outbox.OutboxCommands.Build(),
            HolidaysCommands.Build(),
            FoiCommands.Build(),
            Ingestion.IngestCommands.BuildIngest(),
            Rounds.ImportCommands.BuildImport(),
            Ingestion.HoldingPenCommands.Build(),
            ConsoleCommand.Build(),
            Web.UsersCommands.Build(),
            Audit.AuditCommands.Build(),
            ShellCompletion.Build(),
        };
        root.SetAction((parse, cancellationToken) => WorkerCommand.RunAsync(parse, cancellationToken));
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            var suggestion = Suggestions.ForUnmatched(parse);
            if (suggestion is not null)
                Output.Error(suggestion);
            // The suggestion says it better than the parser's "Unrecognized command or argument" / "Required command was not provided".
            foreach (var error in parse.Errors.Where(e => suggestion is null || !(e.Message.StartsWith("Unrecognized command or argument", StringComparison.Ordinal)
                                                                                  || e.Message.StartsWith("Required command was not provided", StringComparison.Ordinal))))
                Output.Error(error.Message);
            var verb = string.Join(' ', CommandPath(parse.CommandResult.Command, parse));
            Output.Error($"See: stpcollector {verb}{(verb.Length > 0 ? " " : "")}--help");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync();
    }

    private static IEnumerable<string> CommandPath(Command command, ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null && result.Command is not RootCommand; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            names.Insert(0, result.Command.Name);
        return names;
    }
}
