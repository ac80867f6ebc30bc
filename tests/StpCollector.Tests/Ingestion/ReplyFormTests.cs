using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using StpCollector.Questionnaires;
using StpCollector.Rounds;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Ingestion;

/// <summary>
/// Replies made with the real invitation's reply form (built by RoundMailBuilder from the real templates), top-posted,
/// inline, HTML-only and forwarded: only the answer lines are answers, never the form's frame or the invitation's guidance.
/// </summary>
public sealed class ReplyFormTests
{
    private const string Camden = "E09000007";
    private const string Q16 = "Financial modelling that makes social care visible.\nHelp with the integration readiness tool.";
    private IngestionWorld world = null!;
    private long roundId;
    private MimeMessage invitation = null!;

    [SetUp]
    public async Task StartAsync()
    {
        world = await IngestionWorld.StartAsync();
        roundId = await world.CreateRoundAsync("STP-R7", [Camden]);
        await using var connection = await world.OpenAsync();
        var round = await Round.GetAsync(connection, roundId);
        var questionnaire = world.Services.GetRequiredService<QuestionnaireCatalog>().Get(IngestionWorld.Questionnaire);
        invitation = world.Services.GetRequiredService<RoundMailBuilder>().Build(RoundMailBuilder.Invitation, round, questionnaire,
            new RoundRecipient { CouncilCode = Camden, CouncilName = "Camden", LeadName = "Zara Dawson", Email = "stp.lead@camden.gov.test" });
    }

    [TearDown]
    public void Stop() => world.Dispose();

    /// <summary>The form as the invitation has it, with answers written after the colons.</summary>
    private string FilledForm(string? q16 = Q16)
    {
        var form = Form();
        Assert.That(form, Does.Contain("\nQ16: \n" + ReplyForm.EndMarker), "the invitation's form ends with Q16 then the end line");
        return form.Replace("\nQ1: \n", "\nQ1: Yes\n").Replace("\nQ5: \n", "\nQ5: Consulted\n").Replace("\nQ9: \n", "\nQ9: 4%\n")
            .Replace("\nQ16: \n", q16 is null ? "\nQ16: \n" : "\nQ16: " + q16 + "\n");
    }

    private string Form()
    {
        var text = invitation.TextBody!.ReplaceLineEndings("\n");
        var start = text.IndexOf(ReplyForm.StartMarker, StringComparison.Ordinal);
        var end = text.IndexOf(ReplyForm.EndMarker, StringComparison.Ordinal) + ReplyForm.EndMarker.Length;
        return text[start..end];
    }

