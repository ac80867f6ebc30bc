using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Options;
using MimeKit;
using StpCollector.Ingestion;
using StpCollector.Questionnaires;
using StpCollector.Reference;

namespace StpCollector.Foi;

/// <summary>
/// Reads a structured FoI return — a CSV (any encoding, long or wide layout) or XLSX following the questionnaire's
/// template — with the same readers and checks as survey returns (Ingestion/Tabular, TabularReturns, ReturnChecker).
/// Answers written in the body of the reply are read too. Letters and PDFs are not read: staff code them with `foi code`.
/// </summary>
internal sealed class FoiReturnReader(IOptions<IngestionOptions> options)
{
    /// <summary>Return is null when the file held no answers for this request; Note says what was read or why not.</summary>
    public sealed record Result(CheckedReturn? Return, string Source, string Note);

    public static bool IsSpreadsheet(string fileName) =>
        fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || Tabular.IsXlsxName(fileName);

    /// <summary>Reads a stored document (opened by <paramref name="open"/>, <paramref name="size"/> bytes) as a return, if it is a spreadsheet.</summary>
    public async Task<Result?> ReadAsync(long requestId, string councilCode, Questionnaire questionnaire, string fileName, Func<Stream> open, long size,
        DbConnection connection, DbTransaction transaction)
    {
        if (!IsSpreadsheet(fileName))
            return null;
        var source = Tabular.IsXlsxName(fileName) ? "xlsx" : "csv";
        if (size > options.Value.MaxAttachmentBytes)
        {
            return new Result(null, source, string.Create(CultureInfo.InvariantCulture,
                $"{fileName} is {size:N0} bytes, over the limit of {options.Value.MaxAttachmentBytes:N0} (Ingestion:MaxAttachmentBytes)"));
        }

        List<ReturnCandidate> candidates;
        try
        {
            // Tabular disposes the stream with the table, but not when the file is refused before the table exists.
            using var stream = open();
            using var table = Tabular.Open(stream, fileName);
            candidates = TabularReturns.Read(table, source, options.Value.MaxRowsPerFile);
        }
        catch (UnreadableFileException e)
        {
            return new Result(null, source, e.Message);
        }

        var skipped = new List<string>();
        foreach (var candidate in candidates)
        {
            if (candidate.CouncilKey is { } key && (await CouncilDirectory.ByCodeOrNameAsync(connection, key, transaction))?.Code != councilCode)
            {
                skipped.Add($"{candidate.Provenance} is for council '{key}', not {councilCode}");
                continue;
            }

            if (candidate.RoundKey is { } reference && !IsThisRequest(reference, requestId))
            {
                skipped.Add($"{candidate.Provenance} is for '{reference}', not {FoiReference.Of(requestId)}");
                continue;
            }

            var checkedReturn = ReturnChecker.Check(questionnaire, candidate);
            if (checkedReturn.HasAnyAnswer)
                return new Result(checkedReturn with { Problems = [.. checkedReturn.Problems, .. skipped] }, source, candidate.Provenance);
        }

        return new Result(null, source, skipped.Count > 0 ? string.Join("; ", skipped) : $"{fileName} has no answers");
    }

    /// <summary>
    /// Reply-form answers in the body ("Q1: Yes", as the request invites), read like a survey reply. A question asked
    /// back ("Q6: what do you mean by oversight board?") is no answer, so the body counts only with a valid answer in it.
    /// </summary>
    public static CheckedReturn? ReadBody(Questionnaire questionnaire, MimeMessage message, string provenance)
    {
        var checkedReturn = ReturnChecker.Check(questionnaire, ReplyBodyReader.Read(message, questionnaire, provenance));
        return checkedReturn.Valid > 0 ? checkedReturn : null;
    }

    /// <summary>e.g. "8 answer(s) read from response.csv lines 2-9: 7 valid, 1 invalid ('Very' is not an answer Q5 accepts ...)".</summary>
    public static string Describe(int recorded, CheckedReturn checkedReturn, string provenance)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{recorded} answer(s) read from {provenance}: {checkedReturn.Valid} valid, {checkedReturn.Invalid} invalid");
        var problems = checkedReturn.Answers.Where(a => a.Status == AnswerStatus.Invalid).Select(a => a.Problem!).Concat(checkedReturn.Problems).ToList();
        return problems.Count == 0 ? text : $"{text} ({string.Join("; ", problems)})";
    }

    /// <summary>The template's round column holds the request's reference (FOI-17); "17" alone is accepted too.</summary>
    private static bool IsThisRequest(string reference, long requestId) =>
        FoiReference.Find(reference) == requestId || reference.Trim() == requestId.ToString(CultureInfo.InvariantCulture);
}
