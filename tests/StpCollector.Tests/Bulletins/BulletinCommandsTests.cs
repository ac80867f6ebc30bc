using StpCollector.Bulletins;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Bulletins;

public sealed class BulletinCommandsTests
{
    [Test]
    public async Task Send_now_queues_one_message_per_active_subscriber_and_list_and_show_report_it()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
        {
            KnownRounds.Create(ReturnsBuilder.For(host));
            await BulletinFixture.AddSubscribersAsync(host, ["ada@network.test", "ben@network.test"]);
        }

        var env = new Dictionary<string, string> { ["STPCOLLECTOR__Clock__Now"] = "2026-12-01T10:00:00Z" };
        var sent = await AppProcess.RunAsync(["bulletin", "send-now", "--yes", "--data-dir", data.Path], env);
        var list = await AppProcess.RunAsync(["bulletin", "list", "--json", "--data-dir", data.Path], env);
        var show = await AppProcess.RunAsync(["bulletin", "show", "1", "--data-dir", data.Path], env);
        var missing = await AppProcess.RunAsync(["bulletin", "show", "9", "--data-dir", data.Path], env);

        Assert.That(sent.ExitCode, Is.EqualTo(0), sent.Stderr);
        Assert.That(sent.Stdout, Does.StartWith("Bulletin 1 \"LGA STP network bulletin, December 2026\" queued for 2 subscribers"));
        using var json = System.Text.Json.JsonDocument.Parse(list.Stdout);
        var row = json.RootElement.EnumerateArray().Single();
        Assert.That((row.GetProperty("status").GetString(), row.GetProperty("recipients").GetInt32()), Is.EqualTo(("sent", 2)));
        Assert.That(show.ExitCode, Is.EqualTo(0), show.Stderr);
        Assert.That(show.Stdout, Does.Contain("outbox: 2 pending").And.Contain("FREQUENTLY ASKED ISSUES AND QUESTIONS").And.Contain("Archived in"));
        Assert.That(missing.ExitCode, Is.EqualTo(2));
        Assert.That(missing.Stderr, Does.Contain("There is no bulletin 9"));
    }

    [TestCase(0, "none")]
    [TestCase(3, "very few")]
    [TestCase(25, "a quarter")]
    [TestCase(33.3, "a third")]
    [TestCase(36, "just over a third")]
    [TestCase(48, "just under half")]
    [TestCase(66.7, "two-thirds")]
    [TestCase(80, "four in five")]
    [TestCase(97, "almost all")]
    [TestCase(100, "all")]
    public void Shares_are_put_in_words_the_way_the_editorial_speaks(decimal percent, string words) =>
        Assert.That(ProportionWords.Describe(percent), Is.EqualTo(words));
}
