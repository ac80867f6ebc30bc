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

public sealed class FoiRequestTests
{
    private static readonly string[] NorthCentralLondon = ["E09000003", "E09000007", "E09000010", "E09000014", "E09000019"];

    // Received (sent) Monday 2 November 2026 = day 0. Working days 1-19 are 3 Nov to 27 Nov; Monday 30 November is
    // St Andrew's Day (a Scottish bank holiday, so not a UK working day); day 20 is Tuesday 1 December.
    private static readonly DateTimeOffset SentAt = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);

    private static async Task<TempDataDir> StartAsync(string now = "2026-11-02T09:00:00Z")
    {
        var data = new TempDataDir();
        await data.StartAsync(new Dictionary<string, string?> { ["Clock:Now"] = now });
        await data.Services.GetRequiredService<ContactImporter>().ImportAsync(data.Write("foi.csv", "council_code,name,email,role\n" +
            string.Join("\n", NorthCentralLondon.Select(c => $"{c},FoI Officer {c},foi-{c.ToLowerInvariant()}@ncl.gov.test,foi"))), false);
        return data;
    }

    private static async Task<FoiRequestWriter.Created> CreateNclBatchAsync(TempDataDir data) =>
        await data.Services.GetRequiredService<FoiRequestWriter>().CreateAsync("Council involvement in the STP",
            "Please provide the information below about your council's part in the STP.", "footprint:north-central-london",
            "stp-local-government-involvement", allowMissingContacts: false, CancellationToken.None);

    private static async Task MarkSentAsync(TempDataDir data, DateTimeOffset at)
    {
        await using var connection = await data.Services.GetRequiredService<Database>().OpenAsync();
        await connection.ExecuteAsync("UPDATE outbox SET status = 'sent', sent_at = @at WHERE kind = 'foi_request'", new { at });
    }

    [Test]
    public async Task Create_queues_one_request_per_council_to_its_foi_contact_with_a_signed_reply_address()
    {
        using var data = await StartAsync();
        var created = await CreateNclBatchAsync(data);

        await using var connection = await data.Services.GetRequiredService<Database>().OpenAsync();
        var rows = (await connection.QueryAsync<(string Recipient, byte[] Mime, string Topic)>(
            "SELECT recipient, mime, topic FROM outbox WHERE kind = 'foi_request' ORDER BY council_code")).ToList();
        Assert.That(created.RequestIds, Has.Count.EqualTo(5));
        Assert.That(rows.Select(r => r.Recipient), Is.EqualTo(NorthCentralLondon.Select(c => $"foi-{c.ToLowerInvariant()}@ncl.gov.test")));

        var message = MimeMessage.Load(new MemoryStream(rows[0].Mime));
        var token = data.Services.GetRequiredService<ReplyTokens>().FromAddress(message.ReplyTo.Mailboxes.Single().Address);
        Assert.That(token, Is.EqualTo(new ReplyToken(ReplyToken.Foi, created.RequestIds[0], "E09000003")));
        Assert.That(message.Subject, Does.Contain($"[FOI-{created.RequestIds[0]}]"));
        Assert.That(message.TextBody, Does.Contain("Freedom of Information Act 2000").And.Contain("twentieth working day").And.Contain("Q5: How involved"));
        Assert.That(message.Attachments.Single().ContentDisposition?.FileName, Does.EndWith(".csv"));
    }

    [Test]
    public async Task Councils_without_an_foi_contact_are_refused_unless_allowed()
    {
        using var data = await StartAsync();
        var writer = data.Services.GetRequiredService<FoiRequestWriter>();

        var refused = Assert.ThrowsAsync<StpCollector.Cli.UserFacingException>(() =>
            writer.CreateAsync("t", "b", "councils:E09000007,E09000033", null, false, CancellationToken.None));
        var created = await writer.CreateAsync("t", "b", "councils:E09000007,E09000033", null, true, CancellationToken.None);

        Assert.That(refused!.Message, Does.Contain("E09000033").And.Contain("--allow-missing-contacts"));
        Assert.That(created.RequestIds, Has.Count.EqualTo(1));
        Assert.That(created.CouncilsWithoutContact, Is.EqualTo(new[] { "E09000033" }));
    }

    [Test]
    public async Task Due_date_follows_delivery_and_overdue_requests_get_exactly_one_chaser()
    {
        using (var before = await StartAsync("2026-12-01T12:00:00Z"))
        {
            await CreateNclBatchAsync(before);
            await MarkSentAsync(before, SentAt);
            var onDueDay = await before.Services.GetRequiredService<FoiRequestStore>().ListAsync();
            Assert.That(onDueDay.Select(r => r.Due), Is.All.EqualTo(new DateOnly(2026, 12, 1)));
            Assert.That(onDueDay.Select(r => r.Status), Is.All.EqualTo(FoiStatus.Awaiting));
        }

        using var data = await StartAsync("2026-12-02T12:00:00Z");
        var created = await CreateNclBatchAsync(data);
        await MarkSentAsync(data, SentAt);
        await data.Services.GetRequiredService<Database>().OpenAsync().ContinueWith(async t =>
        {
            await using var c = t.Result;
            await c.ExecuteAsync("UPDATE foi_requests SET status = 'refused', exemption = 's.12' WHERE id = @id", new { id = created.RequestIds[0] });
        }).Unwrap();

        var sweep = data.Services.GetRequiredService<FoiChaserSweep>();
        await sweep.RunAsync(CancellationToken.None);
        await sweep.RunAsync(CancellationToken.None);

        var overdue = await data.Services.GetRequiredService<FoiRequestStore>().ListAsync("overdue");
        await using var connection = await data.Services.GetRequiredService<Database>().OpenAsync();
        var chasers = (await connection.QueryAsync<(string Recipient, byte[] Mime)>("SELECT recipient, mime FROM outbox WHERE kind = 'foi_chaser'")).ToList();
        Assert.That(overdue, Has.Count.EqualTo(4), "the refused request is not overdue");
        Assert.That(chasers, Has.Count.EqualTo(4));
        Assert.That(chasers.Select(c => c.Recipient).Distinct().Count(), Is.EqualTo(4));
        Assert.That(MimeMessage.Load(new MemoryStream(chasers[0].Mime)).TextBody, Does.Contain("1 December 2026"));
    }

    [Test]
    public async Task A_new_bank_holiday_moves_the_due_date_of_an_open_request()
    {
        using var data = await StartAsync("2026-11-03T09:00:00Z");
        await CreateNclBatchAsync(data);
        await MarkSentAsync(data, SentAt);
        var store = data.Services.GetRequiredService<FoiRequestStore>();
        var before = (await store.ListAsync())[0].Due;

        await data.Services.GetRequiredService<HolidayImporter>().ImportAsync(
            data.Write("extra.csv", "date,jurisdiction,name\n2026-11-16,scotland,Extra holiday\n"));
        var after = (await store.ListAsync())[0].Due;

        Assert.That(before, Is.EqualTo(new DateOnly(2026, 12, 1)));
        Assert.That(after, Is.EqualTo(new DateOnly(2026, 12, 2)), "one more non-working day in the window");
    }

    [TestCase("Dear LGA, we are unable to provide this information because it would exceed the appropriate cost limit under section 12 of the Act.", "refused", "s.12")]
    [TestCase("Thank you for your request. Could you please confirm which financial year you mean?", "clarification_requested", null)]
    [TestCase("We acknowledge receipt of your request and will respond within 20 working days.", "acknowledged", null)]
    public async Task Clear_replies_change_the_status(string text, string status, string? exemption)
    {
        using var data = await StartAsync();
        var created = await CreateNclBatchAsync(data);
        var requestId = created.RequestIds[1];
        await MarkSentAsync(data, SentAt);
        var reply = new MimeMessage { Subject = $"RE: Freedom of Information request [FOI-{requestId}]", Body = new TextPart("plain") { Text = text } };

        await HandleAsync(data, requestId, reply);

        var (request, timeline) = await data.Services.GetRequiredService<FoiRequestStore>().ShowAsync(requestId);
        Assert.That(request.Status, Is.EqualTo(status));
        Assert.That(request.Exemption, Is.EqualTo(exemption));
        Assert.That(timeline.Select(e => e.Kind), Does.Contain("reply").And.Contain(status));
    }

    [Test]
    public async Task A_structured_csv_return_is_read_into_answers()
    {
        using var data = await StartAsync();
        var created = await CreateNclBatchAsync(data);
        var requestId = created.RequestIds[2];
        var csv = "council_code,round,question_id,question,answer\n" + string.Join("\n",
            Enumerable.Range(1, 8).Select(n => $"E09000010,FOI-{requestId},Q{n},text,{(n == 5 ? "Consulted" : n == 6 ? "Chief executive" : "Yes")}"));
        var builder = new BodyBuilder { TextBody = "Please find our response attached." };
        builder.Attachments.Add("response.csv", System.Text.Encoding.UTF8.GetBytes(csv), new ContentType("text", "csv"));
        var reply = new MimeMessage { Subject = "Your FoI request", Body = builder.ToMessageBody() };

        await HandleAsync(data, requestId, reply);

        var (request, _) = await data.Services.GetRequiredService<FoiRequestStore>().ShowAsync(requestId);
        await using var connection = await data.Services.GetRequiredService<Database>().OpenAsync();
        Assert.That(request.Status, Is.EqualTo(FoiStatus.Answered));
        Assert.That(await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM foi_answers WHERE request_id = @requestId", new { requestId }), Is.EqualTo(8));
        Assert.That(await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM foi_documents WHERE request_id = @requestId AND parsed = 1", new { requestId }), Is.EqualTo(1));
    }

    private static async Task HandleAsync(TempDataDir data, long requestId, MimeMessage reply)
    {
        await using var connection = await data.Services.GetRequiredService<Database>().OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        var handler = data.Services.GetServices<IInboundHandler>().Single(h => h.TokenKind == ReplyToken.Foi);
        await handler.HandleReplyAsync(new InboundReply(1, reply, "foi@ncl.gov.test", requestId, null, connection, transaction), CancellationToken.None);
        await transaction.CommitAsync();
    }
}
