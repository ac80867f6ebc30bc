using Dapper;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Rounds;
using StpCollector.Storage;

namespace StpCollector.Tests.Rounds;

public sealed record TestCouncil(string Code, string Name, string Email);

/// <summary>Councils, leads and returns written straight into a test's own database, with addresses no other test uses.</summary>
internal static class RoundTestData
{
    public const string Questionnaire = "stp-local-government-involvement";

    /// <summary>A run id for addresses and codes: unique per call, short enough for a mailbox name.</summary>
    public static string NewRun() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>Adds councils in their own region "Test RUN" (so region:Test RUN selects exactly them), each with a lead.</summary>
    public static async Task<IReadOnlyList<TestCouncil>> AddCouncilsAsync(IServiceProvider services, string run, int count, Func<int, string, string>? email = null)
    {
        var councils = Enumerable.Range(1, count)
            .Select(n => $"X{run[..6].ToUpperInvariant()}{n:D3}")
            .Select((code, n) => new TestCouncil(code, $"Test council {n + 1:D3} {run}", email?.Invoke(n + 1, code) ?? $"lead@{code.ToLowerInvariant()}.gov.test"))
            .ToList();
        await using var connection = await services.GetRequiredService<Database>().OpenAsync();
        await using var transaction = connection.BeginTransaction();
        await connection.ExecuteAsync("INSERT INTO councils (code, name, type, region) VALUES (@Code, @Name, 'unitary', @region)",
            councils.Select(c => new { c.Code, c.Name, region = $"Test {run}" }), transaction);
        await connection.ExecuteAsync("""
            INSERT INTO contacts (council_code, name, email, role, created_at, updated_at)
            VALUES (@Code, @Lead, @Email, 'lead', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')
            """, councils.Select(c => new { c.Code, Lead = $"Lead of {c.Name}", c.Email }), transaction);
        await transaction.CommitAsync();
        return councils;
    }

    public static async Task AddLeadAsync(IServiceProvider services, string councilCode, string email)
    {
        await using var connection = await services.GetRequiredService<Database>().OpenAsync();
        await connection.ExecuteAsync("""
            INSERT INTO contacts (council_code, name, email, role, created_at, updated_at)
            VALUES (@councilCode, 'Test Lead', @email, 'lead', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')
            """, new { councilCode, email });
    }

    /// <summary>Records a complete current return for the council (a valid answer to every question), as the ingestion pipeline would.</summary>
    public static async Task RecordReturnAsync(IServiceProvider services, long roundId, string councilCode, DateTimeOffset receivedAt)
    {
        await using var connection = await services.GetRequiredService<Database>().OpenAsync();
        var late = await RoundDelivery.IsLateAsync(connection, null, roundId, receivedAt);
        var returnId = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO returns (round_id, council_code, source, provenance, received_at, late, created_at)
            VALUES (@roundId, @councilCode, 'email_body', 'test', @receivedAt, @late, @receivedAt)
            RETURNING id
            """, new { roundId, councilCode, receivedAt = DapperSetup.Format(receivedAt), late });
        // Complete, so reminders (which also chase partial returns) leave it alone.
        await connection.ExecuteAsync("INSERT INTO answers (return_id, question_id, raw_value, value, status) VALUES (@returnId, @questionId, 'Yes', 'yes', 'valid')",
            Enumerable.Range(1, 16).Select(n => new { returnId, questionId = $"Q{n}" }));
    }

    public static Task<CreatedRound> CreateRoundAsync(IServiceProvider services, string audience, string opens, string closes, string reminders = "none") =>
        services.GetRequiredService<RoundCreator>().CreateAsync(new RoundRequest(Questionnaire, "STP involvement test round", opens, closes, audience, reminders));

    public static async Task<T> ScalarAsync<T>(IServiceProvider services, string sql, object? parameters = null)
    {
        await using var connection = await services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<T>(sql, parameters) ?? throw new InvalidOperationException($"No value for: {sql}");
    }

    public static async Task<IReadOnlyList<T>> QueryAsync<T>(IServiceProvider services, string sql, object? parameters = null)
    {
        await using var connection = await services.GetRequiredService<Database>().OpenAsync();
        return (await connection.QueryAsync<T>(sql, parameters)).ToList();
    }
}
