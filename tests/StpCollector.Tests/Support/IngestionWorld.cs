using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StpCollector.Contacts;
using StpCollector.Ingestion;
using StpCollector.Mail;

namespace StpCollector.Tests.Support;

/// <summary>
/// A data dir with the sample contacts and rounds created by direct inserts (the rounds feature's own CLI is
/// another branch), plus helpers to run inbound messages through the real pipeline and read back what was stored.
/// </summary>
internal sealed class IngestionWorld : IDisposable
{
    public const string Questionnaire = "stp-local-government-involvement";

    private IngestionWorld(TempDataDir data, IHost host)
    {
        Data = data;
        Host = host;
    }

    public TempDataDir Data { get; }
    public IHost Host { get; }
    public IServiceProvider Services => Host.Services;

    public static async Task<IngestionWorld> StartAsync(IDictionary<string, string?>? settings = null, TempDataDir? data = null)
    {
        data ??= new TempDataDir();
        var host = await data.StartHostAsync(settings);
        await host.Services.GetRequiredService<ContactImporter>().ImportAsync(RepoPaths.Seeds("contacts-sample.csv"), skipInvalid: false);
        return new IngestionWorld(data, host);
    }

    /// <summary>The store itself, so checks also work after the host is stopped and a child process wrote it.</summary>
    public Task<DbConnection> OpenAsync() => Task.FromResult(TestDatabase.Open(Data.Path));

    /// <summary>Inserts a round over the given councils (each with its lead contact, if any), open by default.</summary>
    public async Task<long> CreateRoundAsync(string reference, string[] councils, string status = "open", string closesAt = "2026-12-18T17:00:00.000Z")
    {
        await using var connection = await OpenAsync();
        var id = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO rounds (questionnaire_id, questionnaire_version, title, reference, audience, opens_at, closes_at, status, created_at)
            VALUES (@Questionnaire, 1, 'Local government involvement in your STP', @reference, 'councils', '2026-11-02T09:00:00.000Z', @closesAt, @status, '2026-11-01T09:00:00.000Z')
            RETURNING id
            """, new { Questionnaire, reference, closesAt, status });
        foreach (var council in councils)
        {
            await connection.ExecuteAsync("""
                INSERT INTO round_councils (round_id, council_code, contact_id)
                VALUES (@id, @council, (SELECT id FROM contacts WHERE council_code = @council AND role = 'lead' LIMIT 1))
                """, new { id, council });
        }

        return id;
    }

    /// <summary>An invitation as the rounds feature sends it: a sent outbox row whose Message-ID replies can quote.</summary>
    public async Task<string> AddInvitationAsync(long roundId, string council, string recipient)
    {
        var messageId = $"inv-{Guid.NewGuid():N}@lga.test";
        await using var connection = await OpenAsync();
        var outboxId = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO outbox (kind, topic, council_code, recipient, subject, message_id, mime, status, next_attempt_at, created_at, sent_at)
            VALUES ('invitation', @topic, @council, @recipient, 'invitation', @messageId, @mime, 'sent', '2026-11-02T09:00:00.000Z', '2026-11-02T09:00:00.000Z', '2026-11-02T09:00:00.000Z')
            RETURNING id
            """, new { topic = $"round:{roundId}", council, recipient, messageId, mime = new byte[] { 0 } });
        await connection.ExecuteAsync("""
            INSERT INTO round_councils (round_id, council_code, invitation_outbox_id, invited_at) VALUES (@roundId, @council, @outboxId, '2026-11-02T09:00:00.000Z')
            ON CONFLICT (round_id, council_code) DO UPDATE SET invitation_outbox_id = excluded.invitation_outbox_id, invited_at = excluded.invited_at
            """, new { roundId, council, outboxId });
        return messageId;
    }

    public string TokenAddress(long roundId, string council) =>
        Services.GetRequiredService<ReplyTokens>().AddressFor(new ReplyToken(ReplyToken.Round, roundId, council));

    public static string Resource(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Resources", "ingestion", name);

    /// <summary>A corpus file with its {{PLACEHOLDERS}} filled in.</summary>
    public static byte[] Fill(string name, IReadOnlyDictionary<string, string> values)
    {
        var bytes = File.ReadAllBytes(Resource(name));
        if (values.Count == 0)
            return bytes;
        var text = System.Text.Encoding.Latin1.GetString(bytes);
        foreach (var (key, value) in values)
            text = text.Replace("{{" + key + "}}", value, StringComparison.Ordinal);
        return System.Text.Encoding.Latin1.GetBytes(text);
    }

    /// <summary>An email through the real pipeline; <paramref name="arrivedAt"/> stands for the mailbox's arrival time (IMAP INTERNALDATE).</summary>
    public Task<InboundResult> IngestEmailAsync(byte[] bytes, string source = "test", DateTimeOffset? arrivedAt = null) =>
        Services.GetRequiredService<InboundPipeline>().ProcessAsync(new InboundItem(InboundItem.Mailbox, source, bytes, ArrivedAt: arrivedAt), IngestHints.None, CancellationToken.None);

    public Task<InboundResult> IngestFileAsync(byte[] bytes, string fileName, IngestHints? hints = null) =>
        Services.GetRequiredService<InboundPipeline>().ProcessAsync(new InboundItem(InboundItem.Cli, fileName, bytes, fileName), hints ?? IngestHints.None, CancellationToken.None);

    public sealed record StoredAnswer(string QuestionId, string? Raw, string? Value, double? Number, string Status, string? Problem, string? Note);

    /// <summary>The current return's answers for a council and round, by question id; empty when there is none.</summary>
    public async Task<Dictionary<string, StoredAnswer>> CurrentAnswersAsync(long roundId, string council)
    {
        await using var connection = await OpenAsync();
        var rows = await connection.QueryAsync<StoredAnswer>("""
            SELECT a.question_id AS QuestionId, a.raw_value AS Raw, a.value AS Value, a.number_value AS Number, a.status AS Status, a.problem AS Problem, a.note AS Note
            FROM answers a JOIN returns r ON r.id = a.return_id
            WHERE r.round_id = @roundId AND r.council_code = @council AND r.is_current = 1
            """, new { roundId, council });
        return rows.ToDictionary(r => r.QuestionId);
    }

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await OpenAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    public async Task<List<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await OpenAsync();
        return (await connection.QueryAsync<T>(sql, parameters)).ToList();
    }

    public void Dispose()
    {
        Host.Dispose();
        Data.Dispose();
    }
}
