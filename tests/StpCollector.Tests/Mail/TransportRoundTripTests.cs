using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using StpCollector.Mail;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Mail;

public sealed class TransportRoundTripTests
{
    [Test]
    public async Task Smtp_transport_delivers_through_postfix_and_imap_mailbox_reads_it_back_from_dovecot()
    {
        var sandbox = MailSandbox.Shared;
        var user = $"roundtrip-{Guid.NewGuid():N}"[..20] + "@lga.test";
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync(sandbox.Settings(user));
        var transport = host.Services.GetRequiredService<IMailTransport>();
        var mailbox = host.Services.GetRequiredService<IMailbox>();
        Assert.That(transport, Is.InstanceOf<SmtpTransport>());
        Assert.That(mailbox, Is.InstanceOf<ImapMailbox>());

        var message = new MimeMessage { Subject = "Round trip", Body = new TextPart("plain") { Text = "Hello from the test" } };
        message.From.Add(MailboxAddress.Parse("stp@lga.test"));
        message.To.Add(MailboxAddress.Parse(user.Replace("@", "+tag123@")));
        message.MessageId = $"{Guid.NewGuid():N}@lga.test";
        await using (var session = await transport.ConnectAsync(CancellationToken.None))
            await session.SendAsync(message, CancellationToken.None);

        await sandbox.WaitForAsync(user, 1);
        await using (var session = await mailbox.OpenAsync(CancellationToken.None))
        {
            var items = await session.ListAsync(CancellationToken.None);
            Assert.That(items, Has.Count.EqualTo(1));
            var received = MimeMessage.Load(new MemoryStream(await session.ReadAsync(items[0], CancellationToken.None)));
            Assert.That(received.MessageId, Is.EqualTo(message.MessageId));
            Assert.That(received.Headers["Delivered-To"], Is.EqualTo(user.Replace("@", "+tag123@")));
            await session.MoveAsync(items[0], MailboxDestination.Processed, CancellationToken.None);
        }

        Assert.That(await sandbox.FetchAsync(user), Is.Empty);
        Assert.That(await sandbox.FetchAsync(user, "Processed"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_relay_to_a_foreign_domain_is_a_permanent_failure()
    {
        var sandbox = MailSandbox.Shared;
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync(sandbox.Settings());
        var message = new MimeMessage { Subject = "x", Body = new TextPart("plain") { Text = "x" } };
        message.From.Add(MailboxAddress.Parse("stp@lga.test"));
        message.To.Add(MailboxAddress.Parse("someone@example.org"));

        await using var session = await host.Services.GetRequiredService<IMailTransport>().ConnectAsync(CancellationToken.None);
        var failure = Assert.ThrowsAsync<MailDeliveryException>(() => session.SendAsync(message, CancellationToken.None));

        Assert.That(failure!.Permanent, Is.True);
        Assert.That(failure.Message, Does.StartWith("5"));
    }

    [Test]
    public async Task A_server_that_is_down_is_a_transient_failure()
    {
        using var data = new TempDataDir();
        var settings = MailSandbox.Shared.Settings();
        settings["Mail:Smtp:Port"] = FreePort.Next().ToString();
        using var host = await data.StartHostAsync(settings);

        var failure = Assert.ThrowsAsync<MailDeliveryException>(() => host.Services.GetRequiredService<IMailTransport>().ConnectAsync(CancellationToken.None));

        Assert.That(failure!.Permanent, Is.False);
    }

    [Test]
    public async Task Folder_transports_write_a_pickup_file_and_move_dropped_files()
    {
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync();
        var message = new MimeMessage { Subject = "Folder", Body = new TextPart("plain") { Text = "x" }, MessageId = "abc.1@lga.test" };
        message.From.Add(MailboxAddress.Parse("stp@lga.test"));
        message.To.Add(MailboxAddress.Parse("stp.lead@camden.gov.test"));

        await using (var session = await host.Services.GetRequiredService<IMailTransport>().ConnectAsync(CancellationToken.None))
        {
            await session.SendAsync(message, CancellationToken.None);
            await session.SendAsync(message, CancellationToken.None);
        }

        var pickup = Directory.GetFiles(Path.Combine(data.Path, "mail", "outbox"), "*.eml");
        Assert.That(pickup, Has.Length.EqualTo(1), "sending the same message twice leaves one file");

        var dropped = Path.Combine(data.Path, "mail", "inbox", "reply.eml");
        Directory.CreateDirectory(Path.GetDirectoryName(dropped)!);
        File.Copy(pickup[0], dropped);
        await using (var session = await host.Services.GetRequiredService<IMailbox>().OpenAsync(CancellationToken.None))
        {
            var item = (await session.ListAsync(CancellationToken.None)).Single();
            await session.MoveAsync(item, MailboxDestination.Held, CancellationToken.None);
        }

        Assert.That(File.Exists(Path.Combine(data.Path, "mail", "held", "reply.eml")));
    }
}
