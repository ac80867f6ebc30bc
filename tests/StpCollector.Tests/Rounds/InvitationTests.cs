using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using MiniExcelLibs;
using StpCollector.Calendar;
using StpCollector.Files;
using StpCollector.Mail;
using StpCollector.Questionnaires;
using StpCollector.Rounds;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Rounds;

public sealed class InvitationTests
{
    private static readonly (string Code, string Name, string Domain)[] NorthCentralLondon =
    [
        ("E09000003", "Barnet", "barnet"), ("E09000007", "Camden", "camden"), ("E09000010", "Enfield", "enfield"),
        ("E09000014", "Haringey", "haringey"), ("E09000019", "Islington", "islington"),
    ];

    [Test]
    public async Task Each_North_Central_London_lead_gets_exactly_one_invitation_with_the_questions_the_deadline_and_a_valid_reply_address()
    {
        var run = RoundTestData.NewRun();
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync(MailSandbox.Shared.Settings());
        var leads = NorthCentralLondon.ToDictionary(c => c.Code, c => $"lead-{run}@{c.Domain}.gov.test");
        foreach (var (code, email) in leads)
            await RoundTestData.AddLeadAsync(host.Services, code, email);
        var closes = LondonTime.ToLondon(host.Services.GetRequiredService<TimeProvider>().GetUtcNow().AddDays(21)).Date.AddHours(17);
        var created = await RoundTestData.CreateRoundAsync(host.Services, "footprint:north-central-london", "now",
            closes.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        var round = created.Round;

        await RoundSweeps.TickAsync(host.Services);
        await RoundSweeps.TickAsync(host.Services); // a second tick must not invite anyone twice

        var questionnaire = host.Services.GetRequiredService<QuestionnaireCatalog>().Get(RoundTestData.Questionnaire);
        var tokens = host.Services.GetRequiredService<ReplyTokens>();
        var outboxIds = await RoundTestData.QueryAsync<(string Code, string MessageId)>(host.Services,
            "SELECT rc.council_code, o.message_id FROM round_councils rc JOIN outbox o ON o.id = rc.invitation_outbox_id WHERE rc.round_id = @Id", new { round.Id });
        var mailboxes = await RoundSweeps.SettledMailboxesAsync(leads.Values.ToDictionary(e => e, _ => 1));
        foreach (var (code, name, _) in NorthCentralLondon)
        {
            var messages = mailboxes[leads[code]];
            Assert.That(messages, Has.Count.EqualTo(1), $"{name}'s lead should hold exactly one invitation");
            var invitation = messages[0];
            Assert.That(invitation.Subject, Does.StartWith($"[STP-R{round.Id}] STP involvement test round"));
            Assert.That(invitation.MessageId, Is.EqualTo(outboxIds.Single(o => o.Code == code).MessageId));

            var text = invitation.TextBody;
            Assert.That(text, Does.Contain($"Dear Test Lead,").And.Contain(name));
            Assert.That(text, Does.Contain("Please reply by " + LondonTime.Describe(round.ClosesAt)));
            foreach (var question in questionnaire.Questions)
            {
                Assert.That(text, Does.Contain($"{question.Id}. {question.Text}"), $"{question.Id} in {name}'s invitation");
                Assert.That(text, Does.Contain("Answer: " + question.AnswerHint), $"{question.Id}'s allowed answers");
                Assert.That(text, Does.Contain($"\n{question.Id}: "), $"{question.Id} in the reply form");
            }

            Assert.That(text, Does.Contain(ReplyForm.StartMarker).And.Contain(ReplyForm.EndMarker));
            Assert.That(invitation.HtmlBody, Does.Contain("<strong>Q5.</strong> How involved is your council"));

            var replyTo = invitation.ReplyTo.Mailboxes.Single().Address;
            Assert.That(replyTo, Does.StartWith("returns+").And.EndWith("@lga.test"));
            Assert.That(tokens.FromAddress(replyTo), Is.EqualTo(new ReplyToken(ReplyToken.Round, round.Id, code)));
            Assert.That(tokens.FromAddress(replyTo.ToUpperInvariant()), Is.Not.Null, "tokens are case-insensitive");

            AssertReturnTemplates(invitation, round.Reference, code, questionnaire);
        }

        var (exit, stdout, stderr) = await AppProcess.RunAsync(["round", "show", round.Id.ToString(CultureInfo.InvariantCulture), "--json", "--data-dir", data.Path]);
        Assert.That(exit, Is.Zero, stderr);
        var shown = JsonDocument.Parse(stdout).RootElement;
        Assert.That(shown.GetProperty("invited").GetInt64(), Is.EqualTo(5));
        Assert.That(shown.GetProperty("sent").GetInt64(), Is.EqualTo(5));
        Assert.That(shown.GetProperty("council").EnumerateArray().Select(c => c.GetProperty("delivery").GetString()), Is.All.EqualTo("sent"));
        Assert.That(shown.GetProperty("council").EnumerateArray().Select(c => c.GetProperty("invitedAt").GetString()), Is.All.Not.Null);
    }

    private static void AssertReturnTemplates(MimeMessage invitation, string reference, string code, Questionnaire questionnaire)
    {
        var attachments = invitation.Attachments.OfType<MimePart>().ToDictionary(a => a.FileName ?? "", a => Content(a));
        var csvName = $"{reference}-{code}-return.csv".ToLowerInvariant();
        var xlsxName = $"{reference}-{code}-return.xlsx".ToLowerInvariant();
        Assert.That(attachments.Keys, Is.EquivalentTo(new[] { csvName, xlsxName }));

        var csv = CsvTable.Parse(csvName, attachments[csvName]);
        Assert.That(csv.Headers, Is.EqualTo(new[] { "council_code", "round", "question_id", "question", "answer" }));
        Assert.That(csv.Rows.Select(r => r.Get(2)), Is.EqualTo(questionnaire.Questions.Select(q => q.Id)));
        Assert.That(csv.Rows.Select(r => $"{r.Get(0)} {r.Get(1)} {r.Get(4)}"), Is.All.EqualTo($"{code} {reference} "));
        Assert.That(csv.Rows.Select(r => r.Get(3)), Is.EqualTo(questionnaire.Questions.Select(q => q.Text)));

        var rows = new MemoryStream(attachments[xlsxName]).Query(useHeaderRow: true, sheetName: "Return").Cast<IDictionary<string, object?>>().ToList();
        Assert.That(rows.Select(r => r["question_id"]), Is.EqualTo(questionnaire.Questions.Select(q => q.Id)));
        Assert.That(rows.Select(r => $"{r["council_code"]} {r["round"]}"), Is.All.EqualTo($"{code} {reference}"));
        Assert.That(new MemoryStream(attachments[xlsxName]).GetSheetNames(), Is.EqualTo(new[] { "Return", "Guidance" }));
    }

    private static byte[] Content(MimePart part)
    {
        using var buffer = new MemoryStream();
        part.Content!.DecodeTo(buffer);
        return buffer.ToArray();
    }
}
