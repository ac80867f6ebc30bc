using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace StpCollector.Bulletins;

/// <summary>
/// Staff write the bulletin in Markdown; this turns it into HTML for the rich part and into plain text for the text
/// part, where links keep their address ("LGA briefing (https://...)") and list items keep a dash.
/// </summary>
internal static class MarkdownText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAutoLinks().DisableHtml().Build();

    public static string ToHtml(string markdown)
    {
        using var writer = new StringWriter();
        var renderer = new Markdig.Renderers.HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(Parse(markdown));
        writer.Flush();
        return writer.ToString();
    }

    public static string ToText(string markdown)
    {
        var document = Parse(markdown);
        var text = new StringBuilder();
        foreach (var block in document)
            WriteBlock(text, block, "");
        return text.ToString().TrimEnd() + "\n";
    }

    /// <summary>
    /// Parses, then keeps only the words of a link or image whose address could run script or carry a document
    /// (javascript:, vbscript:, data:, ...): only web, mail and in-page addresses stay links.
    /// </summary>
    private static MarkdownDocument Parse(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>().Where(l => !IsSafe(l.Url)).ToList())
        {
            while (link.FirstChild is { } child)
            {
                child.Remove();
                link.InsertBefore(child);
            }

            link.Remove();
        }

        foreach (var auto in document.Descendants<AutolinkInline>().Where(a => !IsSafe(a.Url)).ToList())
            auto.ReplaceBy(new LiteralInline(auto.Url));
        return document;
    }

    private static readonly string[] SafeSchemes = ["http", "https", "mailto"];

    private static bool IsSafe(string? url)
    {
        var address = (url ?? "").Trim();
        var colon = address.IndexOf(':', StringComparison.Ordinal);
        // No scheme (a relative or in-page address): the scheme ends before any '/', '?' or '#'.
        if (colon < 0 || address.IndexOfAny(['/', '?', '#']) is var end && end >= 0 && end < colon)
            return true;
        return SafeSchemes.Contains(address[..colon].ToLowerInvariant());
    }

    private static void WriteBlock(StringBuilder text, Block block, string indent)
    {
        switch (block)
        {
            case HeadingBlock heading:
                text.Append(indent).AppendLine(Inline(heading.Inline)).AppendLine();
                break;
            case ParagraphBlock paragraph:
                text.Append(indent).AppendLine(Inline(paragraph.Inline)).AppendLine();
                break;
            case ListBlock list:
                var number = 1;
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    var marker = list.IsOrdered ? $"{number++}. " : "- ";
                    var inner = new StringBuilder();
                    foreach (var child in item)
                        WriteBlock(inner, child, "");
                    var lines = inner.ToString().TrimEnd().Split('\n').Where(l => l.Trim().Length > 0);
                    text.Append(indent).Append(marker).AppendLine(string.Join("\n" + indent + new string(' ', marker.Length), lines));
                }

                text.AppendLine();
                break;
            case QuoteBlock quote:
                foreach (var child in quote)
                    WriteBlock(text, child, indent + "> ");
                break;
            case LeafBlock leaf when leaf.Lines.Count > 0:
                text.Append(indent).AppendLine(leaf.Lines.ToString()).AppendLine();
                break;
            case ContainerBlock container:
                foreach (var child in container)
                    WriteBlock(text, child, indent);
                break;
        }
    }

    private static string Inline(ContainerInline? container)
    {
        var text = new StringBuilder();
        for (var inline = container?.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            switch (inline)
            {
                case LinkInline { IsImage: false } link:
                    var label = Inline(link);
                    text.Append(label == link.Url || link.IsAutoLink ? link.Url : $"{label} ({link.Url})");
                    break;
                case AutolinkInline auto:
                    text.Append(auto.Url);
                    break;
                case LiteralInline literal:
                    text.Append(literal.Content);
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case LineBreakInline lineBreak:
                    text.Append(lineBreak.IsHard ? '\n' : ' ');
                    break;
                case ContainerInline nested:
                    text.Append(Inline(nested));
                    break;
            }
        }

        return text.ToString();
    }
}
