using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;
using MimeKit;
using StpCollector.Ingestion;

namespace StpCollector.Bulletins;

/// <summary>
/// Finds the FAQ entry a reply is about: a published (or since retired) entry whose question appears in the message's
/// text, typically in the bulletin it quotes. Quote marks ("> ") and line wrapping are ignored; the longest question wins.
/// </summary>
internal static partial class FaqQuotes
{
    /// <summary>Shorter questions ("Why?") would be found in any message.</summary>
    private const int ShortestQuestion = 12;

    public static async Task<long?> QuotedAsync(MimeMessage message, SqliteConnection connection, SqliteTransaction transaction)
    {
        var text = Normalised(QuoteMarks().Replace(ReplyBodyReader.BodyText(message), " "));
        var questions = await connection.QueryAsync<(long Id, string Question)>(
            "SELECT id, question FROM faq_entries WHERE status <> 'draft' ORDER BY length(question) DESC, id", transaction: transaction);
        foreach (var (id, question) in questions)
        {
            var wanted = Normalised(question);
            if (wanted.Length >= ShortestQuestion && text.Contains(wanted, StringComparison.OrdinalIgnoreCase))
                return id;
        }

        return null;
    }

    private static string Normalised(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"(?m)^[ \t]*(>[ \t]?)+")]
    private static partial Regex QuoteMarks();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
