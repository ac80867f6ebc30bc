using System.Globalization;
using StpCollector.Calendar;
using StpCollector.Shared;
using StpCollector.Templates;

namespace StpCollector.Bulletins;

/// <summary>One piece of editorial rendered both ways: HTML for the rich part, plain text for the text part.</summary>
internal sealed record EditorialText(string Html, string Text);

/// <summary>One FAQ entry in the bulletin; RaisedBy councils have raised it since RaisedSince (a month, "September 2026"), 0 and "" when none.</summary>
internal sealed record FaqItem(string Question, string Anchor, string AnswerHtml, string AnswerText, int RaisedBy, string RaisedSince);

internal sealed record Editorial(EditorialText Intro, EditorialText QuickLinks, IReadOnlyList<FaqItem> Faq);

/// <summary>
/// Reads what staff write in config/bulletins/: intro.md and quick-links.md, and renders the published FAQ entries
/// (<see cref="FaqStore"/>; the first heading is the question, the rest the answer). Liquid placeholders are filled from
/// the figures first, strictly: a placeholder naming a figure that does not exist stops the build with the file (or
/// FAQ entry) and line, so it never reaches a reader.
/// </summary>
internal sealed class BulletinEditorial(AppPaths paths, FaqFiles faqFiles)
{
    public Editorial Render(object figures, IReadOnlyList<PublishedFaq> faq)
    {
        var intro = Piece("intro.md", figures, required: true);
        var links = Piece("quick-links.md", figures, required: false);
        return new Editorial(intro, links, faq.Select(e => Faq(e, figures)).ToList());
    }

    private EditorialText Piece(string name, object figures, bool required)
    {
        var file = Path.Combine(paths.BulletinsDir, name);
        if (!File.Exists(file))
        {
            if (required)
                throw new UnavailableProblem($"The bulletin editorial {file} is missing. Write it (Markdown) or restore it from the StpCollector release.");
            return new EditorialText("", "");
        }

        var markdown = TemplateRenderer.RenderSource(File.ReadAllText(file), figures, $"bulletin editorial {file}");
        return new EditorialText(MarkdownText.ToHtml(markdown), MarkdownText.ToText(markdown));
    }

    private FaqItem Faq(PublishedFaq published, object figures)
    {
        var entry = published.Entry;
        // Rendered as the file reads (heading, blank line, answer), so a placeholder's line number is the file's line.
        var what = entry.SourceFile is { } file ? faqFiles.PathOf(file) : $"entry #{entry.Id} (stpcollector faq show {entry.Id})";
        var markdown = TemplateRenderer.RenderSource($"## {entry.Question}\n\n{entry.BodyMarkdown}\n", figures, $"bulletin FAQ {what}");
        var (question, answer) = FaqFiles.Split(markdown, what);
        var since = published.RaisedSince is { } first
            ? LondonTime.ToLondon(first).ToString("MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))
            : "";
        return new FaqItem(question, entry.Anchor, MarkdownText.ToHtml(answer), MarkdownText.ToText(answer), published.RaisedBy, since);
    }
}
