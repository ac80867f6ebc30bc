using System.Text;
using NUnit.Framework;
using StpCollector.Files;

namespace StpCollector.Tests.Foundation;

/// <summary>The one CSV reader: separators, encodings and line numbers as councils' files bring them.</summary>
public sealed class CsvSourceTests
{
    private static CsvSource Open(byte[] bytes) => CsvSource.Open(new MemoryStream(bytes, writable: false));

    [TestCase("council,question,answer\nE1,q1,\"a, b\"\n", ",", "','-separated")]
    [TestCase("council;question;answer\nE1;q1;a, b\n", ";", "';'-separated")]
    [TestCase("council\tquestion\tanswer\nE1\tq1\ta; b\n", "\t", "tab-separated")]
    [TestCase("\ncouncil;question;answer\n\nE1;q1;a, b, c, d\n", ";", "';'-separated")]
    public void The_separator_is_found_from_the_file(string text, string delimiter, string description)
    {
        using var source = Open(Encoding.UTF8.GetBytes(text));
        Assert.That(source.Delimiter, Is.EqualTo(delimiter));
        Assert.That(source.DelimiterDescription, Is.EqualTo(description));
        Assert.That(source.Headers, Is.EqualTo(new[] { "council", "question", "answer" }));
        Assert.That(source.Rows().Single().Fields[2], Does.StartWith("a"));
    }

    [Test]
    public void Utf8_with_a_byte_order_mark_and_Windows_1252_are_both_read()
    {
        using (var bom = Open([.. "\uFEFF"u8, .. Encoding.UTF8.GetBytes("name\nCafé\n")]))
        {
            Assert.That(bom.EncodingName, Is.EqualTo("UTF-8 (with BOM)"));
            Assert.That(bom.Headers, Is.EqualTo(new[] { "name" }));
            Assert.That(bom.Rows().Single().Fields[0], Is.EqualTo("Café"));
        }

        using var windows = Open(TextDecoding.Windows1252.GetBytes("name\nCafé – £5\n"));
        Assert.That(windows.EncodingName, Is.EqualTo("Windows-1252"));
        Assert.That(windows.Rows().Single().Fields[0], Is.EqualTo("Café – £5"));
    }

    [Test]
    public void Rows_keep_the_line_they_end_on_past_blank_lines_and_quoted_line_breaks()
    {
        // A quoted answer over two lines is reported at its last line (CsvHelper's raw row).
        using var source = Open(Encoding.UTF8.GetBytes("\n  \na,b\n1,\"two\nlines\"\n\n3,4\n"));
        Assert.That(source.Headers, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(source.Rows().Select(r => r.Line), Is.EqualTo(new[] { 5, 7 }));
    }
}
