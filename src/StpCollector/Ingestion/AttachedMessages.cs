using MimeKit;

namespace StpCollector.Ingestion;

/// <summary>
/// Messages carried inside a message as message/rfc822 parts, as Outlook's "Forward as attachment" sends them: an
/// officer's reply forwarded by a colleague, or re-sent by its author. Their tokens, headers, bodies and spreadsheets
/// are read when the outer message itself has none.
/// </summary>
internal static class AttachedMessages
{
    /// <summary>How deep forwarded-as-attachment messages are opened (a forward of a forward is two).</summary>
    private const int MaxDepth = 2;

    /// <summary>The attached messages, nearest first, with where each sits for a return's provenance.</summary>
    public static IEnumerable<(MimeMessage Message, string Provenance)> Within(MimeMessage message, string provenance, int depth = 1)
    {
        if (depth > MaxDepth)
            yield break;
        foreach (var part in message.BodyParts.OfType<MessagePart>())
        {
            if (part.Message is not { } inner)
                continue;
            var where = $"{provenance}, attached message{(inner.MessageId is { Length: > 0 } id ? $" <{id}>" : "")}";
            yield return (inner, where);
            foreach (var nested in Within(inner, where, depth + 1))
                yield return nested;
        }
    }
}
