using System.Globalization;

namespace StpCollector.Outbox;

/// <summary>
/// What an outbox message belongs to, stored in outbox.topic as "feature:id" ("round:12", "foi:3", "bulletin:7"),
/// or a bare word for a topic without a record ("bulletin-test"). Parsed once where it is read; the stored text is
/// exactly <see cref="ToString"/>.
/// </summary>
internal readonly record struct Topic(string Feature, long? Id = null)
{
    /// <summary>The topic a stored text stands for; a text that is not "feature:id" in its plain form is a bare word.</summary>
    public static Topic Parse(string text)
    {
        var colon = text.IndexOf(':');
        return colon >= 0 && long.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
               && text.AsSpan(colon + 1).SequenceEqual(id.ToString(CultureInfo.InvariantCulture))
            ? new Topic(text[..colon], id)
            : new Topic(text);
    }

    public static Topic? ParseOrNull(string? text) => text is null ? null : Parse(text);

    public bool Is(string feature) => Id is not null && Feature == feature;

    public override string ToString() => Id is { } id ? string.Create(CultureInfo.InvariantCulture, $"{Feature}:{id}") : Feature;
}
