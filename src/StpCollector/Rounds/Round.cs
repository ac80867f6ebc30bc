using System.Globalization;
using StpCollector.Shared;

namespace StpCollector.Rounds;

internal static class RoundStatus
{
    public const string Scheduled = "scheduled";
    public const string Open = "open";
    public const string Closed = "closed";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> All = [Scheduled, Open, Closed, Cancelled];
}

internal sealed partial record Round(
    long Id, string Reference, string QuestionnaireId, long QuestionnaireVersion, string Title, string Audience,
    DateTimeOffset OpensAt, DateTimeOffset ClosesAt, string ReminderDays, string Status, DateTimeOffset CreatedAt,
    DateTimeOffset? OpenedAt, DateTimeOffset? ClosedAt, DateTimeOffset? CancelledAt)
{
    /// <summary>The short reference carried in subjects ("[STP-R12] ...") and in return files.</summary>
    public static string ReferenceFor(long id) => string.Create(CultureInfo.InvariantCulture, $"STP-R{id}");

    /// <summary>The feature word of a round's outbox topics ("round:12").</summary>
    public const string TopicFeature = "round";

    /// <summary>outbox.topic of everything sent for this round.</summary>
    public static string TopicFor(long id) => new Outbox.Topic(TopicFeature, id).ToString();

    public string Topic => TopicFor(Id);

    public IReadOnlyList<int> Reminders => ReminderSlots.Parse(ReminderDays);

    public const string SelectSql = """
        SELECT id AS Id, reference AS Reference, questionnaire_id AS QuestionnaireId, questionnaire_version AS QuestionnaireVersion,
               title AS Title, audience AS Audience, opens_at AS OpensAt, closes_at AS ClosesAt, reminder_days AS ReminderDays,
               status AS Status, created_at AS CreatedAt, opened_at AS OpenedAt, closed_at AS ClosedAt, cancelled_at AS CancelledAt
        FROM rounds
        """;

    /// <summary>Accepts 12, STP-R12 or stp-r12.</summary>
    public static long ParseId(string text)
    {
        var digits = text.Trim();
        if (digits.StartsWith("STP-R", StringComparison.OrdinalIgnoreCase))
            digits = digits[5..];
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw new InvalidInputProblem($"'{text}' is not a round id. Give the number or the reference, e.g. 12 or STP-R12.", field: "round");
    }
}
