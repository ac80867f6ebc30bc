using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using StpCollector.Questionnaires;
using StpCollector.Storage;

namespace StpCollector.Benchmarks.Generators;

/// <summary>
/// gen-report: years of history straight into SQLite — C councils (the 152 real ones, then generated test
/// councils), a Q-question questionnaire (the real 16 questions' types, repeated), R monthly closed rounds, about
/// 95% of councils responding each time, 5% of those with an earlier return it superseded, and every answer
/// normalised as ingestion stores it. Prints the reference of the latest round.
/// </summary>
public static class ReportDataGenerator
{
    public const string QuestionnaireId = "bench-report";

    public static async Task<int> RunAsync(Arguments args)
    {
        var councilCount = args.Int("councils", 400);
        var questionCount = args.Int("questions", 40);
        var roundCount = args.Int("rounds", 50);
        var configDir = args.Text("config-dir");
        var template = QuestionnaireFile.Load(Path.Combine(configDir, "questionnaires", "stp-local-government-involvement.json"));
        var questionnaire = WriteQuestionnaire(configDir, template, questionCount);

        using var host = await BenchHost.StartAsync(args.Text("data-dir"));
        var councils = await TestCouncils.EnsureAsync(host, councilCount);
        await using var connection = await host.OpenAsync();
        var leads = (await connection.QueryAsync<(string Code, long Id)>("SELECT council_code, min(id) FROM contacts WHERE role = 'lead' GROUP BY council_code"))
            .ToDictionary(l => l.Code, l => l.Id);
        var random = new Random(5);
        long answers = 0;
        await using var transaction = connection.BeginTransaction();
        var insertAnswer = AnswerCommand(connection, transaction);
        for (var r = 1; r <= roundCount; r++)
        {
            var opens = new DateTimeOffset(2022, 1, 10, 9, 0, 0, TimeSpan.Zero).AddMonths(r - 1);
            var roundId = await connection.QuerySingleAsync<long>("""
                INSERT INTO rounds (questionnaire_id, questionnaire_version, title, reference, audience, opens_at, closes_at, status, created_at, opened_at, closed_at)
                VALUES (@QuestionnaireId, 1, @title, @reference, 'all', @opens, @closes, 'closed', @opens, @opens, @closes)
                RETURNING id
                """, new { QuestionnaireId, title = $"Bench round {r}", reference = Reference(r), opens = DapperSetup.Format(opens), closes = DapperSetup.Format(opens.AddDays(14)) }, transaction);
            foreach (var council in councils)
            {
                await connection.ExecuteAsync("INSERT INTO round_councils (round_id, council_code, contact_id) VALUES (@roundId, @council, @lead)",
                    new { roundId, council, lead = leads.TryGetValue(council, out var id) ? id : (long?)null }, transaction);
                if (random.Next(100) >= 95)
                    continue;
                var received = opens.AddHours(random.Next(24, 14 * 24));
                long? earlier = null;
                if (random.Next(100) < 5)
                {
                    earlier = await InsertReturnAsync(connection, transaction, roundId, council, received.AddDays(-1), current: false);
                    answers += InsertAnswers(insertAnswer, earlier.Value, questionnaire, random);
                }

                var returnId = await InsertReturnAsync(connection, transaction, roundId, council, received, current: true);
                if (earlier is not null)
                    await connection.ExecuteAsync("UPDATE returns SET superseded_by = @returnId WHERE id = @earlier", new { returnId, earlier }, transaction);
                answers += InsertAnswers(insertAnswer, returnId, questionnaire, random);
            }
        }

        await transaction.CommitAsync();
        await connection.ExecuteAsync("ANALYZE main"); // not bare "ANALYZE": Dapper takes a command without spaces for a stored procedure
        Console.WriteLine($"gen-report: {councils.Count} councils x {questionCount} questions x {roundCount} rounds, {answers} answers; latest round {Reference(roundCount)}");
        return 0;
    }

    public static string Reference(int round) => $"BENCH-R{round}";

