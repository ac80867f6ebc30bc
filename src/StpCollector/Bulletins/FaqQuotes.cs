using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;
using MimeKit;
using StpCollector.Ingestion;

namespace StpCollector.Bulletins;

/// <summary>
/// Finds the FAQ entry a reply is about: the one published (or since retired) entry whose question appears in the
/// message's text, typically in the part of the bulletin it quotes. A reply quoting the whole bulletin quotes every
/// question and so points at none of them, unless the subject or the person's own words name one. Quote marks ("> ")
/// and line wrapping are ignored.
/// </summary>
internal static partial class FaqQuotes
{
    /// <summary>Shorter questions ("Why?") would be found in any message.</summary>
    private const int ShortestQuestion = 12;

    public static async Task<long?> QuotedAsync(MimeMessage message, string ownWords, DbConnection connection, DbTransaction transaction)
    {
        var questions = (await connection.QueryAsync<(long Id, string Question)>(
                "SELECT id, question FROM faq_entries WHERE status <> 'draft' ORDER BY id", transaction: transaction))
            .Select(q => (q.Id, Wanted: Normalised(q.Question)))
            .Where(q => q.Wanted.Length >= ShortestQuestion)
            .ToList();
        foreach (var text in new[] { $"{message.Subject} {ownWords}", QuoteMarks().Replace(ReplyBodyReader.BodyText(message), " ") })
        {
            var normalised = Normalised(text);
            var found = questions.Where(q => normalised.Contains(q.Wanted, StringComparison.OrdinalIgnoreCase)).Select(q => q.Id).ToList();
            if (found.Count > 0)
                return found.Count == 1 ? found[0] : null;
        }

        return null;
    }

    private static string Normalised(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"(?m)^[ \t]*(>[ \t]?)+")]
    private static partial Regex QuoteMarks();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
