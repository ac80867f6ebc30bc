using Dapper;
using MimeKit;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Ingestion;

/// <summary>Realistic replies (Resources/ingestion) through the real pipeline, each ending in stored answers or a recorded outcome.</summary>
public sealed class ReplyCorpusTests
{
    private const string Round = "STP-R7";
    private const string Camden = "E09000007", Hackney = "E09000012", Islington = "E09000019", Barnet = "E09000003";
    private IngestionWorld world = null!;
    private long roundId;

    [SetUp]
    public async Task StartAsync()
    {
        world = await IngestionWorld.StartAsync();
        roundId = await world.CreateRoundAsync(Round, [Camden, Hackney, Islington, Barnet]);
    }

    [TearDown]
    public void Stop() => world.Dispose();

    private Dictionary<string, string> Values(string council = Camden) => new()
    {
        ["ROUND"] = Round,
        ["TOKEN_ADDRESS"] = world.TokenAddress(roundId, council),
    };

    private static Dictionary<string, string?> ValuesOf(Dictionary<string, IngestionWorld.StoredAnswer> answers) =>
        answers.Values.Where(a => a.Status == "valid").ToDictionary(a => a.QuestionId, a => a.Value);

    [Test]
    public async Task Outlook_top_posted_reply_is_matched_by_token_and_the_quoted_invitation_is_ignored()
    {
        var result = await world.IngestEmailAsync(IngestionWorld.Fill("outlook-top-posted.eml", Values()));

        Assert.That(result.Outcome, Is.EqualTo("stored"), result.Reason);
        Assert.That(result.Reason, Does.Contain("matched by token"));
        var answers = await world.CurrentAnswersAsync(roundId, Camden);
        Assert.That(ValuesOf(answers), Is.EquivalentTo(new Dictionary<string, string?>
        {
            ["Q1"] = "yes", ["Q2"] = "partly", ["Q3"] = "no", ["Q4"] = "yes", ["Q5"] = "closely_involved",
            ["Q6"] = "chief_executive;dph", ["Q7"] = "partly", ["Q9"] = "4", ["Q13"] = "12.5",
            ["Q16"] = "Financial modelling that makes social care visible,\nand help with the integration readiness tool.",
        }));
        Assert.That(answers["Q8"].Status, Is.EqualTo("invalid"));
        Assert.That(answers["Q8"].Raw, Is.EqualTo("Maybe later"));
        Assert.That(answers["Q8"].Problem, Does.Contain("Yes, Partly or No"));
        Assert.That(answers["Q10"].Status, Is.EqualTo("missing"));
        Assert.That(answers["Q10"].Problem, Is.Null, "optional and unanswered");
    }

    [Test]
    public async Task A_stored_email_return_queues_a_receipt_threaded_to_the_reply()
    {
        await world.IngestEmailAsync(IngestionWorld.Fill("outlook-top-posted.eml", Values()));

        var receipts = await world.QueryAsync<(string Kind, string Topic, string Recipient, byte[] Mime)>(
            "SELECT kind, topic, recipient, mime FROM outbox WHERE kind = 'receipt'");
        Assert.That(receipts, Has.Count.EqualTo(1));
        Assert.That(receipts[0].Topic, Is.EqualTo($"round:{roundId}"));
        Assert.That(receipts[0].Recipient, Is.EqualTo("Stp.Lead@camden.gov.test"));
        var receipt = MimeMessage.Load(new MemoryStream(receipts[0].Mime));
        Assert.That(receipt.InReplyTo, Is.EqualTo("DB9PR01MB1234.outlook-top-posted@camden.gov.test"));
        Assert.That(receipt.ReplyTo.Mailboxes.Single().Address, Is.EqualTo(world.TokenAddress(roundId, Camden)));
        Assert.That(receipt.TextBody, Does.Contain("Q1  Yes").And.Contain("Q9  4%").And.Contain("Q6  Chief executive; Director of public health"));
        Assert.That(receipt.TextBody, Does.Contain("Q8  you wrote \"Maybe later\""));
        Assert.That(receipt.TextBody, Does.Contain("replaces this one completely"));
    }

