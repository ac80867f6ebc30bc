using Dapper;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using StpCollector.Mail;
using StpCollector.Questionnaires;

namespace StpCollector.Benchmarks.Generators;

/// <summary>
/// gen-replies: N returns from council leads to their rounds' reply addresses, sent through the sandbox's SMTP
/// so they wait in Dovecot exactly as real replies would. The mix: 50% the reply form top-posted above the quoted
/// invitation, 10% the form in HTML-only mail, 40% the CSV return template attached. Rounds are taken in id order,
/// each round's councils in code order, so N = 2,000 over 152 councils spans 14 rounds.
/// With --per-second R the replies go one at a time over one session at that pace, as people's replies trickle in to
/// a running worker; --sent-log FILE then records when the server accepted each one (round id, council, Unix ms).
/// </summary>
public static class ReplyGenerator
{
    private sealed record Target(long RoundId, string Reference, string Title, string QuestionnaireId, string CouncilCode, string Lead, string? InvitationId);

    public static async Task<int> RunAsync(Arguments args)
    {
        var count = args.Int("count");
        List<Target> targets;
        ReplyTokens tokens;
        QuestionnaireCatalog catalog;
        using (var host = await BenchHost.StartAsync(args.Text("data-dir")))
        {
            tokens = host.Get<ReplyTokens>();
            catalog = host.Get<QuestionnaireCatalog>();
            await using var connection = await host.OpenAsync();
            targets = (await connection.QueryAsync<Target>("""
                SELECT r.id AS RoundId, r.reference AS Reference, r.title AS Title, r.questionnaire_id AS QuestionnaireId,
                       rc.council_code AS CouncilCode, c.email AS Lead,
                       (SELECT o.message_id FROM outbox o WHERE o.topic = 'round:' || r.id AND o.council_code = rc.council_code
                          AND o.kind = 'invitation' ORDER BY o.id LIMIT 1) AS InvitationId
                FROM rounds r
                JOIN round_councils rc ON rc.round_id = r.id
                JOIN contacts c ON c.council_code = rc.council_code AND c.role = 'lead'
                WHERE r.status = 'open'
                ORDER BY r.id, rc.council_code
                LIMIT @count
                """, new { count })).ToList();
        }

        if (targets.Count < count)
            throw new ArgumentException($"only {targets.Count} open (round, council) pairs with a lead; create more rounds first.");

        var random = new Random(11);
        var messages = targets.Select((t, i) => Reply(t, catalog.Get(t.QuestionnaireId), tokens, random, i)).ToList();
        var port = args.Int("smtp-port");
        var perSecond = args.Int("per-second", 0);
        if (perSecond > 0)
        {
            await SendPacedAsync(port, targets.Zip(messages).ToList(), perSecond, args.Text("sent-log"));
            Console.WriteLine($"gen-replies: {messages.Count} replies sent at {perSecond} a second");
            return 0;
        }

        var sessions = args.Int("sessions", 4);
        await Task.WhenAll(Enumerable.Range(0, sessions).Select(s => SendAsync(port, messages.Where((_, i) => i % sessions == s))));
        Console.WriteLine($"gen-replies: {messages.Count} replies sent over {sessions} SMTP sessions");
        return 0;
    }

    private static async Task SendPacedAsync(int port, List<(Target Target, MimeMessage Message)> replies, int perSecond, string sentLog)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
        await using var log = new StreamWriter(sentLog);
        using var pace = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / perSecond));
        foreach (var (target, message) in replies)
        {
            await client.SendAsync(message);
            await log.WriteLineAsync($"{target.RoundId},{target.CouncilCode},{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}");
            await pace.WaitForNextTickAsync();
        }

        await client.DisconnectAsync(quit: true);
    }

    private static async Task SendAsync(int port, IEnumerable<MimeMessage> messages)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
        foreach (var message in messages)
            await client.SendAsync(message);
        await client.DisconnectAsync(quit: true);
    }

    private static MimeMessage Reply(Target target, Questionnaire questionnaire, ReplyTokens tokens, Random random, int index)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("STP lead", target.Lead));
        message.To.Add(MailboxAddress.Parse(tokens.AddressFor(new ReplyToken(ReplyToken.Round, target.RoundId, target.CouncilCode))));
        message.Subject = $"RE: {target.Title} [{target.Reference}]";
        if (target.InvitationId is not null)
        {
            message.InReplyTo = target.InvitationId;
            message.References.Add(target.InvitationId);
        }

        var answers = questionnaire.Questions.Select(q => (q.Id, Answer: AnswerSamples.For(q, random).Replace('\n', ' '))).ToList();
        var form = string.Join("\n", answers.Select(a => $"{a.Id}: {a.Answer}"));
        var quoted = $"On 3 Nov 2026, at 09:00, LGA STP network <stp@lga.test> wrote:\n> {questionnaire.Title}\n> Please answer each question on its line.\n"
            + string.Join("\n", questionnaire.Questions.Select(q => $"> {q.Id}: {q.Text}"));
        var builder = new BodyBuilder();
        switch (index % 10)
        {
            case < 5:
                builder.TextBody = $"Hello,\n\nOur answers are below.\n\n{form}\n\nKind regards,\nSTP lead\n\n{quoted}\n";
                break;
            case 5:
                builder.HtmlBody = "<html><body><p>Hello,</p><p>Our answers:</p>"
                    + string.Join("", answers.Select(a => $"<div>{a.Id}: {System.Net.WebUtility.HtmlEncode(a.Answer)}</div>"))
                    + "<p>Regards</p></body></html>";
                break;
            default:
                builder.TextBody = "Hello,\n\nPlease find our return attached.\n\nRegards,\nSTP lead\n";
                builder.Attachments.Add($"{target.Reference}-{target.CouncilCode}.csv", System.Text.Encoding.UTF8.GetBytes(CsvReturn(target, questionnaire, random)),
                    new ContentType("text", "csv"));
                break;
        }

        message.Body = builder.ToMessageBody();
        return message;
    }

    private static string CsvReturn(Target target, Questionnaire questionnaire, Random random)
    {
        var csv = new System.Text.StringBuilder(ImportCsvGenerator.Header).Append("\r\n");
        foreach (var question in questionnaire.Questions)
            csv.Append($"{target.CouncilCode},{target.Reference},{question.Id},{Csv.Field(question.Text)},{Csv.Field(AnswerSamples.For(question, random))}\r\n");
        return csv.ToString();
    }
}
