using System.Text.RegularExpressions;
using StpCollector.Outbox;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Ingestion;

/// <summary>Ingestion knows only "a message for a feature": survey rounds plug in through its handler contracts, as FoI and bulletins do.</summary>
public sealed partial class IngestionBoundaryTests
{
    [Test]
    public void Ingestion_code_neither_uses_Rounds_nor_names_its_tables_or_mail()
    {
        var folder = Path.Combine(RepoPaths.Root, "src", "StpCollector", "Ingestion");
        var offenders = Directory.EnumerateFiles(folder, "*.cs")
            .SelectMany(file => File.ReadAllLines(file).Select((line, i) => (file, line, number: i + 1)))
            .Where(x => RoundsWords().IsMatch(x.line))
            .Select(x => $"{Path.GetFileName(x.file)}:{x.number}: {x.line.Trim()}")
            .ToList();

        Assert.That(offenders, Is.Empty, "round-specific work belongs in Rounds/, behind IInboundHandler, IInboundFileHandler or IHeldMessageAssigner");
    }

    [TestCase("round:12", "round", 12L)]
    [TestCase("foi:3", "foi", 3L)]
    [TestCase("bulletin-test", "bulletin-test", null)]
    [TestCase("notice:x", "notice:x", null)]
    public void A_topic_is_read_from_and_written_as_exactly_its_stored_text(string text, string feature, long? id)
    {
        var topic = Topic.Parse(text);
        Assert.That((topic.Feature, topic.Id), Is.EqualTo((feature, id)));
        Assert.That(topic.ToString(), Is.EqualTo(text));
    }

    [GeneratedRegex(@"StpCollector\.Rounds|\bRounds\.|(FROM|JOIN|INTO|UPDATE)\s+(rounds|returns|answers|round_reminders|round_councils)\b|invitation|reminder", RegexOptions.IgnoreCase)]
    private static partial Regex RoundsWords();
}
