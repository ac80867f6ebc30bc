using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using MiniExcelLibs;
using StpCollector.Foi;
using StpCollector.Storage;
using StpCollector.Tests.Support;
using static StpCollector.Tests.Foi.FoiTestData;

namespace StpCollector.Tests.Foi;

/// <summary>Councils' FoI replies read like survey returns: spreadsheets and reply-form bodies into checked answers.</summary>
public sealed class FoiReturnTests
{
    [Test]
    public async Task A_windows_1252_semicolon_csv_return_is_normalised_and_an_invalid_answer_keeps_its_reason()
    {
        using var data = await StartAsync();
        var requestId = (await CreateNclBatchAsync(data)).RequestIds[2]; // Enfield
        var csv = $"""
            council_code;round;question_id;question;answer
            E09000010;FOI-{requestId};Q1;Conversations;Yes.
            E09000010;FOI-{requestId};Q2;Summary;Partially
            E09000010;FOI-{requestId};Q3;Scrutiny;y
            E09000010;FOI-{requestId};Q4;Social care;No
            E09000010;FOI-{requestId};Q5;Involvement;Very
            E09000010;FOI-{requestId};Q6;Board;Chief executive; Director of public health
            E09000010;FOI-{requestId};Q7;Pressures;YES
            E09000010;FOI-{requestId};Q8;Gap;yes
            E09000010;FOI-{requestId};Q9;Prevention;4 %
            E09000010;FOI-{requestId};Q16;Support;Help with the care market – about £2m
            """;
        // Q6's answer holds the separator, so it is quoted as Excel would write it.
        csv = csv.Replace("Chief executive; Director of public health", "\"Chief executive; Director of public health\"");

        var handling = await HandleAsync(data, requestId, Reply(requestId, "Please find our response attached.",
            ("response.csv", StpCollector.Files.TextDecoding.Windows1252.GetBytes(csv), "text/csv")));

        var answers = await AnswersAsync(data, requestId);
        Assert.That(answers.Keys, Is.EquivalentTo(new[] { "Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8", "Q9", "Q16" }), "blank questions are not answers");
        Assert.That(new[] { "Q1", "Q2", "Q3", "Q4", "Q6", "Q7", "Q8" }.Select(q => answers[q].Value),
            Is.EqualTo(new[] { "yes", "partly", "yes", "no", "chief_executive;dph", "yes", "yes" }));
        Assert.That((answers["Q9"].Value, answers["Q9"].NumberValue), Is.EqualTo(("4", (double?)4)));
        Assert.That(answers["Q16"].Value, Is.EqualTo("Help with the care market – about £2m"), "Windows-1252 decoded");
        Assert.That(answers["Q5"], Has.Property("Status").EqualTo("invalid").And.Property("RawValue").EqualTo("Very").And.Property("Value").Null);
        Assert.That(answers["Q5"].Problem, Does.Contain("'Very' is not an answer Q5 accepts").And.Contain("Closely involved; Consulted; Informed only; Shut out"));
        Assert.That(answers.Values.Select(a => a.Source).Distinct(), Is.EqualTo(new[] { "csv" }));

        var (request, timeline) = await data.Services.GetRequiredService<FoiRequestStore>().ShowAsync(requestId);
        Assert.That(request.Status, Is.EqualTo(FoiStatus.Partial), "required Q5 has no valid answer");
        Assert.That(timeline.Last().Detail, Does.Contain("10 answer(s) read from response.csv lines 2-11: 9 valid, 1 invalid").And.Contain("without a valid answer: Q5"));
        Assert.That(handling.Detail, Does.Contain("partially answered"));
        var document = (await data.Services.GetRequiredService<FoiDocumentStore>().ListAsync(uncodedOnly: false)).Single();
        Assert.That((document.Read, document.Answers, document.Uncoded), Is.EqualTo((true, 10L, false)));
    }

