using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StpCollector.Storage;

namespace StpCollector.Tests.Support;

/// <summary>Writes FoI batches, requests and their answers straight into the database, so report tests control every value.</summary>
internal sealed class FoiBuilder(Database database)
{
    public static FoiBuilder For(IHost host) => new(host.Services.GetRequiredService<Database>());

    /// <summary>A batch with one request per council (not yet sent); returns the batch id.</summary>
    public long Batch(string? questionnaire, params string[] councils)
    {
        using var connection = database.Open();
        const string now = "2026-11-02T10:00:00.000Z";
        var id = connection.ExecuteScalar<long>("""
            INSERT INTO foi_batches (title, body, questionnaire_id, audience, created_at)
            VALUES ('Council involvement in the STP', 'Please answer.', @questionnaire, 'councils', @now) RETURNING id
            """, new { questionnaire, now });
        connection.Execute("""
            INSERT INTO foi_requests (batch_id, council_code, recipient, created_at, updated_at)
            VALUES (@id, @council, 'foi@' || lower(@council) || '.gov.test', @now, @now)
            """, councils.Select(council => new { id, council, now }));
        return id;
    }

    public long Request(long batchId, string council)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long>("SELECT id FROM foi_requests WHERE batch_id = @batchId AND council_code = @council", new { batchId, council });
    }

    public void Status(long batchId, string council, string status, string? exemption = null)
    {
        using var connection = database.Open();
        connection.Execute("UPDATE foi_requests SET status = @status, exemption = @exemption WHERE batch_id = @batchId AND council_code = @council",
            new { batchId, council, status, exemption });
    }

    /// <summary>Answers as ReturnsBuilder writes them: valid unless the value starts with "!invalid:".</summary>
    public void Answers(long batchId, string council, params (string Question, string? Value, double? Number)[] answers)
    {
        var requestId = Request(batchId, council);
        using var connection = database.Open();
        foreach (var (question, value, number) in answers)
        {
            var invalid = value?.StartsWith("!invalid:", StringComparison.Ordinal) == true;
            connection.Execute("""
                INSERT INTO foi_answers (request_id, question_id, raw_value, value, number_value, status, problem, source, recorded_at)
                VALUES (@requestId, @question, @raw, @value, @number, @status, @problem, 'csv', '2026-11-20T10:00:00.000Z')
                """, new
            {
                requestId, question, raw = invalid ? value![9..] : value, value = invalid ? null : value, number,
                status = invalid ? "invalid" : "valid", problem = invalid ? "not an allowed answer" : null,
            });
        }
    }
}
