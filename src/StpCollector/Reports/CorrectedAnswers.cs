namespace StpCollector.Reports;

/// <summary>
/// Reports and exports read an answer as staff last corrected it (the latest answer_corrections row), or as the council
/// sent it when nobody did. A correction is always a valid answer. Join <see cref="Join"/> after `answers a`, then read
/// the columns through the expressions here.
/// </summary>
internal static class CorrectedAnswers
{
    public const string Join = """
        LEFT JOIN answer_corrections k ON k.return_id = a.return_id AND k.question_id = a.question_id
             AND k.version = (SELECT max(x.version) FROM answer_corrections x WHERE x.return_id = a.return_id AND x.question_id = a.question_id)
        """;

    public const string Raw = "CASE WHEN k.id IS NULL THEN a.raw_value ELSE k.raw_value END";
    public const string Value = "CASE WHEN k.id IS NULL THEN a.value ELSE k.value END";
    public const string Number = "CASE WHEN k.id IS NULL THEN a.number_value ELSE k.number_value END";
    public const string Status = "CASE WHEN k.id IS NULL THEN a.status ELSE 'valid' END";
    public const string Comment = "CASE WHEN k.id IS NULL THEN a.comment ELSE k.comment END";
}
