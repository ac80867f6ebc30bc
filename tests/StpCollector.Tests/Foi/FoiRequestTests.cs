using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using StpCollector.Calendar;
using StpCollector.Foi;
using StpCollector.Mail;
using StpCollector.Storage;
using StpCollector.Tests.Support;
using static StpCollector.Tests.Foi.FoiTestData;

namespace StpCollector.Tests.Foi;

public sealed class FoiRequestTests
{
    // Received (sent) Monday 2 November 2026 = day 0. Working days 1-19 are 3 Nov to 27 Nov; Monday 30 November is
    // St Andrew's Day (a Scottish bank holiday, so not a UK working day); day 20 is Tuesday 1 December.
    private static readonly DateTimeOffset SentAt = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);

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
        Assert.That(message.Attachments.Select(a => a.ContentDisposition?.FileName), Is.EqualTo(new[] { "foi-1-e09000003-return.csv", "foi-1-e09000003-return.xlsx" }));
    }

    [Test]
    public async Task Councils_without_an_foi_contact_are_refused_unless_allowed()
    {
        using var data = await StartAsync();
        var writer = data.Services.GetRequiredService<FoiRequestWriter>();

        var refused = Assert.ThrowsAsync<StpCollector.Shared.InvalidInputProblem>(() =>
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
}
