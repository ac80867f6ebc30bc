using StpCollector.Web;

namespace StpCollector.Tests.Web;

public sealed class ConsoleWordsTests
{
    [TestCase("Unknown council code(s): E99999999. See: stpcollector councils list", "Unknown council code(s): E99999999. The Councils page lists them")]
    [TestCase("unknown council code 'E1' (see: stpcollector councils list)", "unknown council code 'E1' (the Councils page lists them)")]
    [TestCase("There is no footprint 'x'. See the ids with: stpcollector footprints list", "There is no footprint 'x'. The new-round form lists the footprints")]
    [TestCase("There is no outbox message 9. See: stpcollector outbox list", "There is no outbox message 9. The Outbox page lists them")]
    [TestCase("Nothing to translate here.", "Nothing to translate here.")]
    public void A_hint_at_a_listing_command_names_the_console_page_instead(string message, string shown) =>
        Assert.That(ConsoleWords.FromCommandLine(message), Is.EqualTo(shown));
}
