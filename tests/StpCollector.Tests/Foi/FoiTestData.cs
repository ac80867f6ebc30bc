using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using StpCollector.Contacts;
using StpCollector.Foi;
using StpCollector.Ingestion;
using StpCollector.Mail;
using StpCollector.Storage;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Foi;

/// <summary>An FoI batch to the five North Central London councils, and replies handed to the real FoI handler.</summary>
internal static class FoiTestData
{
    public const string Questionnaire = "stp-local-government-involvement";
    public const string Barnet = "E09000003", Camden = "E09000007", Enfield = "E09000010", Haringey = "E09000014", Islington = "E09000019";

    public static readonly string[] NorthCentralLondon = [Barnet, Camden, Enfield, Haringey, Islington];

    public static async Task<TempDataDir> StartAsync(string now = "2026-11-02T09:00:00Z")
    {
        var data = new TempDataDir();
        await data.StartAsync(new Dictionary<string, string?> { ["Clock:Now"] = now });
        await data.Services.GetRequiredService<ContactImporter>().ImportAsync(data.Write("foi.csv", "council_code,name,email,role\n" +
            string.Join("\n", NorthCentralLondon.Select(c => $"{c},FoI Officer {c},foi-{c.ToLowerInvariant()}@ncl.gov.test,foi"))), false);
        return data;
    }

    public static async Task<FoiRequestWriter.Created> CreateNclBatchAsync(TempDataDir data, string? questionnaire = Questionnaire) =>
        await data.Services.GetRequiredService<FoiRequestWriter>().CreateAsync("Council involvement in the STP",
            "Please provide the information below about your council's part in the STP.", "footprint:north-central-london",
            questionnaire, allowMissingContacts: false, CancellationToken.None);

    public static async Task MarkSentAsync(TempDataDir data, DateTimeOffset at)
    {
        await using var connection = await data.Services.GetRequiredService<Database>().OpenAsync();
        await connection.ExecuteAsync("UPDATE outbox SET status = 'sent', sent_at = @at WHERE kind = 'foi_request'", new { at });
    }

    public static async Task<InboundHandling> HandleAsync(TempDataDir data, long requestId, MimeMessage reply, long inboundId = 1)
    {
        await using var connection = await data.Services.GetRequiredService<Database>().OpenAsync();
        await using var transaction = (DbTransaction)await connection.BeginTransactionAsync();
        var handler = data.Services.GetServices<IInboundHandler>().Single(h => h.TokenKind == ReplyToken.Foi);
        var handling = await handler.HandleReplyAsync(new InboundReply(inboundId, reply, "foi@ncl.gov.test", requestId, null, connection, transaction), CancellationToken.None);
        await transaction.CommitAsync();
        return handling;
    }

    public static MimeMessage Reply(long requestId, string text, params (string Name, byte[] Content, string Type)[] attachments)
    {
        var builder = new BodyBuilder { TextBody = text };
        foreach (var (name, content, type) in attachments)
            builder.Attachments.Add(name, content, ContentType.Parse(type));
        return new MimeMessage { Subject = $"RE: Freedom of Information request [FOI-{requestId}]", Body = builder.ToMessageBody() };
    }

    public sealed record StoredAnswer(string QuestionId, string? RawValue, string? Value, double? NumberValue, string Status, string? Problem, string Source, long? DocumentId);

    public static async Task<Dictionary<string, StoredAnswer>> AnswersAsync(TempDataDir data, long requestId)
    {
        await using var connection = await data.Services.GetRequiredService<Database>().OpenAsync();
        return (await connection.QueryAsync<StoredAnswer>("""
                SELECT question_id AS QuestionId, raw_value AS RawValue, value AS Value, number_value AS NumberValue, status AS Status,
                       problem AS Problem, source AS Source, document_id AS DocumentId
                FROM foi_answers WHERE request_id = @requestId
                """, new { requestId }))
            .ToDictionary(a => a.QuestionId);
    }
}
