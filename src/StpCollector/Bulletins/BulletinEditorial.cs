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
/// Reads what staff write: the editorial saved in the console (<see cref="EditorialStore"/>) when there is one, otherwise
/// config/bulletins/intro.md and quick-links.md; and renders the published FAQ entries
/// (<see cref="FaqStore"/>; the first heading is the question, the rest the answer). Liquid placeholders are filled from
/// the figures first, strictly: a placeholder naming a figure that does not exist stops the build with the file (or
/// FAQ entry) and line, so it never reaches a reader.
/// </summary>
internal sealed class BulletinEditorial(AppPaths paths, FaqFiles faqFiles)
{
    public const string IntroFile = "intro.md";
    public const string QuickLinksFile = "quick-links.md";

    /// <summary>The saved editorial when given (what the console saved), else the files.</summary>
    public Editorial Render(object figures, IReadOnlyList<PublishedFaq> faq, EditorialMarkdown? saved = null)
    {
        var intro = saved is null ? Piece(IntroFile, figures, required: true) : Typed(saved.Intro, figures, "The introduction", "Intro");
        var links = saved is null ? Piece(QuickLinksFile, figures, required: false) : Typed(saved.QuickLinks, figures, "The quick links", "QuickLinks");
        return new Editorial(intro, links, faq.Select(e => Faq(e, figures)).ToList());
    }

    /// <summary>The editorial in the files, as Markdown ("" for a missing file): what the console starts from before anyone saves.</summary>
    public EditorialMarkdown FromFiles() => new(Read(IntroFile), Read(QuickLinksFile));

    private string Read(string name) => Path.Combine(paths.BulletinsDir, name) is var file && File.Exists(file) ? File.ReadAllText(file) : "";

    private EditorialText Piece(string name, object figures, bool required)
    {
        var file = Path.Combine(paths.BulletinsDir, name);
        if (!File.Exists(file))
        {
            if (required)
                throw new UnavailableProblem($"The bulletin editorial {file} is missing. Write it (Markdown) or restore it from the StpCollector release.");
            return new EditorialText("", "");
        }

        return Piece(File.ReadAllText(file), figures, $"bulletin editorial {file}");
    }

    /// <summary>Editorial typed in the console: a placeholder that names no figure is the writer's to correct, in that field.</summary>
    private static EditorialText Typed(string source, object figures, string what, string field)
    {
        try
        {
            return Piece(source, figures, what);
        }
        catch (UnavailableProblem problem)
        {
            throw new InvalidInputProblem(
                $"{problem.Message}. Placeholders are written {{{{ round.responded }}}} and name a figure the bulletin has; correct it or take it out.", field);
        }
    }

    private static EditorialText Piece(string source, object figures, string what)
    {
        var markdown = TemplateRenderer.RenderSource(source, figures, what);
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
