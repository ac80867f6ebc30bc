using System.Text;
using MimeKit;
using MimeKit.IO;
using StpCollector.Outbox;

namespace StpCollector.Tests.Outbox;

/// <summary>
/// The dispatcher tells the server a stored message's size without writing it out, and sends it by BDAT with that count,
/// so the count must be exactly what the SMTP client writes for the stored bytes.
/// </summary>
public sealed class WireSizeTests
{
    [TestCaseSource(nameof(Messages))]
    public void The_size_counted_from_the_stored_bytes_is_what_the_SMTP_client_writes(string name, MimeMessage message)
    {
        message.Prepare(EncodingConstraint.EightBit, WireSize.MaxLineLength);
        using var stored = new MemoryStream();
        message.WriteTo(stored);
        var bytes = stored.ToArray();

        using var loaded = MimeMessage.Load(new MemoryStream(bytes, writable: false), persistent: true);
        var wire = FormatOptions.Default.Clone();
        wire.NewLineFormat = NewLineFormat.Dos;
        wire.EnsureNewLine = true;
        using var measure = new MeasuringStream();
        loaded.WriteTo(wire, measure);

        Assert.That(WireSize.Of(bytes), Is.EqualTo(measure.Length), name);
    }

    [Test]
    public void Bare_line_feeds_count_twice_and_a_missing_last_line_end_is_added()
    {
        Assert.Multiple(() =>
        {
            Assert.That(WireSize.Of("a: b\n\nbody\n"u8), Is.EqualTo(14));
            Assert.That(WireSize.Of("a: b\r\n\r\nbody\r\n"u8), Is.EqualTo(14));
            Assert.That(WireSize.Of("a: b\n\nbody"u8), Is.EqualTo(14));
        });
    }

    private static IEnumerable<object[]> Messages()
    {
        var bulletin = new BodyBuilder
        {
            TextBody = "Key messages\n\n* " + new string('x', 1500) + "\n",
            HtmlBody = "<html><body><p>" + string.Concat(Enumerable.Repeat("Figures for the round. ", 200)) + "</p><img src=\"cid:chart\"></body></html>",
        };
        bulletin.LinkedResources.Add("chart.png", Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray(), new ContentType("image", "png")).ContentId = "chart";
        yield return ["bulletin with a long line and an inline chart", Message("STP network bulletin", bulletin)];

        var invitation = new BodyBuilder { TextBody = "Dear colleague,\n\nPlease reply by 5 December – the form costs £0.\n.\nA line that is only a dot.\n" };
        invitation.Attachments.Add("return.csv", Encoding.UTF8.GetBytes("question,answer\nq1,yes\n"), new ContentType("text", "csv"));
        yield return ["invitation with non-ASCII text and a CSV", Message("Survey round STP-R12: your return is due", invitation)];

        yield return ["plain text without a last line end", Message("Receipt", new BodyBuilder { TextBody = "Thank you. Your return was received." })];
    }

    private static MimeMessage Message(string subject, BodyBuilder body)
    {
        var message = new MimeMessage { Subject = subject, Body = body.ToMessageBody() };
        message.From.Add(new MailboxAddress("LGA STP network", "stp@lga.test"));
        message.To.Add(new MailboxAddress("Councillor Ñúñez", "member@council.test"));
        return message;
    }
}
