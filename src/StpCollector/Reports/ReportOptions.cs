using StpCollector.Shared;

namespace StpCollector.Reports;

/// <summary>
/// Section "Reports". Themes group free-text answers by keywords: a keyword matches whole words, case-insensitively;
/// end it with * to match a word's start ("prevent*" matches prevention). Defaults are in appsettings.json.
/// </summary>
internal sealed class ReportOptions
{
    public const string Section = "Reports";

    public Dictionary<string, ThemeOptions> Themes { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public int QuotesPerTheme { get; set; } = 3;
    public int QuoteLength { get; set; } = 160;

    /// <summary>Every problem in the section, each naming its key.</summary>
    internal sealed class Validator : OptionsValidator<ReportOptions>
    {
        protected override IEnumerable<string> Problems(ReportOptions options)
        {
            foreach (var (id, theme) in options.Themes)
            {
                if (theme.Keywords.Count == 0 || theme.Keywords.Any(string.IsNullOrWhiteSpace))
                    yield return $"{Section}:{nameof(Themes)}:{id}:{nameof(ThemeOptions.Keywords)} must list at least one non-empty keyword.";
            }

            if (options.QuotesPerTheme is < 0 or > 20)
                yield return $"{Section}:{nameof(QuotesPerTheme)} must be between 0 and 20 (it is {options.QuotesPerTheme}).";
            if (options.QuoteLength is < 40 or > 1000)
                yield return $"{Section}:{nameof(QuoteLength)} must be between 40 and 1000 characters (it is {options.QuoteLength}).";
        }
    }
}

internal sealed class ThemeOptions
{
    public string Label { get; set; } = "";
    public List<string> Keywords { get; set; } = [];
}
