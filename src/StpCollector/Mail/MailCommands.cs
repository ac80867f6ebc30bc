using System.CommandLine;
using Microsoft.Extensions.Options;
using MimeKit;
using StpCollector.Cli;
using StpCollector.Contacts;

namespace StpCollector.Mail;

/// <summary>Lets staff check the mail settings without waiting for a round: send one message, peek at the mailbox.</summary>
internal static class MailCommands
{
    public static Command Build()
    {
        var to = new Option<string>("--to") { Description = "Recipient address", Required = true };
        var test = new Command("test", "Send one test message through the configured transport") { to };
        test.Handles(async (parse, services, cancellationToken) =>
        {
            var address = parse.GetValue(to)!;
            if (!EmailAddress.IsValid(address))
                throw new UserFacingException($"'{address}' is not an email address.", ExitCodes.Usage);
            var options = services.Get<IOptions<MailOptions>>().Value;
            var transport = services.Get<IMailTransport>();
            var message = new MimeMessage
            {
                Subject = "StpCollector test message",
                Body = new TextPart("plain") { Text = "This is a test message from StpCollector. No action is needed." },
            };
            message.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
            message.To.Add(MailboxAddress.Parse(address));
            message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(options.ReplyDomain);
            try
            {
                await using var session = await transport.ConnectAsync(cancellationToken);
                await session.SendAsync(message, cancellationToken);
            }
            catch (MailDeliveryException e)
            {
                throw new UserFacingException($"Could not send through {transport.Describe()}: {e.Message}");
            }

            Console.Out.WriteLine($"Sent {message.MessageId} to {address} through {transport.Describe()}.");
            return ExitCodes.Ok;
        });

        var json = CommonOptions.Json();
        var peek = new Command("peek", "List what is waiting in the returns mailbox, without processing it") { json };
        peek.Handles(async (parse, services, cancellationToken) =>
        {
            var mailbox = services.Get<IMailbox>();
            await using var session = await mailbox.OpenAsync(cancellationToken);
            var items = await session.ListAsync(cancellationToken);
            if (parse.GetValue(json))
            {
                Output.Json(items);
                return ExitCodes.Ok;
            }

            Console.Out.WriteLine($"{items.Count} item(s) waiting in {mailbox.Describe()}.");
            foreach (var item in items)
                Console.Out.WriteLine(item.Name);
            return ExitCodes.Ok;
        });

        return new Command("mail", "Check the mail settings") { test, peek };
    }
}
