using System.Diagnostics;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Bulletins;

/// <summary>
/// What copies that belong to no one subscriber say about unsubscribing (preview, archive), what "new returns" counts,
/// and the two ways staff send by hand: send-now (asks first, or --yes) and test-send (one marked copy, not the send).
/// </summary>
public sealed class BulletinUnsubscribeAndSendTests
{
    private static readonly Dictionary<string, string> Now = new() { ["STPCOLLECTOR__Clock__Now"] = "2026-12-01T10:00:00Z" };

    private const string AnyReader = "the unsubscribe address in your own copy (each subscriber has their own)";

    [Test]
    public async Task The_text_preview_reads_naturally_where_each_subscriber_gets_their_own_unsubscribe_address()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
            KnownRounds.Create(ReturnsBuilder.For(host));

        var (exit, text, stderr) = await AppProcess.RunAsync(["bulletin", "preview", "--data-dir", data.Path], Now);

        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(text, Does.Not.Contain("%%"));
        Assert.That(text, Does.Contain($"To stop receiving this bulletin, reply with the word \"unsubscribe\", or send it to {AnyReader}."));
    }

    [Test]
    public async Task The_archived_copy_names_no_address_to_unsubscribe_not_the_from_address_and_nobody_s_own()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
        {
            KnownRounds.Create(ReturnsBuilder.For(host));
            await BulletinFixture.AddSubscribersAsync(host, ["ada@network.test"]);
        }

        var (exit, stdout, stderr) = await AppProcess.RunAsync(["bulletin", "send-now", "--yes", "--data-dir", data.Path], Now);

        Assert.That(exit, Is.EqualTo(0), stdout + stderr);
        var folder = Directory.GetDirectories(Path.Combine(data.Path, "bulletins")).Single();
        var text = await File.ReadAllTextAsync(Path.Combine(folder, "bulletin.txt"));
        var html = await File.ReadAllTextAsync(Path.Combine(folder, "bulletin.html"));
        // stp@lga.test is the From address (nobody reads it for unsubscribes); returns+... would be a subscriber's own.
        Assert.That(text + html, Does.Not.Contain("stp@lga.test").And.Not.Contain("returns+").And.Not.Contain("%%"));
        Assert.That(text, Does.Contain(AnyReader));
        Assert.That(html, Does.Contain("href=\"mailto:?subject=unsubscribe\"").And.Contain(AnyReader));
        var sent = BulletinFixture.Outbox(data.Path).Single().Message;
        Assert.That(sent.TextBody, Does.Contain("send it to returns+").And.Not.Contain(AnyReader));
    }

    [Test]
    public async Task Returns_to_a_cancelled_round_are_not_new_returns_in_the_bulletin()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
        {
            var builder = ReturnsBuilder.For(host);
            KnownRounds.Create(builder);
            var cancelled = builder.Round("STP-X1", "2026-11-15T09:00:00.000Z", "2026-11-30T17:00:00.000Z", [KnownRounds.Stockton], status: "cancelled");
            builder.Return(cancelled, KnownRounds.Stockton, "2026-11-20T10:00:00.000Z", ReturnsBuilder.A("Q7", "yes"));
        }

        var (exit, text, stderr) = await AppProcess.RunAsync(["bulletin", "preview", "--data-dir", data.Path], Now);

        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(text, Does.Contain("5 new or updated returns:").And.Not.Contain("STP-X1").And.Not.Contain("Stockton"));
    }

    [Test]
    public async Task Send_now_without_a_terminal_needs_yes_and_sends_nothing_without_it()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
        {
            KnownRounds.Create(ReturnsBuilder.For(host));
            await BulletinFixture.AddSubscribersAsync(host, ["ada@network.test"]);
        }

        var (exit, stdout, stderr) = await RunWithStdinAsync(["bulletin", "send-now", "--data-dir", data.Path], "y\n", data.Path);

        Assert.That(exit, Is.EqualTo(2), stdout + stderr);
        Assert.That(stderr, Does.Contain("--yes").And.Contain("no terminal"));
        Assert.That(BulletinFixture.Scalar<long>(data.Path, "SELECT count(*) FROM bulletins"), Is.Zero);
        Assert.That(BulletinFixture.Outbox(data.Path), Is.Empty);
    }

    [TestCase("n\n", false)]
    [TestCase("y\n", true)]
    public async Task Send_now_on_a_terminal_asks_naming_the_month_and_the_subscribers_and_sends_only_on_yes(string answer, bool sends)
    {
        if (!File.Exists("/usr/bin/script"))
            Assert.Ignore("util-linux 'script' is needed to give the command a terminal.");
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
        {
            KnownRounds.Create(ReturnsBuilder.For(host));
            await BulletinFixture.AddSubscribersAsync(host, ["ada@network.test", "ben@network.test"]);
        }

        // script(1) runs the command on a pseudo-terminal and passes our stdin to it, as a person typing would.
        var command = string.Join(' ', new[] { "dotnet", RepoPaths.AppDll, "bulletin", "send-now", "--data-dir", data.Path }.Select(a => $"'{a}'"));
        var (exit, output, _) = await RunWithStdinAsync(["-q", "-e", "-c", command, "/dev/null"], answer, data.Path, fileName: "/usr/bin/script");

        Assert.That(output, Does.Contain("Send bulletin for December 2026 to 2 subscribers now? [y/N]"));
        Assert.That(BulletinFixture.Outbox(data.Path), Has.Count.EqualTo(sends ? 2 : 0));
        Assert.That(exit, Is.EqualTo(sends ? 0 : 1), output);
        Assert.That(output, sends ? Does.Contain("queued for 2 subscribers") : Does.Contain("Nothing was sent."));
    }

    [Test]
    public async Task Test_send_mails_one_marked_copy_through_the_outbox_without_counting_or_archiving_it()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
        {
            KnownRounds.Create(ReturnsBuilder.For(host));
            await BulletinFixture.AddSubscribersAsync(host, ["ada@network.test"]);
        }

        var sent = await AppProcess.RunAsync(["bulletin", "test-send", "--to", "Editor@LGA.test", "--data-dir", data.Path], Now);
        // The test clock starts at Clock:Now and runs on: dispatch a few minutes later, when the message is due.
        var dispatched = await AppProcess.RunAsync(["run", "--once", "--sweep", "OutboxDispatch", "--data-dir", data.Path],
            new Dictionary<string, string> { ["STPCOLLECTOR__Clock__Now"] = "2026-12-01T10:05:00Z" });
        var wrong = await AppProcess.RunAsync(["bulletin", "test-send", "--to", "not-an-address", "--data-dir", data.Path], Now);

        Assert.That(sent.ExitCode, Is.EqualTo(0), sent.Stdout + sent.Stderr);
        Assert.That(sent.Stdout, Does.Contain("Queued a test copy of \"LGA STP network bulletin, December 2026\" for editor@lga.test"));
        Assert.That(dispatched.ExitCode, Is.EqualTo(0), dispatched.Stdout + dispatched.Stderr);
        var pickup = Path.Combine(data.Path, "mail", "outbox");
        var files = Directory.GetFiles(pickup, "*.eml");
        var message = MimeKit.MimeMessage.Load(files.Single());
        Assert.That(message.Subject, Is.EqualTo("[TEST] LGA STP network bulletin, December 2026"));
        Assert.That(message.To.Mailboxes.Single().Address, Is.EqualTo("editor@lga.test"));
        Assert.That(message.TextBody, Does.Contain("FREQUENTLY ASKED ISSUES AND QUESTIONS").And.Not.Contain("%%"));
        Assert.That(message.Headers.Contains("List-Unsubscribe"), Is.False);
        Assert.That(BulletinFixture.Outbox(data.Path, "bulletin_test").Single().Status, Is.EqualTo("sent"));
        Assert.That(BulletinFixture.Scalar<long>(data.Path, "SELECT count(*) FROM bulletins"), Is.Zero, "not the period's bulletin");
        Assert.That(BulletinFixture.Outbox(data.Path), Is.Empty, "no subscriber was sent anything");
        Assert.That(Directory.Exists(Path.Combine(data.Path, "bulletins")) && Directory.EnumerateFileSystemEntries(Path.Combine(data.Path, "bulletins")).Any(), Is.False);
        Assert.That(wrong.ExitCode, Is.EqualTo(2));
        Assert.That(wrong.Stderr, Does.Contain("'not-an-address' is not an email address"));
    }

    /// <summary>Runs a process with stdin from a pipe (so not a terminal), writes the text and closes it.</summary>
    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunWithStdinAsync(IEnumerable<string> args, string input,
        string dataDir, string fileName = "dotnet")
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (fileName == "dotnet")
            info.ArgumentList.Add(RepoPaths.AppDll);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        foreach (var (key, value) in Now.Concat(AppProcess.StoreEnvironment(dataDir)))
            info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        await process.StandardInput.FlushAsync();
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
