using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using StpCollector.Ingestion;
using StpCollector.Questionnaires;
using StpCollector.Reference;
using StpCollector.Storage;

namespace StpCollector.Rounds;

/// <summary>
/// A CSV or XLSX dropped in or given to `ingest`: each council's answers in it become a return. The file names
/// its council and round in columns; staff hints (--council, --round) fill the gaps; failing both, the council's
/// only open round is used.
/// </summary>
internal sealed class RoundFileReturns(QuestionnaireCatalog questionnaires, IOptions<IngestionOptions> options, TimeProvider clock) : IInboundFileHandler
{
    public async Task<Outcome> ProcessAsync(InboundRecord record, byte[] bytes, string fileName, IngestHints hints,
        DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        List<ReturnCandidate> candidates;
        try
        {
            using var table = Tabular.Open(new MemoryStream(bytes, writable: false), Path.GetFileName(fileName));
            candidates = TabularReturns.Read(table, Tabular.IsXlsxName(fileName) ? "xlsx" : "csv", options.Value.MaxRowsPerFile);
        }
        catch (UnreadableFileException e)
        {
            return Outcome.Rejected(e.Message);
        }

        if (candidates.Count == 0)
            return Outcome.Rejected($"{Path.GetFileName(fileName)} has a header but no answers.");
        // Staff naming the council for a one-council file overrides what the file says (assigning from the holding pen).
        var force = hints.Council is not null && candidates.Count == 1;
        var stored = new List<string>();
        var skipped = new List<string>();
        long? roundId = null;
        string? councilCode = null;
        foreach (var candidate in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var councilKey = force ? hints.Council : candidate.CouncilKey ?? hints.Council;
            if (councilKey is null)
            {
                skipped.Add($"{candidate.Provenance}: no council (add a council_code column, or give --council)");
                continue;
            }

            if (await CouncilDirectory.ByCodeOrNameAsync(connection, councilKey, transaction) is not { } council)
            {
                skipped.Add($"{candidate.Provenance}: unknown council '{councilKey}' (use the ONS code, e.g. E09000007)");
                continue;
            }

            var (round, roundProblem) = await ResolveRoundAsync(force ? hints.Round : candidate.RoundKey ?? hints.Round, council.Code, connection, transaction);
            if (round is null)
            {
                skipped.Add($"{candidate.Provenance}: {roundProblem}");
                continue;
            }

            var questionnaire = questionnaires.Find(round.QuestionnaireId);
            if (questionnaire is null)
            {
                skipped.Add($"{candidate.Provenance}: round {round.Reference} uses questionnaire '{round.QuestionnaireId}', which is not in config/questionnaires");
                continue;
            }

            var checkedReturn = ReturnChecker.Check(questionnaire, candidate);
            if (!checkedReturn.HasAnyAnswer)
            {
                skipped.Add($"{candidate.Provenance}: no answers for {council.Name}");
                continue;
            }

            // Received when StpCollector first read the file, also when staff assign it from the holding pen later.
            var result = await ReturnStore.StoreAsync(connection, transaction,
                new ReturnStore.NewReturn(round.Id, council.Code, candidate.Source, candidate.Provenance, null, DapperSetup.ParseTimestamp(record.ReceivedAt), record.Id),
                checkedReturn, clock.GetUtcNow());
            stored.Add(RoundReturnIntake.Summary(council, round, checkedReturn, result, null) +
                       (checkedReturn.Problems.Count > 0 ? $" ({string.Join("; ", checkedReturn.Problems)})" : ""));
            roundId = round.Id;
            councilCode = council.Code;
        }

        var method = force || hints.Council is not null ? "staff" : "file";
        if (stored.Count == 0)
            return new Outcome(InboundOutcome.Held, "nothing stored: " + string.Join("; ", skipped), method);
        var reason = $"stored {stored.Count} return(s): {string.Join("; ", stored)}" + (skipped.Count > 0 ? $"; skipped: {string.Join("; ", skipped)}" : "");
        return new Outcome(InboundOutcome.Stored, reason, method, stored.Count == 1 ? roundId : null, stored.Count == 1 ? councilCode : null, stored.Count);
    }

    private static async Task<(Round? Round, string? Problem)> ResolveRoundAsync(string? key, string councilCode, DbConnection connection, DbTransaction transaction)
    {
        if (key is not null)
        {
            var round = await Round.FindAsync(connection, key, transaction);
            return round is null ? (null, $"unknown round '{key}' (use its reference, e.g. STP-R12)") : (round, null);
        }

        var open = (await connection.QueryAsync<long>("""
            SELECT r.id FROM rounds r JOIN round_councils rc ON rc.round_id = r.id AND rc.council_code = @councilCode WHERE r.status = 'open'
            """, new { councilCode }, transaction)).ToList();
        if (open.Count == 1)
            return (await Round.FindAsync(connection, open[0], transaction), null);
        return (null, open.Count == 0
            ? $"no round named (add a round column, or give --round) and {councilCode} has no open round"
            : $"no round named (add a round column, or give --round) and {councilCode} has {open.Count} open rounds");
    }
}
