using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace StpCollector.Templates;

/// <summary>
/// The shares (and their words) of a group in which no council has answered: there is no figure to quote, not 0%.
/// Any use of one stops the rendering with the line and a way out, so a sentence such as "67% in London against 0% in
/// the rest of England" is never written. Editorial guards it with {% if q.q7.elsewhere.n > 0 %} … {% else %} … {% endif %}.
/// </summary>
internal sealed class NoAnswers(string path, string countPath, string who) : ScriptObject
{
    public override bool TryGetValue(TemplateContext? context, SourceSpan span, string member, out object value) =>
        throw new ScriptRuntimeException(span,
            $"{path}.{member} has no value: {who} yet ({countPath} is 0), so there is no share to quote. " +
            $"Put the sentence inside {{% if {countPath} > 0 %}} … {{% else %}} (a sentence for when nobody has answered) {{% endif %}}.");
}
