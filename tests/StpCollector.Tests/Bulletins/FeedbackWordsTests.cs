using MimeKit;
using StpCollector.Ingestion;

namespace StpCollector.Tests.Bulletins;

/// <summary>What is kept of a reply as the person's own words: not what they quoted, not their sign-off or signature.</summary>
public sealed class FeedbackWordsTests
{
    private static string Words(string body) =>
        ReplyBodyReader.OwnWords(new MimeMessage { Body = new TextPart("plain") { Text = body.ReplaceLineEndings("\n") } });

    [TestCase("Very useful, thanks.\n\n-- \nAda Lovelace\nStrategy Officer", "Very useful, thanks.")]
    [TestCase("Very useful.\n\nSent from my iPhone", "Very useful.")]
    [TestCase("Could you cover Wales?\n\nKind regards,\nAda\n\nOn 1 Dec 2026, LGA STP network wrote:\n> the bulletin", "Could you cover Wales?")]
    [TestCase("Thanks,\nthe figures on page 2 look wrong for us.", "Thanks,\nthe figures on page 2 look wrong for us.")]
    [TestCase("> the bulletin\nInline: we disagree.\n> more of it", "Inline: we disagree.")]
    [TestCase("\n\n> only quoted", "")]
    public void Own_words_leave_out_quotes_sign_off_and_signature(string body, string expected) =>
        Assert.That(Words(body), Is.EqualTo(expected));

    [Test]
    public void An_html_only_reply_is_read_as_text()
    {
        var message = new MimeMessage { Body = new TextPart("html") { Text = "<p>We <b>liked</b> the charts.</p><p>Best wishes,<br>Ben</p>" } };

        Assert.That(ReplyBodyReader.OwnWords(message), Does.StartWith("We liked the charts.").And.Not.Contain("Best wishes").And.Not.Contain("<b>"));
    }
}
