using System.CommandLine;
using System.Globalization;
using StpCollector.Calendar;
using StpCollector.Cli;
using StpCollector.Outbox;
using StpCollector.Storage;
using StpCollector.Templates;

namespace StpCollector.Bulletins;

/// <summary>
/// bulletin send-now (to every active subscriber, after a yes on the terminal or --yes) and bulletin test-send (one
/// copy to one address, marked as a test, neither recorded as the period's bulletin nor archived).
/// </summary>
internal static class BulletinSendCommands
{
    /// <summary>Test copies go through the outbox like any mail, under their own kind so bounces never count against subscribers.</summary>
    public const string TestOutboxKind = BulletinDrafts.TestOutboxKind;

    public static Command SendNow()
    {
        var yes = new Option<bool>("--yes") { Description = "Send without asking (needed when not run from a terminal, e.g. in a script)" };
        var sendNow = new Command("send-now", "Build a bulletin from today's figures and send it to every active subscriber now (asks first)") { yes };
        sendNow.Handles(async (parse, services, cancellationToken) =>
        {
            // A script cannot answer the question, and sending to everyone by accident cannot be undone: say so before any work.
            if (!parse.GetValue(yes) && Console.IsInputRedirected)
                throw new UserFacingException(
                    "bulletin send-now sends to every active subscriber and asks first, but there is no terminal to ask on. " +
                    "Add --yes to send without asking.", ExitCodes.Usage);

            var now = services.Get<TimeProvider>().GetUtcNow();
            var draft = await services.Get<BulletinComposer>().BuildAsync(now, now, cancellationToken);
            if (!parse.GetValue(yes))
            {
                var subscribers = (await services.Get<SubscriberStore>().ListAsync(activeOnly: true, cancellationToken)).Count;
                var month = LondonTime.ToLondon(now).ToString("MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
                Console.Error.Write($"Send bulletin for {month} to {Plural.Of(subscribers, "subscriber", "subscribers")} now? [y/N] ");
                var answer = Console.In.ReadLine()?.Trim();
                if (!string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) && !string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase))
                {
                    Console.Out.WriteLine("Nothing was sent.");
                    return ExitCodes.Failure;
                }
            }

            var sent = await services.Get<BulletinPublisher>().SendNewAsync($"manual-{DapperSetup.Format(now)}", now, draft, cancellationToken)
                ?? throw new UserFacingException("A bulletin was sent this very moment by another process; run 'stpcollector bulletin list'.");
            Console.Out.WriteLine($"Bulletin {sent.Id} \"{sent.Subject}\" queued for {Plural.Of(sent.Recipients, "subscriber", "subscribers")}; " +
                $"archived in {services.Get<BulletinArchive>().FolderFor(sent)}.");
            return ExitCodes.Ok;
        });
        return sendNow;
    }

    public static Command TestSend()
    {
        var to = new Option<string>("--to") { Description = "The address to send the test copy to", Required = true, HelpName = "ADDRESS" };
        var testSend = new Command("test-send",
            "Send the next bulletin, as preview builds it, to one address to check how it looks; it is marked as a test and not counted as sent") { to };
        testSend.Handles(async (parse, services, cancellationToken) =>
        {
            var address = Contacts.EmailAddress.Normalise(parse.GetValue(to)!);
            if (!Contacts.EmailAddress.IsValid(address))
                throw new UserFacingException($"--to '{parse.GetValue(to)}' is not an email address.", ExitCodes.Usage);

            var (record, _) = await BulletinCommands.PreviewAsync(services, cancellationToken);
            await using var connection = await services.Get<Database>().OpenAsync(cancellationToken);
            var id = await services.Get<BulletinDrafts>().QueueTestAsync(connection, record.Subject, record.Html, record.Text, record.Charts, address, cancellationToken);
            Console.Out.WriteLine($"Queued a test copy of \"{record.Subject}\" for {address} (outbox message {id}); " +
                "it goes with the next outbox dispatch and does not count as the bulletin's send.");
            return ExitCodes.Ok;
        });
        return testSend;
    }
}
