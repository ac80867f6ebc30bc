using System.Text.RegularExpressions;

namespace StpCollector.Foi;

/// <summary>
/// Recognises the common shapes of a council's FoI reply when the wording is clear. Anything unclear stays
/// as it was for staff to classify (stpcollector foi classify).
/// </summary>
internal static partial class FoiReplyClassifier
{
    public sealed record Classification(string Status, string? Exemption, string Reason);

    public static Classification? Classify(string text)
    {
        var body = Whitespace().Replace(text, " ");
        if (Refusal().IsMatch(body))
        {
            var exemption = Exemption().Match(body);
            var section = exemption.Success ? $"s.{exemption.Groups["section"].Value}" : null;
            return new(FoiStatus.Refused, section, section is null ? "the reply refuses the request" : $"the reply refuses the request citing {section}");
        }

        if (Clarification().IsMatch(body))
            return new(FoiStatus.Clarification, null, "the reply asks for clarification");
        if (Acknowledgement().IsMatch(body))
            return new(FoiStatus.Acknowledged, null, "the reply acknowledges receipt");
        return null;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\b(refus(e|al|ing)|unable to (provide|comply)|exempt(ion)? (under|from)|(is|are) exempt|exceed(s|ed)? the (appropriate|cost) limit|section\s*12\b|s\.?\s*12\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Refusal();

    [GeneratedRegex(@"\b(?:section|s\.?)\s*(?<section>1[0-9]|2[0-9]|3[0-9]|4[0-4]|[0-9])(?:\(\d\))?", RegexOptions.IgnoreCase)]
    private static partial Regex Exemption();

    [GeneratedRegex(@"\b(clarif(y|ication)|could you (please )?(confirm|specify|explain)|please (confirm|specify) (which|what))", RegexOptions.IgnoreCase)]
    private static partial Regex Clarification();

    [GeneratedRegex(@"\b(acknowledge|we have received your (request|email)|your request (has been|was) (received|logged)|reference (number|no\.?)\b.{0,40}\b(respond|reply))", RegexOptions.IgnoreCase)]
    private static partial Regex Acknowledgement();
}
