using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Cli;
using StpCollector.Foi;
using StpCollector.Shared;
using StpCollector.Tests.Support;
using static StpCollector.Tests.Foi.FoiTestData;

namespace StpCollector.Tests.Foi;

/// <summary>Letters and PDFs kept for staff, listed until coded; coded answers are checked like a council's.</summary>
public sealed class FoiCodingTests
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"u8.ToArray();

    [Test]
    public async Task A_letter_waits_uncoded_until_staff_code_it_and_answers_the_question_does_not_accept_are_refused()
    {
        using var data = await StartAsync();
        var requestId = (await CreateNclBatchAsync(data)).RequestIds[3];
        await HandleAsync(data, requestId, Reply(requestId, "Our response is in the attached letter.", ("response.pdf", Pdf, "application/pdf")));
        var documents = data.Services.GetRequiredService<FoiDocumentStore>();
        var letter = (await documents.ListAsync(uncodedOnly: true)).Single();
        var coder = data.Services.GetRequiredService<FoiAnswerCoder>();

        var refused = Assert.ThrowsAsync<InvalidInputProblem>(() => coder.CodeAsync(requestId, "Q5", "Very", null, CancellationToken.None));
        var coded = await coder.CodeAsync(requestId, "q5", "closely involved", null, CancellationToken.None);
        var percent = await coder.CodeAsync(requestId, "Q9", "0.04", letter.Id, CancellationToken.None);

        Assert.That((await documents.ReadAsync(requestId, letter.Id)).Bytes, Is.EqualTo(Pdf), "kept as sent (a file on SQLite, a shared row on PostgreSQL)");
        Assert.That((letter.Reference, letter.FileName, letter.Read), Is.EqualTo(($"FOI-{requestId}", "response.pdf", false)));
        Assert.That(refused!.Message, Is.EqualTo("Not recorded: 'Very' is not an answer Q5 accepts: answer one of: Closely involved; Consulted; Informed only; Shut out."));
        Assert.That(ExitCodes.For(refused), Is.EqualTo(ExitCodes.Usage));
        Assert.That((coded.Answer.Value, coded.DocumentId), Is.EqualTo(("closely_involved", (long?)letter.Id)), "the request's only letter");
        Assert.That(coded.StillUnanswered, Is.EqualTo(new[] { "Q1", "Q2", "Q3", "Q4", "Q6", "Q7", "Q8" }));
        Assert.That(percent.Answer.Number, Is.EqualTo(4));
        Assert.That(percent.Answer.Note, Does.Contain("without a % sign"), "the fraction reading is pointed out to staff too");
        var answers = await AnswersAsync(data, requestId);
        Assert.That(answers.Values.Select(a => (a.QuestionId, a.Value, a.Status, a.Source, a.DocumentId)), Is.EquivalentTo(new[]
        {
            ("Q5", "closely_involved", "valid", "staff", (long?)letter.Id), ("Q9", "4", "valid", "staff", (long?)letter.Id),
        }));
        Assert.That(await documents.ListAsync(uncodedOnly: true), Is.Empty);
        Assert.That((await documents.ListAsync(uncodedOnly: false)).Single().Answers, Is.EqualTo(2));
    }

    [Test]
    public async Task Staff_list_uncoded_documents_and_an_invalid_code_exits_with_two_through_the_executable()
    {
        using var data = await StartAsync();
        var requestId = (await CreateNclBatchAsync(data)).RequestIds[0];
        await HandleAsync(data, requestId, Reply(requestId, "Please see the attached letter.", ("letter.pdf", Pdf, "application/pdf")));

        var (listed, json, listErrors) = await AppProcess.RunAsync(["foi", "documents", "--uncoded", "--json", "--data-dir", data.Path]);
        var (invalid, _, invalidErrors) = await AppProcess.RunAsync(["foi", "code", $"{requestId}", "--question", "Q13", "--answer", "lots", "--data-dir", data.Path]);
        var (coded, codedOut, codedErrors) = await AppProcess.RunAsync(["foi", "code", $"{requestId}", "--question", "Q13", "--answer", "2.5 FTE", "--data-dir", data.Path]);
        var (after, table, _) = await AppProcess.RunAsync(["foi", "documents", "--data-dir", data.Path]);
        var (shown, show, _) = await AppProcess.RunAsync(["foi", "show", $"{requestId}", "--json", "--data-dir", data.Path]);

        Assert.That(listed, Is.Zero, listErrors);
        var document = JsonDocument.Parse(json).RootElement.EnumerateArray().Single();
        Assert.That(document.GetProperty("reference").GetString(), Is.EqualTo($"FOI-{requestId}"));
        Assert.That(document.GetProperty("fileName").GetString(), Is.EqualTo("letter.pdf"));
        Assert.That(document.GetProperty("uncoded").GetBoolean(), Is.True);
        Assert.That(invalid, Is.EqualTo(2));
        Assert.That(invalidErrors.Trim(), Is.EqualTo("Not recorded: 'lots' is not a number; Q13 needs a number from 0 to 1000, written like 1200 or 12.5."));
        Assert.That(coded, Is.Zero, codedErrors);
        Assert.That(codedOut, Does.StartWith($"Recorded Q13 = 2.5 for FOI-{requestId} from document {document.GetProperty("id").GetInt64()} (letter.pdf)."));
        Assert.That(after, Is.Zero);
        Assert.That(table, Does.Contain("letter.pdf").And.Contain("coded: 1 answer(s)"));
        Assert.That(shown, Is.Zero);
        var answer = JsonDocument.Parse(show).RootElement.GetProperty("answers").EnumerateArray().Single();
        Assert.That(new[] { "questionId", "value", "rawValue", "status", "source", "document" }.Select(p => answer.GetProperty(p).GetString()),
            Is.EqualTo(new[] { "Q13", "2.5", "2.5 FTE", "valid", "staff", "letter.pdf" }));
    }

    [Test]
    public async Task Staff_record_a_refusal_through_the_executable_and_a_status_that_cannot_be_set_by_hand_is_refused()
    {
        using var data = await StartAsync();
        var requestId = (await CreateNclBatchAsync(data)).RequestIds[2];

        var (refused, refusedOut, refusedErrors) = await AppProcess.RunAsync(["foi", "classify", $"{requestId}", "--status", "Refused", "--exemption", "s.12", "--data-dir", data.Path]);
        var (wrong, _, wrongErrors) = await AppProcess.RunAsync(["foi", "classify", $"{requestId}", "--status", "overdue", "--data-dir", data.Path]);
        var (missing, _, missingErrors) = await AppProcess.RunAsync(["foi", "classify", "9999", "--status", "answered", "--data-dir", data.Path]);
        var (_, show, _) = await AppProcess.RunAsync(["foi", "show", $"{requestId}", "--data-dir", data.Path]);

        Assert.That(refused, Is.Zero, refusedErrors);
        Assert.That(refusedOut.Trim(), Is.EqualTo($"FOI-{requestId} is now refused."));
        Assert.That(wrong, Is.EqualTo(2));
        Assert.That(wrongErrors, Does.Contain("'overdue' cannot be set by hand. Use one of: awaiting_response, acknowledged"));
        Assert.That(missing, Is.EqualTo(2));
        Assert.That(missingErrors, Does.Contain("There is no FoI request 9999."));
        Assert.That(show, Does.Contain("Status: refused, exemption s.12").And.Contain("Set to refused by staff, exemption s.12"));
    }
}
