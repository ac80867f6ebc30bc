using System.CommandLine;
using System.Globalization;
using StpCollector.Calendar;
using StpCollector.Cli;

namespace StpCollector.Rounds;

internal static class RoundCommands
{
    public static Command Build() => new("round", "Survey rounds: schedule, follow and change them")
    {
        RoundCreateCommand.Build(), BuildList(), BuildShow(), BuildExtend(), BuildCancel(), RoundRemindCommand.Build(),
    };

    private static Command BuildList()
    {
        var status = new Option<string?>("--status") { Description = "Only rounds in this status: scheduled, open, closed, cancelled" }
            .AllowOnly("a round status", RoundStatus.All);
        var json = CommonOptions.Json();
        var list = new Command("list", "List rounds, newest first, with how many councils were invited and have responded") { status, json };
        list.Handles(async (parse, services, cancellationToken) =>
        {
            var rounds = await services.Get<RoundQueries>().ListAsync(parse.GetValue(status), cancellationToken);
            if (parse.GetValue(json))
            {
                Output.Json(rounds);
                return ExitCodes.Ok;
            }

            Output.Table(["Id", "Reference", "Status", "Opens", "Closes", "Councils", "Invited", "Sent", "Responded", "Title"], rounds.Select(r => new[]
            {
                N(r.Round.Id), r.Round.Reference, r.Round.Status, RoundTimes.Show(r.Round.OpensAt), RoundTimes.Show(r.Round.ClosesAt),
                N(r.Councils), N(r.Invited), N(r.Sent), N(r.Responded), r.Round.Title,
            }), parse.GetValue(status) is { } only
                ? $"No rounds with status {only}."
                : "No rounds yet: create one with `stpcollector round create ...` (see: stpcollector round create --help).");
            return ExitCodes.Ok;
        });
        return list;
    }

    private static Command BuildShow()
    {
        var id = new Argument<string>("ID") { Description = "Round id or reference, e.g. 12 or STP-R12" };
        var json = CommonOptions.Json();
        var show = new Command("show", "Show a round and, per council, its invitation, reminders and response") { id, json };
        show.Handles(async (parse, services, cancellationToken) =>
        {
            var progress = await services.Get<RoundProgress>().ShowAsync(Round.ParseId(parse.GetValue(id)!), cancellationToken);
            var (summary, complete, partial) = (progress.Summary, progress.Complete, progress.Partial);
            if (parse.GetValue(json))
            {
                Output.Json(new { summary.Round, summary.Councils, summary.Invited, summary.Sent, summary.Failed, summary.Bounced, summary.Responded, Complete = complete, Partial = partial, summary.Late, Council = progress.Councils.Select(p => new
                {
                    p.Council.CouncilCode, p.Council.CouncilName, p.Council.LeadEmail, p.Council.Delivery, p.Council.InvitedAt, p.Council.InvitationOutboxId,
                    p.Council.InvitationSentAt, p.Council.InvitationError, p.Council.BouncedAt, p.Council.BounceReason,
                    Reminders = p.ReminderSlots.Where(s => s > 0).ToArray(), ChasedByHand = p.ReminderSlots.Count(s => s < 0),
                    p.Council.RespondedAt, p.Council.DatedAt, p.Council.ResponseSource, p.Council.Late, p.Return, p.Missing,
                }) });
                return ExitCodes.Ok;
            }

            var round = summary.Round;
            Console.Out.WriteLine($"{round.Reference}: {round.Title} ({round.Status})");
            Console.Out.WriteLine($"  Questionnaire {round.QuestionnaireId} v{round.QuestionnaireVersion}; audience {round.Audience}");
            Console.Out.WriteLine($"  Opens {LondonTime.Describe(round.OpensAt)}; closes {LondonTime.Describe(round.ClosesAt)}; reminders {(round.ReminderDays.Length == 0 ? "none" : round.ReminderDays + " working days before")}");
            Console.Out.WriteLine($"  {summary.Invited} of {summary.Councils} invited: {summary.Sent} sent, {summary.Failed} failed, {summary.Bounced} bounced; {summary.Responded} responded ({summary.Late} late): {complete} complete, {partial} partial" +
                (!progress.QuestionnaireKnown ? $" (complete or partial unknown: questionnaire {round.QuestionnaireId} is missing from config/questionnaires)" : ""));
            Console.Out.WriteLine();
            Output.Table(["Council", "Code", "Lead", "Invited", "Delivery", "Reminders", "Responded", "How", "Late", "Return", "Dated (sender's clock)"],
                progress.Councils.Select(Row), "No councils are in this round.");
            return ExitCodes.Ok;
        });
        return show;
    }

    private static string[] Row(CouncilProgress progress)
    {
        var c = progress.Council;
        return
        [
            c.CouncilName, c.CouncilCode, c.LeadEmail ?? "(none)", (c.InvitationSentAt ?? c.InvitedAt) is { } at ? RoundTimes.Show(at) : "",
            c.Delivery + (c.BouncedAt is not null ? $": {c.BounceReason}" : c.InvitationStatus == "failed" ? $": {c.InvitationError}" : ""),
            progress.DescribeReminders(), c.RespondedAt is { } responded ? RoundTimes.Show(responded) : "", c.ResponseSource ?? "",
            c.Late ? "late" : "",
            progress.Missing is { Count: > 0 } missing ? $"partial (missing {ReturnCompleteness.Ids(missing)})" : progress.Return ?? "",
            c.RespondedAt is { } received ? SenderClock.Describe(received, c.DatedAt) : "",
        ];
    }

    private static Command BuildExtend()
    {
        var id = new Argument<string>("ID") { Description = "Round id or reference" };
        var closes = new Option<string>("--closes") { Description = "The new deadline, London time 'yyyy-MM-dd HH:mm'", Required = true };
        var json = CommonOptions.Json();
        var extend = new Command("extend", "Move a round's deadline later (a closed round opens again)") { id, closes, json };
        extend.Handles(async (parse, services, cancellationToken) =>
        {
            var round = await services.Get<RoundChanges>().ExtendAsync(Round.ParseId(parse.GetValue(id)!), parse.GetValue(closes)!, cancellationToken);
            if (parse.GetValue(json))
                Output.Json(round);
            else
                Console.Out.WriteLine($"Round {round.Reference} now closes {LondonTime.Describe(round.ClosesAt)} ({round.Status}).");
            return ExitCodes.Ok;
        });
        return extend;
    }

    private static Command BuildCancel()
    {
        var id = new Argument<string>("ID") { Description = "Round id or reference" };
        var cancel = new Command("cancel", "Cancel a round; invitations and reminders not yet sent are withdrawn") { id };
        cancel.Handles(async (parse, services, cancellationToken) =>
        {
            var (round, withdrawn) = await services.Get<RoundChanges>().CancelAsync(Round.ParseId(parse.GetValue(id)!), cancellationToken);
            Console.Out.WriteLine($"Round {round.Reference} is cancelled; {withdrawn} unsent message(s) withdrawn from the outbox.");
            return ExitCodes.Ok;
        });
        return cancel;
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
