using System.Text.RegularExpressions;

namespace StpCollector.Reports;

/// <summary>
/// Groups free-text answers into the configured themes. A council counts once per theme however often it uses
/// the keywords (it sends one text per question); quotes are the sentence holding the first keyword, shortened, and never name the council.
/// </summary>
internal sealed class ThemeMatcher
{
    private readonly List<(string Id, string Label, Regex Pattern)> themes;
    private readonly int quotesPerTheme;
    private readonly int quoteLength;

    public ThemeMatcher(ReportOptions options)
    {
        quotesPerTheme = options.QuotesPerTheme;
        quoteLength = options.QuoteLength;
        themes = options.Themes
            .Select(t => (t.Key, t.Value.Label.Length > 0 ? t.Value.Label : t.Key,
                new Regex(string.Join("|", t.Value.Keywords.Select(KeywordPattern)), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)))
            .ToList();
    }

    /// <summary>The configured themes (id and label), in the order of the settings.</summary>
    public IReadOnlyList<(string Id, string Label)> Themes => themes.Select(t => (t.Id, t.Label)).ToList();

    /// <summary>The ids of the themes whose keywords occur in one text, matched as the answers are.</summary>
    public IReadOnlyList<string> ThemesOf(string text) => themes.Where(t => t.Pattern.IsMatch(text)).Select(t => t.Id).ToList();

    /// <summary>Texts with how many councils sent each (one text per council and question).</summary>
    public IReadOnlyList<ThemeFigure> Match(IEnumerable<(string Text, long Councils)> answers)
    {
        var texts = answers.Where(a => !string.IsNullOrWhiteSpace(a.Text)).OrderBy(a => a.Text, StringComparer.Ordinal).ToList();
        var figures = new List<ThemeFigure>();
        foreach (var (id, label, pattern) in themes)
        {
            var councils = 0L;
            var quotes = new List<string>();
            foreach (var (text, count) in texts)
            {
                var match = pattern.Match(text);
                if (!match.Success)
                    continue;
                councils += count;
                // Councils often send the same sentence (a shared footprint reply): quote it once.
                if (quotes.Count < quotesPerTheme && Quote(text, match.Index) is var quote && !quotes.Contains(quote, StringComparer.OrdinalIgnoreCase))
                    quotes.Add(quote);
            }

            figures.Add(new ThemeFigure(id, label, (int)councils, quotes));
        }

        return figures;
    }

    private static string KeywordPattern(string keyword)
    {
        var word = keyword.Trim();
        var prefix = word.EndsWith('*');
        var body = Regex.Escape(word.TrimEnd('*')).Replace(@"\ ", @"\s+");
        return prefix ? $@"\b{body}" : $@"\b{body}\b";
    }

    private string Quote(string text, int at)
    {
        var start = text.LastIndexOfAny(['.', '!', '?', '\n'], Math.Max(0, at - 1)) + 1;
        var end = text.IndexOfAny(['.', '!', '?', '\n'], at);
        var sentence = Regex.Replace(text[start..(end < 0 ? text.Length : end + 1)], @"\s+", " ").Trim();
        return sentence.Length <= quoteLength ? sentence : sentence[..(quoteLength - 1)].TrimEnd() + "…";
    }
}