    private static Task<long> InsertReturnAsync(DbConnection connection, DbTransaction transaction, long roundId, string council, DateTimeOffset received, bool current) =>
        connection.QuerySingleAsync<long>("""
            INSERT INTO returns (round_id, council_code, source, provenance, sender, received_at, is_current, created_at)
            VALUES (@roundId, @council, @source, @provenance, NULL, @received, @current, @received)
            RETURNING id
            """, new
        {
            roundId,
            council,
            source = received.Minute % 3 == 0 ? "csv" : "email_body",
            provenance = $"<bench-{roundId}-{council}-{received.Ticks}@lga.test>",
            received = DapperSetup.Format(received),
            current = current ? 1 : 0,
        }, transaction);

    private static SqliteCommand AnswerCommand(DbConnection connection, DbTransaction transaction)
    {
        var command = (SqliteCommand)connection.CreateCommand();
        command.Transaction = (SqliteTransaction)transaction;
        command.CommandText = """
            INSERT INTO answers (return_id, question_id, raw_value, value, number_value, status, problem)
            VALUES ($return, $question, $raw, $value, $number, $status, $problem)
            """;
        foreach (var name in new[] { "$return", "$question", "$raw", "$value", "$number", "$status", "$problem" })
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }

    private static int InsertAnswers(SqliteCommand insert, long returnId, Questionnaire questionnaire, Random random)
    {
        foreach (var question in questionnaire.Questions)
        {
            var (raw, value, number, status, problem) = Answer(question, random);
            insert.Parameters[0].Value = returnId;
            insert.Parameters[1].Value = question.Id;
            insert.Parameters[2].Value = (object?)raw ?? DBNull.Value;
            insert.Parameters[3].Value = (object?)value ?? DBNull.Value;
            insert.Parameters[4].Value = (object?)number ?? DBNull.Value;
            insert.Parameters[5].Value = status;
            insert.Parameters[6].Value = (object?)problem ?? DBNull.Value;
            insert.ExecuteNonQuery();
        }

        return questionnaire.Questions.Count;
    }

    private static (string? Raw, string? Value, double? Number, string Status, string? Problem) Answer(Question question, Random random)
    {
        var roll = random.Next(100);
        if (roll < 3)
            return (null, null, null, "missing", question.Required ? "This question needs an answer." : null);
        if (roll < 5)
            return ("maybe", null, null, "invalid", $"Answer {question.AnswerHint}.");
        var options = question.AllowedOptions;
        switch (question.Type.Name)
        {
            case "yes_no_partly" or "single_choice":
                var option = options[random.Next(options.Count)];
                return (option.Label, option.Code, null, "valid", null);
            case "multi_choice":
                var codes = options.Where(_ => random.Next(3) == 0).Select(o => o.Code).DefaultIfEmpty(options[0].Code).ToList();
                return (string.Join("; ", codes), string.Join(';', codes), null, "valid", null);
            case "scale" or "number" or "percent":
                var n = question.Type.Name == "scale" ? 1 + random.Next(5) : Math.Round(random.NextDouble() * 20, 1);
                var text = n.ToString(CultureInfo.InvariantCulture);
                return (text, text, n, "valid", null);
            default:
                var sample = AnswerSamples.For(question, random);
                return (sample, sample, null, sample.Length == 0 ? "missing" : "valid", null);
        }
    }

    private static Questionnaire WriteQuestionnaire(string configDir, Questionnaire template, int count)
    {
        var questions = Enumerable.Range(0, count).Select(i =>
        {
            var q = template.Questions[i % template.Questions.Count];
            return new
            {
                id = $"Q{i + 1}",
                text = i < template.Questions.Count ? q.Text : $"{q.Text} (follow-up {i / template.Questions.Count})",
                type = q.Type.Name,
                required = q.Required,
                options = q.Options.Select(o => new { code = o.Code, label = o.Label }).ToList(),
                min = q.Min,
                max = q.Max,
            };
        });
        var file = Path.Combine(configDir, "questionnaires", QuestionnaireId + ".json");
        File.WriteAllText(file, JsonSerializer.Serialize(new
        {
            id = QuestionnaireId,
            version = 1,
            title = $"Benchmark questionnaire ({count} questions)",
            introduction = "Generated by install/bench for the report benchmark.",
            questions,
        }, new JsonSerializerOptions { WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull }));
        return QuestionnaireFile.Load(file);
    }
}