    [Test]
    public async Task A_wide_xlsx_return_is_read_for_the_requests_council_only()
    {
        using var data = await StartAsync();
        var requestId = (await CreateNclBatchAsync(data)).RequestIds[2]; // Enfield
        var path = data.File("wide.xlsx");
        MiniExcel.SaveAs(path, new[]
        {
            WideRow("Islington", "No", "informed only"),
            WideRow("Enfield", "Partly", "Closely involved"),
        });

        await HandleAsync(data, requestId, Reply(requestId, "Attached.",
            ("ncl-returns.xlsx", File.ReadAllBytes(path), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")));

        var answers = await AnswersAsync(data, requestId);
        Assert.That(answers["Q1"].Value, Is.EqualTo("partly"), "Enfield's row, not Islington's");
        Assert.That(answers["Q5"].Value, Is.EqualTo("closely_involved"));
        Assert.That(answers["Q9"].NumberValue, Is.EqualTo(25), "a cell formatted as 25% holds 0.25");
        Assert.That(answers.Values.Select(a => a.Source).Distinct(), Is.EqualTo(new[] { "xlsx" }));
        var (request, timeline) = await data.Services.GetRequiredService<FoiRequestStore>().ShowAsync(requestId);
        Assert.That(request.Status, Is.EqualTo(FoiStatus.Answered));
        Assert.That(timeline.Last().Detail, Does.Contain("is for council 'Islington', not E09000010"));
    }

    [Test]
    public async Task Answers_written_in_the_body_are_read_but_not_those_in_the_quoted_request()
    {
        using var data = await StartAsync();
        var requestId = (await CreateNclBatchAsync(data)).RequestIds[1];
        var reply = Reply(requestId, $"""
            Dear LGA,

            Q1: Yes
            Q5: consulted

            Regards,
            Information Governance

            On Mon, 2 Nov 2026 at 10:00, LGA STP network <stp@lga.test> wrote:
            {await QuotedRequestAsync(data, requestId)}
            > Q2: No
            """);

        await HandleAsync(data, requestId, reply);

        var answers = await AnswersAsync(data, requestId);
        Assert.That(answers.ToDictionary(a => a.Key, a => a.Value.Value), Is.EqualTo(new Dictionary<string, string?> { ["Q1"] = "yes", ["Q5"] = "consulted" }));
        Assert.That(answers.Values.Select(a => (a.Source, a.DocumentId)).Distinct(), Is.EqualTo(new[] { ("email_body", (long?)null) }));
        var (request, _) = await data.Services.GetRequiredService<FoiRequestStore>().ShowAsync(requestId);
        Assert.That(request.Status, Is.EqualTo(FoiStatus.Partial));
    }

    [Test]
    public async Task A_top_posted_acknowledgement_is_not_taken_for_a_refusal_by_the_exemption_wording_it_quotes()
    {
        using var data = await StartAsync();
        var requestId = (await CreateNclBatchAsync(data)).RequestIds[0];
        await MarkSentAsync(data, new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero));
        var quoted = await QuotedRequestAsync(data, requestId);
        Assert.That(quoted, Does.Contain("is exempt").And.Contain("section 10"), "the request's own wording would read as a refusal");

        await HandleAsync(data, requestId, Reply(requestId,
            $"We acknowledge receipt of your request and will respond within 20 working days.\n\nOn Mon, 2 Nov 2026 at 10:00, LGA <stp@lga.test> wrote:\n{quoted}"));

        var (request, _) = await data.Services.GetRequiredService<FoiRequestStore>().ShowAsync(requestId);
        Assert.That((request.Status, request.Exemption), Is.EqualTo((FoiStatus.Acknowledged, (string?)null)));
    }

    private static Dictionary<string, object> WideRow(string council, string q1, string q5)
    {
        var row = new Dictionary<string, object> { ["council_code"] = council, ["Q1"] = q1 };
        foreach (var q in new[] { "Q2", "Q3", "Q4", "Q7", "Q8" })
            row[q] = "Yes";
        row["Q5"] = q5;
        row["Q6"] = "dph";
        row["Q9"] = 0.25;
        return row;
    }

    /// <summary>The request as sent, quoted line by line as a mail program does.</summary>
    private static async Task<string> QuotedRequestAsync(TempDataDir data, long requestId)
    {
        await using var connection = await data.Services.GetRequiredService<Database>().OpenAsync();
        var mime = await connection.ExecuteScalarAsync<byte[]>("SELECT mime FROM outbox WHERE topic = @topic", new { topic = $"foi:{requestId}" });
        var text = MimeMessage.Load(new MemoryStream(mime!)).TextBody!;
        return string.Join("\n", text.Replace("\r\n", "\n").Split('\n').Select(line => "> " + line));
    }
}
