using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StpCollector.Storage;

namespace StpCollector.Tests.Support;

/// <summary>Writes rounds, audiences, returns and answers straight into the database, so report tests control every figure.</summary>
internal sealed class ReturnsBuilder(Database database)
{
    public const string Questionnaire = "stp-local-government-involvement";

    public static ReturnsBuilder For(IHost host) => new(host.Services.GetRequiredService<Database>());

    public long Round(string reference, string opensAt, string closesAt, IEnumerable<string> audience, string status = "closed", string? openedAt = null)
    {
        using var connection = database.Open();
        var id = connection.ExecuteScalar<long>("""
            INSERT INTO rounds (questionnaire_id, questionnaire_version, title, reference, audience, opens_at, closes_at, status, created_at, opened_at)
            VALUES (@Questionnaire, 1, @title, @reference, 'councils', @opensAt, @closesAt, @status, @opensAt, @openedAt)
            RETURNING id
            """, new { Questionnaire, title = $"Local government involvement ({reference})", reference, opensAt, closesAt, status, openedAt = openedAt ?? opensAt });
        connection.Execute("INSERT INTO round_councils (round_id, council_code) VALUES (@id, @code)", audience.Select(code => new { id, code }));
        return id;
    }

    /// <summary>A current return with answers: (question, value, number) with status valid unless the value starts with "!invalid:".</summary>
    public long Return(long roundId, string council, string receivedAt, params (string Question, string? Value, double? Number)[] answers)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var id = connection.ExecuteScalar<long>("""
            INSERT INTO returns (round_id, council_code, source, provenance, sender, received_at, created_at)
            VALUES (@roundId, @council, 'email_body', @provenance, @sender, @receivedAt, @receivedAt)
            RETURNING id
            """, new { roundId, council, receivedAt, provenance = $"<r{roundId}.{council}@councils.test>", sender = $"lead@{council.ToLowerInvariant()}.gov.test" }, transaction);
        foreach (var (question, value, number) in answers)
        {
            var invalid = value?.StartsWith("!invalid:", StringComparison.Ordinal) == true;
            connection.Execute("""
                INSERT INTO answers (return_id, question_id, raw_value, value, number_value, status, problem)
                VALUES (@id, @question, @raw, @value, @number, @status, @problem)
                """, new
            {
                id, question, raw = invalid ? value![9..] : value ?? number?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                value = invalid ? null : value, number, status = invalid ? "invalid" : "valid", problem = invalid ? "not an allowed answer" : null,
            }, transaction);
        }

        transaction.Commit();
        return id;
    }

    public static (string, string?, double?) A(string question, string value) => (question, value, null);

    public static (string, string?, double?) N(string question, double number) => (question, number.ToString(System.Globalization.CultureInfo.InvariantCulture), number);
}

/// <summary>
/// The known data set the report and bulletin tests share. Hand-computed figures are in the comments.
/// Previous round STP-R1: audience 5, returns 4 (80%). Q7 yes 1 of 4 (25%); London (Camden yes, Barnet no) 50%; elsewhere 0%.
/// Current round STP-R2: audience 6, returns 5 (83.3%, +3.3 points).
///   Q7: yes 3 (60%), partly 1 (20%), no 1 (20%), n = 5; change yes +35, partly +20, no -55.
///       London (Camden, Barnet, Islington) n = 3: yes 66.7%, partly 33.3%; rest (Hartlepool, Middlesbrough) n = 2: yes 50%, no 50%.
///   Q9 (percent): 4, 2, 10, 6 → median 5, range 2–10; London 3 (2–4), rest 8 (6–10).
///   Q6 (multi): n = 5; chief_executive 2 (40%), dph 3 (60%), dass 2 (40%), none 1 (20%).
///   Q5: Middlesbrough's answer is invalid and does not count: n = 4.
///   Q16 themes: estates 2 (Barnet, Camden), finance 1, social care 1, workforce 1 (Middlesbrough), governance 0, prevention 0.
/// </summary>
internal static class KnownRounds
{
    public const string Camden = "E09000007", Barnet = "E09000003", Islington = "E09000019";
    public const string Hartlepool = "E06000001", Middlesbrough = "E06000002", Stockton = "E06000004";

    public static (long Previous, long Current) Create(ReturnsBuilder data, string currentStatus = "closed")
    {
        var previous = data.Round("STP-R1", "2026-06-01T08:00:00.000Z", "2026-06-30T16:00:00.000Z", [Camden, Barnet, Hartlepool, Middlesbrough, Stockton]);
        data.Return(previous, Camden, "2026-06-10T10:00:00.000Z", ReturnsBuilder.A("Q7", "yes"));
        data.Return(previous, Barnet, "2026-06-11T10:00:00.000Z", ReturnsBuilder.A("Q7", "no"));
        data.Return(previous, Hartlepool, "2026-06-12T10:00:00.000Z", ReturnsBuilder.A("Q7", "no"));
        data.Return(previous, Middlesbrough, "2026-06-13T10:00:00.000Z", ReturnsBuilder.A("Q7", "no"));

        var current = data.Round("STP-R2", "2026-11-02T09:00:00.000Z", "2026-11-30T17:00:00.000Z",
            [Camden, Barnet, Islington, Hartlepool, Middlesbrough, Stockton], currentStatus);
        data.Return(current, Camden, "2026-11-10T10:00:00.000Z",
            ReturnsBuilder.A("Q1", "yes"), ReturnsBuilder.A("Q5", "closely_involved"), ReturnsBuilder.A("Q7", "yes"), ReturnsBuilder.N("Q9", 4),
            ReturnsBuilder.A("Q6", "chief_executive;dph"),
            ReturnsBuilder.A("Q16", "We need help with financial modelling to make social care visible. Also OPE."));
        data.Return(current, Barnet, "2026-11-11T10:00:00.000Z",
            ReturnsBuilder.A("Q1", "yes"), ReturnsBuilder.A("Q5", "consulted"), ReturnsBuilder.A("Q7", "yes"), ReturnsBuilder.N("Q9", 2),
            ReturnsBuilder.A("Q6", "dph"), ReturnsBuilder.A("Q16", "More support on One Public Estate please."));
        data.Return(current, Islington, "2026-11-12T10:00:00.000Z",
            ReturnsBuilder.A("Q1", "no"), ReturnsBuilder.A("Q5", "closely_involved"), ReturnsBuilder.A("Q7", "partly"), ReturnsBuilder.A("Q6", "none"),
            ReturnsBuilder.A("Q16", "=HYPERLINK(\"https://evil.test\")"));
        data.Return(current, Hartlepool, "2026-11-13T10:00:00.000Z",
            ReturnsBuilder.A("Q1", "partly"), ReturnsBuilder.A("Q5", "shut_out"), ReturnsBuilder.A("Q7", "no"), ReturnsBuilder.N("Q9", 10),
            ReturnsBuilder.A("Q6", "chief_executive;dass"));
        data.Return(current, Middlesbrough, "2026-11-14T10:00:00.000Z",
            ReturnsBuilder.A("Q1", "yes"), ReturnsBuilder.A("Q5", "!invalid:sort of"), ReturnsBuilder.A("Q7", "yes"), ReturnsBuilder.N("Q9", 6),
            ReturnsBuilder.A("Q6", "dph;dass"), ReturnsBuilder.A("Q16", "Workforce capacity is stretched; seconded staff are needed."));
        return (previous, current);
    }
}
