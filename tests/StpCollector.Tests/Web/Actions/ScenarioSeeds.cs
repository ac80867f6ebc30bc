using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using StpCollector.Contacts;
using StpCollector.Ingestion;
using StpCollector.Mail;
using StpCollector.Storage;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Web.Actions;

/// <summary>What the staff action scenarios need, seeded in the console's own database: contacts, an open round, a held reply, a stored return.</summary>
internal static class ScenarioSeeds
{
    public const string Camden = "E09000007";
    public const string Islington = "E09000019";

    /// <summary>The sample contacts and a new open round over Camden and Islington; its reference and id.</summary>
    public static async Task<(string Reference, long Id)> OpenRoundAsync(ConsoleServer server)
    {
        await server.Services.GetRequiredService<ContactImporter>().ImportAsync(RepoPaths.Seeds("contacts-sample.csv"), skipInvalid: false);
        await using var connection = await server.Services.GetRequiredService<Database>().OpenAsync();
        var id = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO rounds (questionnaire_id, questionnaire_version, title, reference, audience, opens_at, closes_at, status, created_at)
            VALUES (@Questionnaire, 1, 'Local government involvement in your STP', 'pending', 'councils', '2026-11-02T09:00:00.000Z', '2026-12-18T17:00:00.000Z', 'open', '2026-11-01T09:00:00.000Z')
            RETURNING id
            """, new { IngestionWorld.Questionnaire });
        var reference = $"STP-R{id}";
        await connection.ExecuteAsync("UPDATE rounds SET reference = @reference WHERE id = @id", new { reference, id });
        foreach (var council in new[] { Camden, Islington })
        {
            await connection.ExecuteAsync("""
                INSERT INTO round_councils (round_id, council_code, contact_id)
                VALUES (@id, @council, (SELECT id FROM contacts WHERE council_code = @council AND role = 'lead' LIMIT 1))
                """, new { id, council });
        }

        return (reference, id);
    }

    /// <summary>A reply from a stranger to the round, held for staff; its inbound id.</summary>
    public static async Task<long> HeldReplyAsync(ConsoleServer server, string reference, long roundId)
    {
        var token = server.Services.GetRequiredService<ReplyTokens>().AddressFor(new ReplyToken(ReplyToken.Round, roundId, Camden));
        var raw = IngestionWorld.Fill("unknown-sender.eml", new Dictionary<string, string> { ["ROUND"] = reference, ["TOKEN_ADDRESS"] = token });
        var text = System.Text.Encoding.Latin1.GetString(raw).Replace("Message-ID: <", $"Message-ID: <{Guid.NewGuid():N}.", StringComparison.OrdinalIgnoreCase);
        var result = await server.Services.GetRequiredService<InboundPipeline>().ProcessAsync(
            new InboundItem(InboundItem.Mailbox, "test", System.Text.Encoding.Latin1.GetBytes(text)), IngestHints.None, CancellationToken.None);
        Assert.That(result.Outcome, Is.EqualTo("held"), result.Reason);
        return result.Id!.Value;
    }

    /// <summary>Camden's lead replies to the round (Q1 yes, Q9 12 %): the stored return's id.</summary>
    public static async Task<long> CamdenReturnAsync(ConsoleServer server, string reference, long roundId)
    {
        var message = new MimeMessage { Subject = $"RE: [{reference}] Our return", MessageId = $"{Guid.NewGuid():N}@camden.gov.test", Date = DateTimeOffset.UtcNow.AddMinutes(-5) };
        message.From.Add(new MailboxAddress("Zara", "stp.lead@camden.gov.test"));
        message.To.Add(MailboxAddress.Parse(server.Services.GetRequiredService<ReplyTokens>().AddressFor(new ReplyToken(ReplyToken.Round, roundId, Camden))));
        message.Body = new TextPart("plain") { Text = "Q1: Yes\nQ9: 12%\n" };
        using var buffer = new MemoryStream();
        message.WriteTo(buffer);
        var result = await server.Services.GetRequiredService<InboundPipeline>().ProcessAsync(
            new InboundItem(InboundItem.Mailbox, "test", buffer.ToArray()), IngestHints.None, CancellationToken.None);
        await using var connection = await server.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT id FROM returns WHERE inbound_id = @Id", new { result.Id });
    }
}