    [Test]
    public async Task Gmail_inline_answers_under_each_quoted_question_are_matched_by_in_reply_to()
    {
        var invitation = await world.AddInvitationAsync(roundId, Hackney, "stp.lead@hackney.gov.test");

        var result = await world.IngestEmailAsync(IngestionWorld.Fill("gmail-inline.eml", new Dictionary<string, string> { ["INVITATION_ID"] = invitation }));

        Assert.That(result.Outcome, Is.EqualTo("stored"), result.Reason);
        Assert.That(result.Reason, Does.Contain("matched by in_reply_to"));
        Assert.That(ValuesOf(await world.CurrentAnswersAsync(roundId, Hackney)), Is.EquivalentTo(new Dictionary<string, string?>
        {
            ["Q1"] = "yes", ["Q2"] = "no", ["Q3"] = "partly", ["Q4"] = "yes", ["Q5"] = "consulted", ["Q6"] = "political_member;dass",
            ["Q7"] = "yes", ["Q8"] = "partly", ["Q10"] = "one_public_estate;social_care_precept",
        }));
    }

    [Test]
    public async Task Apple_mail_reply_is_matched_by_the_round_in_the_subject_and_a_bare_fraction_percent_is_read_and_flagged()
    {
        var result = await world.IngestEmailAsync(IngestionWorld.Fill("apple-mail.eml", Values()));

        Assert.That(result.Outcome, Is.EqualTo("stored"), result.Reason);
        Assert.That(result.Reason, Does.Contain("matched by subject").And.Contain("Islington"));
        var answers = await world.CurrentAnswersAsync(roundId, Islington);
        Assert.That(ValuesOf(answers), Is.EquivalentTo(new Dictionary<string, string?>
        {
            ["Q1"] = "yes", ["Q2"] = "yes", ["Q3"] = "partly", ["Q4"] = "no", ["Q5"] = "informed_only", ["Q6"] = "none",
            ["Q7"] = "yes", ["Q8"] = "no", ["Q9"] = "4", ["Q15"] = "4",
        }));
        Assert.That(answers["Q9"].Number, Is.EqualTo(4.0));
        Assert.That(answers["Q9"].Note, Does.Contain("0.04").And.Contain("\"Q9: 0.04%\""));
        var receipt = MimeMessage.Load(new MemoryStream(await world.ScalarAsync<byte[]>("SELECT mime FROM outbox WHERE kind = 'receipt'")));
        Assert.That(receipt.TextBody, Does.Contain("Please check:").And.Contain("we read it as the fraction 0.04 = 4%"));
    }

    [Test]
    public async Task Html_only_reply_from_a_known_lead_is_matched_by_sender_and_read_above_the_outlook_quote()
    {
        var result = await world.IngestEmailAsync(IngestionWorld.Fill("html-only.eml", Values()));

        Assert.That(result.Outcome, Is.EqualTo("stored"), result.Reason);
        Assert.That(result.Reason, Does.Contain("matched by sender"));
        Assert.That(ValuesOf(await world.CurrentAnswersAsync(roundId, Hackney)), Is.EquivalentTo(new Dictionary<string, string?>
        {
            ["Q1"] = "yes", ["Q2"] = "partly", ["Q3"] = "yes", ["Q4"] = "no", ["Q5"] = "shut_out", ["Q6"] = "other_officer",
            ["Q7"] = "yes", ["Q8"] = "yes", ["Q14"] = "https://www.hackney.gov.test/stp-summary",
        }));
    }

    [Test]
    public async Task A_reply_forwarded_by_a_colleague_on_the_council_domain_is_read_inside_the_forward()
    {
        var result = await world.IngestEmailAsync(IngestionWorld.Fill("forwarded-by-colleague.eml", Values()));

        Assert.That(result.Outcome, Is.EqualTo("stored"), result.Reason);
        var answers = await world.CurrentAnswersAsync(roundId, Camden);
        Assert.That(ValuesOf(answers), Is.EquivalentTo(new Dictionary<string, string?>
        {
            ["Q1"] = "no", ["Q2"] = "no", ["Q3"] = "no", ["Q4"] = "partly", ["Q5"] = "consulted", ["Q6"] = "dph", ["Q7"] = "yes", ["Q8"] = "partly",
        }));
        Assert.That(await world.ScalarAsync<string>("SELECT sender FROM returns"), Is.EqualTo("policy.officer@camden.gov.test"));
    }

