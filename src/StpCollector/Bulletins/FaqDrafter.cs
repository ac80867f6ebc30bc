using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Bulletins;

/// <summary>
/// Drafts an FAQ entry from feedback: the question staff give, and the points raised, each quoted in the person's own
/// words. By default a point says only what kind of council raised it ("A London borough"), with the council's and the
/// person's names taken out of their words; with attribution (when they agreed) it names them. The words go in as
/// escaped text, so nothing a member wrote becomes a link, markup or a Liquid placeholder.
/// </summary>
internal sealed partial class FaqDrafter(Database database, FaqStore faq)
{
    /// <summary>A quoted point is cut to this many characters: the FAQ sums up, the feedback itself stays in `feedback show`.</summary>
    public const int PointLength = 400;

    private sealed record Source(long Id, string Words, string? ForgottenAt, string? CouncilName, string? CouncilType, string? CouncilRegion,
        string? SubscriberName, string Sender);

    public async Task<long> DraftAsync(IReadOnlyList<long> feedbackIds, string question, bool attribute, CancellationToken cancellationToken)
    {
        question = FeedbackText.OneLine(question);
        if (question.Length == 0)
            throw new InvalidInputProblem("Give the question the entry answers, e.g. --question \"Do STPs cover county councils?\".", "--question");
        if (feedbackIds.Count == 0)
            throw new InvalidInputProblem("Name the feedback the entry draws on, e.g. --from-feedback 3 7 (see: stpcollector feedback list).", "--from-feedback");
        var sources = await SourcesAsync(feedbackIds.Distinct().ToList(), cancellationToken);
        var body = new StringBuilder("Colleagues have raised this with us:\n\n");
        foreach (var source in sources)
            body.Append("- ").Append(Attribution(source, attribute)).Append(": \u201c").Append(MarkdownEscaped(Point(source, attribute))).Append("\u201d\n");
        return await faq.CreateDraftAsync(question, body.ToString().TrimEnd(), sources.Select(s => s.Id).ToList(), cancellationToken);
    }

    private async Task<IReadOnlyList<Source>> SourcesAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var found = (await connection.QueryAsync<Source>($"""
            SELECT f.id AS Id, f.words AS Words, f.forgotten_at AS ForgottenAt, c.name AS CouncilName, c.type AS CouncilType, c.region AS CouncilRegion,
                   s.name AS SubscriberName, f.sender AS Sender
            FROM feedback f LEFT JOIN councils c ON c.code = f.council_code LEFT JOIN subscribers s ON s.id = f.subscriber_id
            WHERE f.id {connection.In("ids")} ORDER BY f.received_at, f.id
            """, new { ids })).ToList();
        if (ids.Where(id => found.All(f => f.Id != id)).ToList() is { Count: > 0 } missing)
            throw new NotFoundProblem($"There is no feedback #{string.Join(", #", missing)}. See the feedback received with: stpcollector feedback list", "--from-feedback");
        if (found.FirstOrDefault(f => f.ForgottenAt is not null) is { } forgotten)
            throw new ConflictProblem($"Feedback #{forgotten.Id} no longer has its words (removed after Bulletins:FeedbackRetentionMonths), so it cannot be quoted; leave it out.", "--from-feedback");
        return found;
    }

    private static string Attribution(Source source, bool attribute) => attribute
        ? $"{source.SubscriberName ?? source.Sender}, {source.CouncilName ?? "council not known"}"
        : CouncilWords.Capitalised(CouncilWords.Describe(source.CouncilType, source.CouncilRegion));

    /// <summary>The person's words on one line, shortened; anonymised, the council's and the person's names become (council) and (name).</summary>
    private static string Point(Source source, bool attribute)
    {
        var words = FeedbackText.OneLine(source.Words);
        if (!attribute)
        {
            if (source.CouncilName is { Length: > 0 } council)
                words = Regex.Replace(words, $@"\b{Regex.Escape(council)}\b", "(council)", RegexOptions.IgnoreCase);
            foreach (var part in (source.SubscriberName ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => p.Length >= 3))
                words = Regex.Replace(words, $@"\b{Regex.Escape(part)}\b", "(name)", RegexOptions.IgnoreCase);
            words = EmailLike().Replace(words, "(address)");
        }

        return words.Length <= PointLength ? words : words[..(PointLength - 1)].TrimEnd() + "\u2026";
    }

    /// <summary>Backslash before every character Markdown or Liquid could act on: members' words stay words.</summary>
    public static string MarkdownEscaped(string text) => MarkdownSpecial().Replace(text, @"\$0");

    [GeneratedRegex(@"[\\`*_\[\]<>#!|~{}%&]")]
    private static partial Regex MarkdownSpecial();

    [GeneratedRegex(@"[^\s@<>""]+@[^\s@<>""]+\.[A-Za-z]{2,}")]
    private static partial Regex EmailLike();
}
