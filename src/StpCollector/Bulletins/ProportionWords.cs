namespace StpCollector.Bulletins;

/// <summary>Says a percentage the way the bulletin's editorial does: "about two-thirds", "just over a quarter", "all".</summary>
internal static class ProportionWords
{
    private static readonly (decimal Percent, string Words)[] Fractions =
    [
        (10, "one in ten"), (20, "one in five"), (25, "a quarter"), (100m / 3, "a third"), (40, "two in five"), (50, "half"),
        (60, "three in five"), (200m / 3, "two-thirds"), (75, "three-quarters"), (80, "four in five"), (90, "nine in ten"),
    ];

    public static string Describe(decimal percent)
    {
        if (percent <= 0)
            return "none";
        if (percent >= 100)
            return "all";
        if (percent < 5)
            return "very few";
        if (percent > 95)
            return "almost all";
        var (target, words) = Fractions.MinBy(f => Math.Abs(f.Percent - percent));
        var gap = percent - target;
        return Math.Abs(gap) < 1 ? words : gap > 0 ? $"just over {words}" : $"just under {words}";
    }
}
