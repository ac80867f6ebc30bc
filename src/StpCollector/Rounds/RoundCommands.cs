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
            var (summary, councils) = await services.Get<RoundQueries>().ShowAsync(Round.ParseId(parse.GetValue(id)!), cancellationToken);
            var states = await services.Get<RoundReturnStates>().ForRoundAsync(summary.Round, cancellationToken);
            IReadOnlyList<MissingAnswer>? MissingOf(RoundCouncilStatus c) =>
                c.RespondedAt is null || states is null ? null : states.GetValueOrDefault(c.CouncilCode) ?? [];
            string? ReturnOf(RoundCouncilStatus c) => MissingOf(c) switch { null => c.RespondedAt is null ? null : "unknown", [] => "complete", _ => "partial" };
            var complete = councils.Count(c => ReturnOf(c) == "complete");
            var partial = councils.Count(c => ReturnOf(c) == "partial");
            if (parse.GetValue(json))
            {
                Output.Json(new { summary.Round, summary.Councils, summary.Invited, summary.Sent, summary.Failed, summary.Bounced, summary.Responded, Complete = complete, Partial = partial, summary.Late, Council = councils.Select(c => new
                {
                    c.CouncilCode, c.CouncilName, c.LeadEmail, c.Delivery, c.InvitedAt, c.InvitationOutboxId, c.InvitationSentAt, c.InvitationError,
                    c.BouncedAt, c.BounceReason, Reminders = Slots(c).Where(s => s > 0).ToArray(), ChasedByHand = Slots(c).Count(s => s < 0),
                    c.RespondedAt, c.DatedAt, c.ResponseSource, c.Late, Return = ReturnOf(c), Missing = MissingOf(c),
                }) });
                return ExitCodes.Ok;
            }

            var round = summary.Round;
            Console.Out.WriteLine($"{round.Reference}: {round.Title} ({round.Status})");
            Console.Out.WriteLine($"  Questionnaire {round.QuestionnaireId} v{round.QuestionnaireVersion}; audience {round.Audience}");
            Console.Out.WriteLine($"  Opens {LondonTime.Describe(round.OpensAt)}; closes {LondonTime.Describe(round.ClosesAt)}; reminders {(round.ReminderDays.Length == 0 ? "none" : round.ReminderDays + " working days before")}");
            Console.Out.WriteLine($"  {summary.Invited} of {summary.Councils} invited: {summary.Sent} sent, {summary.Failed} failed, {summary.Bounced} bounced; {summary.Responded} responded ({summary.Late} late): {complete} complete, {partial} partial" +
                (states is null ? $" (complete or partial unknown: questionnaire {round.QuestionnaireId} is missing from config/questionnaires)" : ""));
            Console.Out.WriteLine();
            Output.Table(["Council", "Code", "Lead", "Invited", "Delivery", "Reminders", "Responded", "How", "Late", "Return", "Dated (sender's clock)"], councils.Select(c => new[]
            {
                c.CouncilName, c.CouncilCode, c.LeadEmail ?? "(none)", (c.InvitationSentAt ?? c.InvitedAt) is { } at ? RoundTimes.Show(at) : "",
                c.Delivery + (c.BouncedAt is not null ? $": {c.BounceReason}" : c.InvitationStatus == "failed" ? $": {c.InvitationError}" : ""),
                DescribeReminders(c), c.RespondedAt is { } responded ? RoundTimes.Show(responded) : "", c.ResponseSource ?? "",
                c.Late ? "late" : "",
                MissingOf(c) is { Count: > 0 } missing ? $"partial (missing {ReturnCompleteness.Ids(missing)})" : ReturnOf(c) ?? "",
                c.RespondedAt is { } received ? SenderClock.Describe(received, c.DatedAt) : "",
            }), "No councils are in this round.");
            return ExitCodes.Ok;
        });
        return show;
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

    /// <summary>Scheduled slots (working days before the close) are positive; chases by hand (round remind) negative.</summary>
    private static int[] Slots(RoundCouncilStatus council) =>
        council.RemindersSent?.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() ?? [];

    private static string DescribeReminders(RoundCouncilStatus council)
    {
        var slots = Slots(council);
        var scheduled = string.Join(',', slots.Where(s => s > 0));
        var byHand = slots.Count(s => s < 0);
        return byHand == 0 ? scheduled : $"{scheduled}{(scheduled.Length > 0 ? " + " : "")}{byHand} by hand";
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
