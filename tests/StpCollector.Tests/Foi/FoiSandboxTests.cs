using System.Data.Common;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using MimeKit;
using StpCollector.Tests.Support;
using static StpCollector.Tests.Foi.FoiTestData;

namespace StpCollector.Tests.Foi;

/// <summary>
/// FoI requests end to end through the real executable, Postfix and Dovecot: sent by the OutboxDispatch sweep, replies
/// read by the MailboxPoll sweep, chasers once the clock (restarted later with Clock:Now) passes the due date.
/// </summary>
public sealed class FoiSandboxTests
{
    // Sent Monday 2 November 2026 (day 0); due Tuesday 1 December (St Andrew's Day, Monday 30 November, is skipped).
    // Each process starts its clock at its Clock:Now, so every step is given a later time than the one before.
    private const string Created = "2026-11-02T09:00:00Z", Sent = "2026-11-02T09:05:00Z", RepliesRead = "2026-11-05T10:00:00Z";
    private const string DayAfterDue = "2026-12-02T09:00:00Z", LaterThatDay = "2026-12-02T09:05:00Z";

    private static readonly Dictionary<string, string> Domains = new()
    {
        [Barnet] = "barnet", [Camden] = "camden", [Enfield] = "enfield", [Haringey] = "haringey", [Islington] = "islington",
    };

    [Test]
    public async Task Five_north_central_london_requests_are_answered_refused_questioned_and_the_two_silent_councils_chased_once()
    {
        using var data = new TempDataDir();
        var id = Guid.NewGuid().ToString("N")[..8];
        var local = $"returns-{id}";
        var returns = $"{local}@lga.test";
        string Officer(string council) => $"foi-{id}@{Domains[council]}.gov.test";
        var body = data.Write("request.txt", "Please provide the information below about your council's part in the STP.");
        var contacts = data.Write("contacts.csv", "council_code,name,email,role\n" +
            string.Join("\n", NorthCentralLondon.Select(c => $"{c},FoI Officer,{Officer(c)},foi")));

        await RunAsync(Created, "contacts", "import", contacts);
        await RunAsync(Created, "foi", "create", "--title", "Council involvement in the STP", "--body-file", body,
            "--councils", "footprint:north-central-london", "--questionnaire", Questionnaire);
        await RunAsync(Sent, "run", "--once");

        var requests = new Dictionary<string, MimeMessage>();
        foreach (var council in NorthCentralLondon)
            requests[council] = (await MailSandbox.Shared.WaitForAsync(Officer(council), 1, TimeSpan.FromSeconds(20))).Single();

        await MailSandbox.Shared.SendAsync(Answer(requests[Camden], Officer(Camden), FilledTemplate(requests[Camden])));
        await MailSandbox.Shared.SendAsync(Answer(requests[Barnet], Officer(Barnet), null,
            "Dear LGA,\n\nWe are unable to provide this information because it would exceed the appropriate cost limit under section 12 of the Act."));
        await MailSandbox.Shared.SendAsync(Answer(requests[Enfield], Officer(Enfield), null,
            "Thank you for your request. Could you please confirm which financial year you mean?"));
        Assert.That(await MailboxCounts.WaitForCountAsync(returns, "INBOX", 3, TimeSpan.FromSeconds(20)), Is.EqualTo(3));
        await RunAsync(RepliesRead, "run", "--once");

        var before = await ListAsync(RepliesRead);
        Assert.That(before[Camden], Is.EqualTo(("answered", (string?)null)));
        Assert.That(before[Barnet], Is.EqualTo(("refused", (string?)"s.12")));
        Assert.That(before[Enfield], Is.EqualTo(("clarification_requested", (string?)null)));
        Assert.That((before[Haringey].Status, before[Islington].Status), Is.EqualTo(("awaiting_response", "awaiting_response")));
        await using (var connection = TestDatabase.Open(data.Path))
        {
            var answers = (await connection.QueryAsync<(string Question, string Value, double? Number)>("""
                SELECT a.question_id, a.value, a.number_value FROM foi_answers a JOIN foi_requests r ON r.id = a.request_id
                WHERE r.council_code = @Camden AND a.status = 'valid'
                """, new { Camden })).ToDictionary(a => a.Question);
            Assert.That(answers.Keys, Is.EquivalentTo(new[] { "Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8", "Q9", "Q13" }));
            Assert.That((answers["Q2"].Value, answers["Q5"].Value, answers["Q6"].Value, answers["Q9"].Number), Is.EqualTo(("partly", "consulted", "chief_executive;dass", (double?)3)));
        }

        // The clock restarts past the due date: the sweeps run twice, as a worker would, and chase each silent council once.
        await RunAsync(DayAfterDue, "run", "--once");
        await RunAsync(LaterThatDay, "run", "--once");

        var after = await ListAsync(LaterThatDay);
        Assert.That(after.Where(r => r.Value.Status == "overdue").Select(r => r.Key), Is.EquivalentTo(new[] { Haringey, Islington }));
        foreach (var council in new[] { Haringey, Islington })
        {
            var mail = await MailSandbox.Shared.WaitForAsync(Officer(council), 2, TimeSpan.FromSeconds(20));
            Assert.That(mail, Has.Count.EqualTo(2), council);
            var chasers = mail.Where(m => m.Subject?.StartsWith("Overdue:", StringComparison.Ordinal) == true).ToList();
            Assert.That(chasers, Has.Count.EqualTo(1), council);
            Assert.That(chasers[0].TextBody, Does.Contain("1 December 2026"));
        }

        foreach (var council in new[] { Barnet, Camden, Enfield })
            Assert.That(await MailboxCounts.CountAsync(Officer(council), "INBOX"), Is.EqualTo(1), $"{council} replied and is not chased");
        await using var db = TestDatabase.Open(data.Path);
        Assert.That(await db.QueryAsync<string>("SELECT status FROM outbox WHERE kind = 'foi_chaser'"), Is.EqualTo(new[] { "sent", "sent" }));

        // Each run is a fresh process: restarting with a later Clock:Now is how the clock moves.
        async Task<string> RunAsync(string now, params string[] args)
        {
            var env = MailSandbox.Shared.Environment(returns);
            env["STPCOLLECTOR__Mail__ReplyLocalPart"] = local;
            env["STPCOLLECTOR__Clock__Now"] = now;
            // 2 November 2026 is a bulletin day (first Monday); this test has no rounds for a bulletin to quote.
            env["STPCOLLECTOR__Bulletins__Enabled"] = "false";
            var (exit, stdout, stderr) = await AppProcess.RunAsync([.. args, "--data-dir", data.Path], env, timeoutSeconds: 60);
            Assert.That(exit, Is.Zero, $"stpcollector {string.Join(' ', args)}:\n{stdout}\n{stderr}");
            return stdout;
        }

        async Task<Dictionary<string, (string Status, string? Exemption)>> ListAsync(string now)
        {
            var stdout = await RunAsync(now, "foi", "list", "--json");
            return JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToDictionary(
                r => r.GetProperty("councilCode").GetString()!,
                r => (r.GetProperty("status").GetString()!, r.TryGetProperty("exemption", out var x) ? x.GetString() : null));
        }
    }