    private byte[] Reply(string subject, MimeEntity body)
    {
        var message = new MimeMessage { Subject = subject, MessageId = $"{Guid.NewGuid():N}@camden.gov.test", Date = new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.Zero), Body = body };
        message.From.Add(new MailboxAddress("Zara Dawson", "stp.lead@camden.gov.test"));
        message.To.Add(MailboxAddress.Parse(world.TokenAddress(roundId, Camden)));
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }

    private async Task AssertOnlyTheAnswersAreStoredAsync(string? q16 = Q16)
    {
        var answers = await world.CurrentAnswersAsync(roundId, Camden);
        Assert.That(answers["Q1"].Value, Is.EqualTo("yes"));
        Assert.That(answers["Q5"].Value, Is.EqualTo("consulted"));
        Assert.That(answers["Q9"].Value, Is.EqualTo("4"));
        Assert.That(answers["Q16"].Value, Is.EqualTo(q16));
        Assert.That(answers.Values.Select(a => a.Raw ?? ""), Has.None.Contains("REPLY FORM").And.None.Contains("Answer:"));
        Assert.That(answers.Values.Count(a => a.Status != "missing"), Is.EqualTo(q16 is null ? 3 : 4), "nothing but the form's answers");
        var receipt = MimeMessage.Load(new MemoryStream(await world.ScalarAsync<byte[]>("SELECT mime FROM outbox WHERE kind = 'receipt'")));
        Assert.That(receipt.TextBody!, Does.Not.Contain("REPLY FORM").And.Not.Contain("answered again"));
    }

    [Test]
    public async Task A_top_posted_form_answering_the_last_free_text_question_stores_only_the_answer()
    {
        var text = $"Hello,\n\nOur answers:\n\n{FilledForm()}\n\nKind regards,\nZara Dawson\n\n" +
                   $"From: LGA STP network <stp@lga.test>\nSent: 02 November 2026 09:00\nTo: Zara Dawson <stp.lead@camden.gov.test>\nSubject: {invitation.Subject}\n\n" +
                   invitation.TextBody;

        var result = await world.IngestEmailAsync(Reply("RE: " + invitation.Subject, new TextPart("plain") { Text = text }));

        Assert.That(result.Outcome, Is.EqualTo("stored"), result.Reason);
        await AssertOnlyTheAnswersAreStoredAsync();
    }

    [Test]
    public async Task A_form_copied_without_a_blank_line_before_the_signature_still_ends_at_the_end_line()
    {
        var text = $"{FilledForm()}\nZara Dawson\nHead of Strategy";

        var result = await world.IngestEmailAsync(Reply("RE: " + invitation.Subject, new TextPart("plain") { Text = text }));

        Assert.That(result.Outcome, Is.EqualTo("stored"), result.Reason);
        await AssertOnlyTheAnswersAreStoredAsync();
    }

    [Test]
    public async Task Inline_answers_under_the_quoted_form_stop_at_the_quoted_end_line()
    {
        var quoted = string.Join('\n', invitation.TextBody!.ReplaceLineEndings("\n").Split('\n').Select(line => line switch
        {
            "Q1: " => "> Q1: \nYes",
            "Q5: " => "> Q5: \nConsulted",
            "Q9: " => "> Q9: \n4%",
            "Q16: " => "> Q16: \n" + Q16,
            _ => "> " + line,
        }));
        var text = $"Answers inline.\n\nOn Mon, 2 Nov 2026 at 09:00, LGA STP network <stp@lga.test> wrote:\n{quoted}\nThanks again for organising this.";

        var result = await world.IngestEmailAsync(Reply("Re: " + invitation.Subject, new TextPart("plain") { Text = text }));

        Assert.That(result.Outcome, Is.EqualTo("stored"), result.Reason);
        await AssertOnlyTheAnswersAreStoredAsync();
    }

    [Test]
    public async Task An_html_only_reply_with_the_form_in_line_breaks_stores_only_the_answers()
    {
        var form = string.Join("<br>", FilledForm().Split('\n').Select(WebUtility.HtmlEncode));
        var html = $"<html><body><div>Hello, our answers:</div><div>{form}</div><div>Kind regards,<br>Zara</div><hr>" +
                   "<div id=\"divRplyFwdMsg\"><b>From:</b> LGA STP network &lt;stp@lga.test&gt;<br><b>Sent:</b> 02 November 2026 09:00<br>" +
                   $"<b>To:</b> Zara Dawson<br><b>Subject:</b> {WebUtility.HtmlEncode(invitation.Subject)}</div>{invitation.HtmlBody}</body></html>";

        var result = await world.IngestEmailAsync(Reply("RE: " + invitation.Subject, new TextPart("html") { Text = html }));

        Assert.That(result.Outcome, Is.EqualTo("stored"), result.Reason);
        await AssertOnlyTheAnswersAreStoredAsync();
    }

    [Test]
    public async Task An_html_only_reply_that_fills_in_the_preformatted_form_keeps_its_lines()
    {
        var html = $"<html><body><p>Filled in below.</p><pre>{WebUtility.HtmlEncode(FilledForm())}</pre><p>Zara</p></body></html>";

        var result = await world.IngestEmailAsync(Reply("RE: " + invitation.Subject, new TextPart("html") { Text = html }));

        Assert.That(result.Outcome, Is.EqualTo("stored"), result.Reason);
        await AssertOnlyTheAnswersAreStoredAsync();
    }

    [Test]
    public async Task A_forwarded_invitation_with_the_form_filled_in_reads_the_form_not_the_questions_and_guidance()
    {
        var text = "Here you are.\n\n---------- Forwarded message ---------\nFrom: LGA STP network <stp@lga.test>\nDate: Mon, 2 Nov 2026 at 09:00\n" +
                   $"Subject: {invitation.Subject}\nTo: Zara Dawson <stp.lead@camden.gov.test>\n\n" +
                   invitation.TextBody!.ReplaceLineEndings("\n").Replace(Form(), FilledForm(q16: null), StringComparison.Ordinal);

        var result = await world.IngestEmailAsync(Reply("Fwd: " + invitation.Subject, new TextPart("plain") { Text = text }));

        Assert.That(result.Outcome, Is.EqualTo("stored"), result.Reason);
        await AssertOnlyTheAnswersAreStoredAsync(q16: null);
        Assert.That(await world.QueryAsync<string>("SELECT problem FROM answers WHERE problem IS NOT NULL AND question_id = 'Q16'"), Is.Empty);
    }
}
