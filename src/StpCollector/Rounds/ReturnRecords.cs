using System.Data.Common;
using Dapper;
using StpCollector.Storage;
using StpCollector.Ingestion;
using StpCollector.Questionnaires;

namespace StpCollector.Rounds;

/// <summary>One answer as stored, with its question's words; Status is valid, invalid or missing.</summary>
internal sealed record AnswerView(string QuestionId, string? Question, bool Required, string? Raw, string? Value, double? Number, string Status, string? Problem, string? Note, string? Comment = null);

/// <summary>
/// One return as staff check it: where it came from (source, message or file, sender, when we got it), every answer
/// (for the current return also the questions it leaves unanswered), and whether it is complete or partial (an answer staff corrected counts as answered).
/// </summary>
internal sealed record ReturnView
{
    public long Id { get; init; }
    public string Source { get; init; } = "";
    public string Provenance { get; init; } = "";
    public string? Sender { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The sender's Date: header (their clock), kept beside when it reached us.</summary>
    public DateTimeOffset? DatedAt { get; init; }
    public bool Late { get; init; }
    public bool IsCurrent { get; init; }
    public long? SupersededBy { get; init; }
    public long? InboundId { get; init; }
    public string? InboundSubject { get; init; }
    public string? InboundFile { get; init; }
    public string? InboundMessageId { get; init; }
    public IReadOnlyList<AnswerView> Answers { get; set; } = [];

    /// <summary>complete or partial; null when the questionnaire is no longer on disk.</summary>
    public string? Completeness { get; set; }
    public IReadOnlyList<MissingAnswer> MissingRequired { get; set; } = [];
}

internal static class ReturnRecords
{
    /// <summary>Every return of the council in the round, newest (by received time) first; the current one is marked.</summary>
    public static async Task<IReadOnlyList<ReturnView>> ForAsync(DbConnection connection, long roundId, string councilCode, Questionnaire? questionnaire)
    {
        var rows = (await connection.QueryAsync<ReturnView>("""
            SELECT r.id AS Id, r.source AS Source, r.provenance AS Provenance, r.sender AS Sender, r.received_at AS ReceivedAt, r.dated_at AS DatedAt, r.late AS Late,
                   r.is_current AS IsCurrent, r.superseded_by AS SupersededBy, r.inbound_id AS InboundId
            FROM returns r
            WHERE r.round_id = @roundId AND r.council_code = @councilCode COLLATE NOCASE
            ORDER BY r.is_current DESC, r.received_at DESC, r.id DESC
            """, new { roundId, councilCode })).ToList();
        if (rows.Count == 0)
            return rows;
        var origins = await InboundOrigins.ForAsync(rows.Where(r => r.InboundId is not null).Select(r => r.InboundId!.Value), connection);
        var returns = rows.Select(r => r.InboundId is { } inboundId && origins.TryGetValue(inboundId, out var origin)
            ? r with { InboundSubject = origin.Subject, InboundFile = origin.SourceName, InboundMessageId = origin.MessageId }
            : r).ToList();
        var ids = returns.Select(r => r.Id).ToList();
        var answers = (await connection.QueryAsync<(long ReturnId, string QuestionId, string? Raw, string? Value, double? Number, string Status, string? Problem, string? Note, string? Comment)>($"""
            SELECT return_id, question_id, raw_value, value, number_value, status, problem, note, comment FROM answers WHERE return_id {connection.In("ids")}
            """, new { ids })).ToLookup(a => a.ReturnId);
        var corrected = (await connection.QueryAsync<(long ReturnId, string QuestionId)>(
            $"SELECT DISTINCT return_id, question_id FROM answer_corrections WHERE return_id {connection.In("ids")}", new { ids })).ToHashSet();
        foreach (var item in returns)
        {
            var stored = answers[item.Id].ToDictionary(a => a.QuestionId, StringComparer.OrdinalIgnoreCase);
            var order = questionnaire?.Questions.Select(q => q.Id).ToList() ?? [];
            // The questionnaire's order, with every question listed for the current return; stored answers to ids it no longer has last.
            var questionIds = (item.IsCurrent ? order : order.Where(stored.ContainsKey))
                .Concat(stored.Keys.Where(k => !order.Contains(k, StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal)).ToList();
            item.Answers = questionIds.Select(id =>
            {
                var question = questionnaire?.Find(id);
                return stored.TryGetValue(id, out var a)
                    ? new AnswerView(question?.Id ?? a.QuestionId, question?.Text, question?.Required ?? false, a.Raw, a.Value, a.Number, a.Status, a.Problem, a.Note, a.Comment)
                    : new AnswerView(id, question?.Text, question?.Required ?? false, null, null, null, "missing", "not answered", null);
            }).ToList();
            if (questionnaire is not null)
            {
                item.MissingRequired = ReturnCompleteness.MissingRequired(questionnaire,
                    stored.Values.Select(a => new ReturnCompleteness.AnswerState(a.QuestionId, corrected.Contains((item.Id, a.QuestionId)) ? "valid" : a.Status, a.Problem)));
                item.Completeness = item.MissingRequired.Count == 0 ? "complete" : "partial";
            }
        }

        return returns;
    }

    /// <summary>Where it came from, in one line: "email Re: ... <id> from a@b" or "file x.csv".</summary>
    public static string DescribeOrigin(ReturnView item)
    {
        var what = item.InboundSubject is { } subject ? $"message \"{subject}\"" : item.InboundFile is { } file ? $"file {Path.GetFileName(file)}" : item.Provenance;
        return $"{item.Source}: {what}{(item.Sender is { } sender ? $" from {sender}" : "")}";
    }
}