    /// <summary>A reply from the council's officer to the request's own reply address, threaded to it.</summary>
    private static MimeMessage Answer(MimeMessage request, string officer, byte[]? csv, string text = "Please find our response attached.")
    {
        var builder = new BodyBuilder { TextBody = text + "\n\nInformation Governance Team" };
        if (csv is not null)
            builder.Attachments.Add("response.csv", csv, new ContentType("text", "csv"));
        var reply = new MimeMessage { Subject = "RE: " + request.Subject, InReplyTo = request.MessageId, Body = builder.ToMessageBody() };
        reply.From.Add(MailboxAddress.Parse(officer));
        reply.To.Add(request.ReplyTo.Mailboxes.Single());
        return reply;
    }

    /// <summary>The CSV template attached to the request (beside the XLSX one), filled in as an officer would: answers in the last column.</summary>
    private static byte[] FilledTemplate(MimeMessage request)
    {
        var answers = new Dictionary<string, string>
        {
            ["Q1"] = "Yes", ["Q2"] = "Partially", ["Q3"] = "No", ["Q4"] = "yes", ["Q5"] = "Consulted",
            ["Q6"] = "Chief executive; Director of adult social services", ["Q7"] = "Yes.", ["Q8"] = "Y", ["Q9"] = "3%", ["Q13"] = "2.5",
        };
        var template = request.Attachments.OfType<MimePart>().Single(a => a.FileName?.EndsWith(".csv", StringComparison.Ordinal) == true);
        using var content = new MemoryStream();
        template.Content!.DecodeTo(content);
        var lines = Encoding.UTF8.GetString(content.ToArray()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var filled = lines.Select((line, i) => i == 0 ? line : line + (answers.TryGetValue(line.Split(',')[2], out var a) ? a : ""));
        return Encoding.UTF8.GetBytes(string.Join("\r\n", filled) + "\r\n");
    }
}
