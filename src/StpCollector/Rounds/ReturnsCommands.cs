using System.CommandLine;
using Dapper;
using StpCollector.Calendar;
using StpCollector.Cli;
using StpCollector.Questionnaires;
using StpCollector.Storage;

namespace StpCollector.Rounds;

/// <summary>returns show ROUND COUNCIL: a council's current return in a round, every answer, and the returns it replaced; returns correct: a staff correction.</summary>
internal static class ReturnsCommands
{
    public static Command Build()
    {
        var round = new Argument<string>("ROUND") { Description = "Round id or reference, e.g. 12 or STP-R12" };
        var council = new Argument<string>("COUNCIL") { Description = "Council ONS code, e.g. E09000007" };
        var json = CommonOptions.Json();
        var show = new Command("show", "Show a council's return to a round: every answer (valid, invalid or missing), where it came from, and earlier returns")
        {
            round, council, json,
        };
        show.Handles(async (parse, services, cancellationToken) =>
        {
            await using var connection = await services.Get<Database>().OpenAsync(cancellationToken);
            var found = await Round.GetAsync(connection, Round.ParseId(parse.GetValue(round)!));
            var code = parse.GetValue(council)!.Trim().ToUpperInvariant();
            var name = (await Reference.CouncilDirectory.ByCodeAsync(connection, code))?.Name
                ?? throw new UserFacingException($"There is no council '{code}'. See the codes with: stpcollector councils list", ExitCodes.Usage);
            if (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM round_councils WHERE round_id = @Id AND council_code = @code", new { found.Id, code }) == 0)
                throw new UserFacingException($"{name} ({code}) is not in round {found.Reference}. See its councils with: stpcollector round show {found.Reference}", ExitCodes.Usage);
            var returns = await ReturnRecords.ForAsync(connection, found.Id, code, services.Get<QuestionnaireCatalog>().Find(found.QuestionnaireId));
            if (parse.GetValue(json))
            {
                Output.Json(new { Round = found.Reference, CouncilCode = code, CouncilName = name, Current = returns.FirstOrDefault(r => r.IsCurrent), History = returns.Where(r => !r.IsCurrent) });
                return ExitCodes.Ok;
            }

            Console.Out.WriteLine($"{name} ({code}) in {found.Reference}: {found.Title} ({found.Status})");
            Print(returns, "  ");
            return ExitCodes.Ok;
        });
        var returnId = new Argument<long>("RETURN_ID") { CustomParser = WholeNumber.Of<long>("RETURN_ID"), Description = "Return number, e.g. 42 (from returns show)" };
        var question = new Argument<string>("QUESTION") { Description = "Question id, e.g. Q7" };
        var value = new Argument<string>("VALUE") { Description = "The corrected answer, written as a council would write it" };
        var reason = new Option<string>("--reason") { Description = "Why it is corrected (kept with the correction)", Required = true };
        var correct = new Command("correct", "Correct one answer of a return: what the council sent is kept, reports and exports use the correction")
        {
            returnId, question, value, reason,
        };
        correct.Handles(async (parse, services, cancellationToken) =>
        {
            var (before, correction) = await services.Get<AnswerCorrections>().CorrectAsync(parse.GetValue(returnId), parse.GetValue(question)!,
                parse.GetValue(value)!, parse.GetValue(reason)!, seenVersion: null, Audit.AuditActor.CommandLine().Name, cancellationToken);
            Console.Out.WriteLine($"Corrected {correction.QuestionId} of return #{correction.ReturnId}: {before.Current ?? "(no answer)"} -> {correction.Value} " +
                $"(the council's answer is kept; correction {correction.Version}).");
            return ExitCodes.Ok;
        });
        return new Command("returns", "Councils' returns to rounds: show one, correct an answer") { show, correct };
    }

    /// <summary>The current return with its answers, then one line per earlier return; also used by councils show.</summary>
    public static void Print(IReadOnlyList<ReturnView> returns, string indent)
    {
        var current = returns.FirstOrDefault(r => r.IsCurrent);
        if (current is null)
        {
            Console.Out.WriteLine($"{indent}No return yet.");
            return;
        }

        Console.Out.WriteLine($"{indent}Current return #{current.Id}, received {LondonTime.Describe(current.ReceivedAt)}{(current.Late ? " (late)" : "")}: " +
            (current.Completeness switch
            {
                "partial" => $"partial, missing {ReturnCompleteness.Ids(current.MissingRequired)}",
                null => "complete or partial unknown (questionnaire missing)",
                var state => state,
            }));
        Console.Out.WriteLine($"{indent}  From {ReturnRecords.DescribeOrigin(current)}");
        if (current.DatedAt is not null)
            Console.Out.WriteLine($"{indent}  Dated (sender's clock): {SenderClock.Describe(current.ReceivedAt, current.DatedAt)}");
        if (current.InboundMessageId is { } messageId)
            Console.Out.WriteLine($"{indent}  Message-ID <{messageId}>; inbound #{current.InboundId} (stpcollector holding-pen show {current.InboundId})");
        Console.Out.WriteLine();
        Output.Table(["Q", "Status", "Answer", "Comment", "As written", "Note / problem"], current.Answers.Select(a => new[]
        {
            a.QuestionId + (a.Required ? "" : " (optional)"), a.Status, a.Value ?? "", Shorten(a.Comment, 60), Shorten(a.Raw, 60), Shorten(a.Problem ?? a.Note, 100),
        }));
        var history = returns.Where(r => !r.IsCurrent).ToList();
        if (history.Count > 0)
        {
            Console.Out.WriteLine($"{indent}Earlier returns (superseded):");
            foreach (var old in history)
                Console.Out.WriteLine($"{indent}  #{old.Id} received {LondonTime.Describe(old.ReceivedAt)}, {old.Answers.Count(a => a.Status != "missing")} question(s) answered, {ReturnRecords.DescribeOrigin(old)}");
        }
    }

    private static string Shorten(string? text, int width) =>
        text is null ? "" : text.ReplaceLineEndings(" ") is var flat && flat.Length > width ? flat[..(width - 3)] + "..." : flat;
}
