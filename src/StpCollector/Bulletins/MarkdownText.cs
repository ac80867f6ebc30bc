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

    public static string ToHtml(string markdown) => Markdown.ToHtml(markdown, Pipeline);

    public static string ToText(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        var text = new StringBuilder();
        foreach (var block in document)
            WriteBlock(text, block, "");
        return text.ToString().TrimEnd() + "\n";
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