    [Test]
    public async Task A_colleague_outside_the_council_domain_is_held_when_sender_checks_are_on()
    {
        var bytes = IngestionWorld.Fill("forwarded-by-colleague.eml", Values());
        var text = System.Text.Encoding.Latin1.GetString(bytes).Replace("policy.officer@camden.gov.test>\r\nTo: returns", "policy.officer@camden-consulting.test>\r\nTo: returns");

        var result = await world.IngestEmailAsync(System.Text.Encoding.Latin1.GetBytes(text));

        Assert.That(result.Outcome, Is.EqualTo("held"));
        Assert.That(result.Reason, Does.Contain("not a contact of any council"));
    }

    [Test]
    public async Task An_out_of_office_reply_is_recorded_and_ignored_without_a_receipt()
    {
        var result = await world.IngestEmailAsync(IngestionWorld.Fill("out-of-office.eml", Values()));

        Assert.That(result.Outcome, Is.EqualTo("auto_reply"));
        Assert.That(result.Reason, Does.Contain("Auto-Submitted: auto-replied"));
        Assert.That(await world.ScalarAsync<int>("SELECT count(*) FROM returns"), Is.Zero);
        Assert.That(await world.ScalarAsync<int>("SELECT count(*) FROM outbox WHERE kind = 'receipt'"), Is.Zero);
    }

    [Test]
    public async Task A_postfix_bounce_marks_the_invitation_bounced_with_the_reason()
    {
        var invitation = await world.AddInvitationAsync(roundId, Barnet, "old.lead@barnet.gov.test");

        var result = await world.IngestEmailAsync(IngestionWorld.Fill("postfix-bounce.eml", new Dictionary<string, string> { ["ROUND"] = Round, ["INVITATION_ID"] = invitation }));

        Assert.That(result.Outcome, Is.EqualTo("bounce"), result.Reason);
        var outbox = await world.QueryAsync<(string? BouncedAt, string? Reason)>("SELECT bounced_at, bounce_reason FROM outbox WHERE message_id = @invitation", new { invitation });
        Assert.That(outbox.Single().BouncedAt, Is.Not.Null);
        Assert.That(outbox.Single().Reason, Does.Contain("550 5.1.1").And.Contain("User unknown"));
        var council = await world.QueryAsync<(string? BouncedAt, string? Reason)>(
            "SELECT bounced_at, bounce_reason FROM round_councils WHERE round_id = @roundId AND council_code = @Barnet", new { roundId, Barnet });
        Assert.That(council.Single().BouncedAt, Is.Not.Null, "round show reports the council bounced");
        var bounce = (await world.QueryAsync<(string Recipient, string Status, bool Permanent)>("SELECT recipient, status, permanent FROM inbound_bounces")).Single();
        Assert.That(bounce, Is.EqualTo(("old.lead@barnet.gov.test", "5.1.1", true)));
        Assert.That(await world.ScalarAsync<int>("SELECT count(*) FROM outbox WHERE kind = 'receipt'"), Is.Zero);
    }

    [Test]
    public async Task Mail_from_an_unknown_sender_without_token_or_reference_goes_to_the_holding_pen_without_a_receipt()
    {
        var result = await world.IngestEmailAsync(IngestionWorld.Fill("unknown-sender.eml", Values()));

        Assert.That(result.Outcome, Is.EqualTo("held"));
        Assert.That(result.Reason, Does.Contain("someone@consultancy.example is not a known contact"));
        Assert.That(await world.ScalarAsync<int>("SELECT count(*) FROM returns"), Is.Zero);
        Assert.That(await world.ScalarAsync<int>("SELECT count(*) FROM outbox"), Is.Zero);
    }

    [Test]
    public async Task A_tampered_token_is_never_trusted_even_from_a_known_contact()
    {
        var valid = world.TokenAddress(roundId, Camden);
        var tampered = valid.Replace("-e09000007-", "-e09000019-");

        var result = await world.IngestEmailAsync(IngestionWorld.Fill("tampered-token.eml", new Dictionary<string, string> { ["TAMPERED_ADDRESS"] = tampered }));

        Assert.That(result.Outcome, Is.EqualTo("held"));
        Assert.That(result.Reason, Does.Contain("fails verification"));
        Assert.That(await world.ScalarAsync<int>("SELECT count(*) FROM returns"), Is.Zero);
    }

