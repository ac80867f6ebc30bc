using System.CommandLine;
using System.Globalization;
using StpCollector.Calendar;
using StpCollector.Cli;

namespace StpCollector.Outbox;

internal static class OutboxCommands
{
    public static Command Build() => new("outbox", "Outgoing mail: what is queued, sent or failed") { BuildList(), BuildShow(), BuildRetry(), BuildCancel() };

    private static Command BuildList()
    {
        var status = new Option<string?>("--status") { Description = "Only messages in this status: " + string.Join(", ", OutboxBrowser.Statuses) }
            .AllowOnly("an outbox status", OutboxBrowser.Statuses);
        var kind = new Option<string?>("--kind") { Description = "Only this kind: " + string.Join(", ", OutboxBrowser.Kinds) };
        kind.CompletionSources.Add([.. OutboxBrowser.Kinds]);
        var topic = new Option<string?>("--topic") { Description = "Only messages about this, e.g. round:12" };
        var limit = new Option<int>("--limit") { CustomParser = WholeNumber.Of<int>("--limit"), Description = "At most this many, newest first (default 200)", DefaultValueFactory = _ => 200 };
        var json = CommonOptions.Json();
        var list = new Command("list", "List outgoing messages, newest first") { status, kind, topic, limit, json };
        list.Handles(async (parse, services, cancellationToken) =>
        {
            var browser = services.Get<OutboxBrowser>();
            var entries = await browser.ListAsync(parse.GetValue(status), parse.GetValue(kind), parse.GetValue(topic), Math.Max(1, parse.GetValue(limit)), cancellationToken);
            if (await browser.ConnectionProblemAsync(cancellationToken) is { } problem)
                Output.Error($"Warning: the last dispatch at {problem}");
            if (parse.GetValue(json))
            {
                Output.Json(entries);
                return ExitCodes.Ok;
            }

            Output.Table(["Id", "Kind", "Topic", "Council", "To", "Status", "Tries", "When", "Last error"], entries.Select(e => new[]
            {
                e.Id.ToString(CultureInfo.InvariantCulture), e.Kind, e.Topic, e.CouncilCode, e.Recipient, e.Status,
                e.Attempts.ToString(CultureInfo.InvariantCulture), Short(e.SentAt ?? e.NextAttemptAt), e.LastError,
            }), parse.GetValue(status) is null && parse.GetValue(kind) is null && parse.GetValue(topic) is null
                ? "The outbox is empty: nothing has been queued to send yet."
                : "No outgoing messages match those filters.");
            return ExitCodes.Ok;
        });
        return list;
    }

    private static Command BuildShow()
    {
        var id = new Argument<long>("ID") { CustomParser = WholeNumber.Of<long>("ID"), Description = "Outbox message id" };
        var mime = new Option<bool>("--mime") { Description = "Print the stored message exactly as it is sent" };
        var json = CommonOptions.Json();
        var show = new Command("show", "Show one outgoing message: status, attempts, errors and headers") { id, mime, json };
        show.Handles(async (parse, services, cancellationToken) =>
        {
            var (entry, bytes) = await services.Get<OutboxBrowser>().GetAsync(parse.GetValue(id), cancellationToken);
            if (parse.GetValue(mime))
            {
                await using var stdout = Console.OpenStandardOutput();
                await stdout.WriteAsync(bytes, cancellationToken);
                return ExitCodes.Ok;
            }

            if (parse.GetValue(json))
            {
                Output.Json(entry);
                return ExitCodes.Ok;
            }

            Console.Out.WriteLine($"Outbox message {entry.Id}: {entry.Kind} to {entry.Recipient}");
            Console.Out.WriteLine($"  Subject:     {entry.Subject}");
            Console.Out.WriteLine($"  Message-ID:  <{entry.MessageId}>");
            Console.Out.WriteLine($"  About:       {entry.Topic ?? "-"}{(entry.CouncilCode is null ? "" : $", council {entry.CouncilCode}")}");
            Console.Out.WriteLine($"  Status:      {entry.Status} after {entry.Attempts} attempt(s)");
            Console.Out.WriteLine($"  Queued:      {Short(entry.CreatedAt)}");
            if (entry.SentAt is { } sent)
                Console.Out.WriteLine($"  Sent:        {Short(sent)}");
            else if (entry.Status == "pending")
                Console.Out.WriteLine($"  Next try:    {Short(entry.NextAttemptAt)}");
            if (entry.ExpiresAt is { } expires)
                Console.Out.WriteLine($"  Expires:     {Short(expires)} (not sent after this)");
            if (entry.InterruptedAt is { } cut)
                Console.Out.WriteLine($"  Interrupted: {Short(cut)} (a send was cut off; it was sent again with the same Message-ID)");
            if (entry.LastError is { } error)
                Console.Out.WriteLine($"  Last error:  {error}");
            Console.Out.WriteLine($"  Size:        {bytes.Length:N0} bytes (see it with --mime)");
            return ExitCodes.Ok;
        });
        return show;
    }

    private static Command BuildRetry()
    {
        var id = new Argument<long>("ID") { CustomParser = WholeNumber.Of<long>("ID"), Description = "Outbox message id" };
        var retry = new Command("retry", "Send a failed or cancelled message again (or a waiting one now), with fresh attempts") { id };
        retry.Handles(async (parse, services, cancellationToken) =>
        {
            var entry = await services.Get<OutboxBrowser>().RetryAsync(parse.GetValue(id), cancellationToken);
            Console.Out.WriteLine($"Outbox message {entry.Id} to {entry.Recipient} is queued again; the worker sends it at its next dispatch.");
            return ExitCodes.Ok;
        });
        return retry;
    }

    private static Command BuildCancel()
    {
        var id = new Argument<long>("ID") { CustomParser = WholeNumber.Of<long>("ID"), Description = "Outbox message id" };
        var cancel = new Command("cancel", "Withdraw a waiting or failed message so it is never sent (retry puts it back)") { id };
        cancel.Handles(async (parse, services, cancellationToken) =>
        {
            var entry = await services.Get<OutboxBrowser>().CancelAsync(parse.GetValue(id), cancellationToken);
            Console.Out.WriteLine($"Outbox message {entry.Id} to {entry.Recipient} is cancelled and will not be sent.");
            return ExitCodes.Ok;
        });
        return cancel;
    }

    /// <summary>London wall-clock time, as staff read it.</summary>
    internal static string Short(DateTimeOffset utc) => LondonTime.Short(utc);
}
