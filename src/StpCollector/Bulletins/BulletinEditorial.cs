using StpCollector.Shared;
using StpCollector.Templates;

namespace StpCollector.Bulletins;

/// <summary>One piece of editorial rendered both ways: HTML for the rich part, plain text for the text part.</summary>
internal sealed record EditorialText(string Html, string Text);

internal sealed record FaqItem(string Question, string Anchor, string AnswerHtml, string AnswerText);

internal sealed record Editorial(EditorialText Intro, EditorialText QuickLinks, IReadOnlyList<FaqItem> Faq);

/// <summary>
/// Reads what staff write in config/bulletins/: intro.md, quick-links.md and faq/NN-name.md (the first heading is the
/// question, the rest the answer). Liquid placeholders are filled from the figures first, strictly: a placeholder
/// naming a figure that does not exist stops the build with the file and line, so it never reaches a reader.
/// </summary>
internal sealed class BulletinEditorial(AppPaths paths)
{
    public Editorial Render(object figures)
    {
        var intro = Piece("intro.md", figures, required: true);
        var links = Piece("quick-links.md", figures, required: false);
        var faqFolder = Path.Combine(paths.BulletinsDir, "faq");
        var faq = Directory.Exists(faqFolder)
            ? Directory.EnumerateFiles(faqFolder, "*.md").Order(StringComparer.Ordinal).Select(f => Faq(f, figures)).ToList()
            : [];
        return new Editorial(intro, links, faq);
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

    private static FaqItem Faq(string file, object figures)
    {
        var markdown = TemplateRenderer.RenderSource(File.ReadAllText(file), figures, $"bulletin FAQ {file}");
        var lines = markdown.Replace("\r\n", "\n").Split('\n').ToList();
        var headingAt = lines.FindIndex(l => l.TrimStart().StartsWith('#'));
        if (headingAt < 0)
            throw new UnavailableProblem($"Bulletin FAQ {file}: start it with the question as a heading, e.g. \"## Are social care pressures recognised in STPs?\".");
        var question = lines[headingAt].Trim().TrimStart('#').Trim();
        var answer = string.Join('\n', lines.Skip(headingAt + 1)).Trim();
        var anchor = "faq-" + Questionnaires.QuestionnaireFile.Slug(Path.GetFileNameWithoutExtension(file)).Replace('_', '-');
        return new FaqItem(question, anchor, MarkdownText.ToHtml(answer), MarkdownText.ToText(answer));
    }
}
