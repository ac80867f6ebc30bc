using MimeKit;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Ingestion;

/// <summary>Whatever a council sends, the receipt and the stored reasons quote a short excerpt of it, not all of it.</summary>
public sealed class LongAnswerTests
{
    private const string Camden = "E09000007";
    private IngestionWorld world = null!;
    private long roundId;

    [SetUp]
    public async Task StartAsync()
    {
        world = await IngestionWorld.StartAsync();
        roundId = await world.CreateRoundAsync("STP-R7", [Camden]);
    }

    [TearDown]
    public void Stop() => world.Dispose();

    [Test]
    public async Task An_eight_megabyte_answer_line_gets_a_small_receipt_quoting_an_excerpt_and_its_length()
    {
        var huge = new string('x', 8_000_000);
        var message = new MimeMessage { Subject = "RE: STP-R7", MessageId = "huge-line@camden.gov.test", Date = new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.Zero) };
        message.From.Add(MailboxAddress.Parse("stp.lead@camden.gov.test"));
        message.To.Add(MailboxAddress.Parse(world.TokenAddress(roundId, Camden)));
        message.Body = new TextPart("plain") { Text = $"Q1: Yes\nQ8: {huge}\nQ6: Chief executive;{string.Join(';', Enumerable.Range(0, 200_000).Select(i => $"role {i}"))}\nQ16: {huge}\n" };
        using var stream = new MemoryStream();
        message.WriteTo(stream);

        var result = await world.IngestEmailAsync(stream.ToArray());

        Assert.That(result.Outcome, Is.EqualTo("stored"), result.Reason);
        var receipt = MimeMessage.Load(new MemoryStream(await world.ScalarAsync<byte[]>("SELECT mime FROM outbox WHERE kind = 'receipt'")));
        var text = receipt.TextBody!;
        Assert.That(text.Length, Is.LessThan(20_000), "the receipt quotes excerpts only");
        Assert.That(text, Does.Contain("Q8  you wrote \"xxxxxxxx").And.Contain("… (8,000,000 characters)"));
        Assert.That(text, Does.Contain("Q16").And.Contain("Q6"));
        var answers = await world.CurrentAnswersAsync(roundId, Camden);
        Assert.That(answers["Q1"].Value, Is.EqualTo("yes"));
        foreach (var id in new[] { "Q6", "Q8", "Q16" })
        {
            Assert.That(answers[id].Status, Is.EqualTo("invalid"), id);
            Assert.That(answers[id].Raw!.Length, Is.LessThan(300), $"{id}'s stored raw value is an excerpt");
            Assert.That(answers[id].Problem!.Length, Is.LessThan(500), $"{id}'s stored reason is short");
        }
    }
}