    [Test]
    public async Task The_same_message_twice_changes_nothing_and_says_so()
    {
        var bytes = IngestionWorld.Fill("outlook-top-posted.eml", Values());
        var first = await world.IngestEmailAsync(bytes);
        // Delivered again: the trace headers differ, the message does not.
        var again = System.Text.Encoding.ASCII.GetBytes("Received: from mx2.camden.gov.test by mx.lga.test; Tue, 3 Nov 2026 10:20:00 +0000\r\nDelivered-To: returns@lga.test\r\n")
            .Concat(bytes).ToArray();
        var second = await world.IngestEmailAsync(again);

        Assert.That(first.Duplicate, Is.False);
        Assert.That(second.Duplicate, Is.True);
        Assert.That(second.Id, Is.EqualTo(first.Id));
        Assert.That(second.Reason, Does.Contain("nothing changed"));
        Assert.That(await world.ScalarAsync<int>("SELECT count(*) FROM returns"), Is.EqualTo(1));
        Assert.That(await world.ScalarAsync<int>("SELECT count(*) FROM outbox WHERE kind = 'receipt'"), Is.EqualTo(1));
        Assert.That(await world.ScalarAsync<int>("SELECT seen_again FROM inbound_messages"), Is.EqualTo(1));
        // Files in the data dir on SQLite; rows every worker reads on PostgreSQL.
        var archived = TestProvider.IsPostgreSql
            ? await world.ScalarAsync<int>("SELECT count(*) FROM shared_files WHERE path LIKE 'archive/%.eml'")
            : Directory.GetFiles(Path.Combine(world.Data.Path, "archive"), "*.eml", SearchOption.AllDirectories).Length;
        Assert.That(archived, Is.EqualTo(2), "both deliveries' raw bytes are archived");
    }

    [Test]
    public async Task A_later_reply_supersedes_the_earlier_one_and_an_older_one_arriving_late_stays_history()
    {
        // Order is by when each reached the mailbox (IMAP INTERNALDATE), not by the Date: headers, which here say the opposite.
        static DateTimeOffset Arrived(int day) => new(2026, 11, day, 10, 15, 0, TimeSpan.Zero);
        var older = IngestionWorld.Fill("outlook-top-posted.eml", Values());
        var newer = System.Text.Encoding.ASCII.GetBytes(System.Text.Encoding.ASCII.GetString(older)
            .Replace("Tue, 3 Nov 2026 10:15:00", "Mon, 2 Nov 2026 10:15:00").Replace("DB9PR01MB1234", "DB9PR01MB9999").Replace("Q8: Maybe later", "Q8: Yes"));

        await world.IngestEmailAsync(newer, arrivedAt: Arrived(4));
        var late = await world.IngestEmailAsync(older, arrivedAt: Arrived(3));

        Assert.That(late.Reason, Does.Contain("kept as history"));
        Assert.That((await world.CurrentAnswersAsync(roundId, Camden))["Q8"].Value, Is.EqualTo("yes"));
        var history = await world.QueryAsync<(long Id, bool IsCurrent, long? SupersededBy)>("SELECT id, is_current, superseded_by FROM returns ORDER BY id");
        Assert.That(history, Has.Count.EqualTo(2));
        Assert.That(history[1].IsCurrent, Is.False);
        Assert.That(history[1].SupersededBy, Is.EqualTo(history[0].Id));

        var newest = System.Text.Encoding.ASCII.GetBytes(System.Text.Encoding.ASCII.GetString(older)
            .Replace("Tue, 3 Nov 2026 10:15:00", "Sun, 1 Nov 2026 10:15:00").Replace("DB9PR01MB1234", "DB9PR01MB7777"));
        var replacing = await world.IngestEmailAsync(newest, arrivedAt: Arrived(5));
        Assert.That(replacing.Reason, Does.Contain($"replaces #{history[0].Id}"));
        Assert.That((await world.CurrentAnswersAsync(roundId, Camden))["Q8"].Status, Is.EqualTo("invalid"));
    }
}
