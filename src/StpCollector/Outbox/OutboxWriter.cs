using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using MimeKit;
using StpCollector.Mail;
using StpCollector.Storage;

namespace StpCollector.Outbox;

/// <summary>
/// Queues messages inside the caller's transaction, so a message exists exactly when the change that caused it
/// is committed. Nothing here talks to a mail server; the dispatch sweep does that.
/// </summary>
internal sealed class OutboxWriter(TimeProvider clock, IOptions<MailOptions> mail)
{
    public async Task<long> EnqueueAsync(DbConnection connection, DbTransaction transaction, OutgoingMessage outgoing)
    {
        var message = outgoing.Message;
        // MimeMessage invents an id on the machine's host name; ours carry our own domain so replies quoting them are recognised.
        if (string.IsNullOrEmpty(message.MessageId) || !message.MessageId.EndsWith("@" + mail.Value.ReplyDomain, StringComparison.OrdinalIgnoreCase))
            message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(mail.Value.ReplyDomain);
        if (message.From.Count == 0)
            message.From.Add(new MimeKit.MailboxAddress(mail.Value.FromName, mail.Value.FromAddress));
        message.Date = clock.GetUtcNow();
        var recipient = message.To.Mailboxes.FirstOrDefault()?.Address
            ?? throw new InvalidOperationException("An outgoing message needs a To address.");

        // Prepared now, once, as the SMTP client would prepare it for a server with 8BITMIME at every send; the dispatcher
        // then sends the stored bytes as they are (see WireSize).
        message.Prepare(EncodingConstraint.EightBit, WireSize.MaxLineLength);
        using var mime = new MemoryStream();
        await message.WriteToAsync(mime);
        var stored = mime.ToArray();
        var now = DapperSetup.Format(clock.GetUtcNow());
        return await connection.ExecuteScalarAsync<long>("""
            INSERT INTO outbox (kind, topic, council_code, recipient, subject, message_id, mime, wire_size, status, next_attempt_at, created_at, expires_at)
            VALUES (@Kind, @Topic, @CouncilCode, @recipient, @subject, @messageId, @mime, @wireSize, 'pending', @now, @now, @expiresAt)
            RETURNING id
            """, new
        {
            outgoing.Kind,
            outgoing.Topic,
            outgoing.CouncilCode,
            recipient,
            subject = message.Subject ?? "",
            messageId = message.MessageId,
            mime = stored,
            wireSize = WireSize.Of(stored),
            now,
            expiresAt = outgoing.ExpiresAt is { } expires ? DapperSetup.Format(expires) : null,
        }, transaction);
    }
}
