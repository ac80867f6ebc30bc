using System.Text;
using MimeKit;
using StpCollector.Files;
using StpCollector.Ingestion;
using StpCollector.Questionnaires;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Ingestion;

/// <summary>
/// What a council writes beside its answer ("Partly – social care not fully costed") is kept as the answer's comment:
/// stored, exported as Qn_note, quoted in the receipt. Through the real executable for mail, dropped files and bulk import.
/// </summary>
public sealed class AnswerCommentTests
{
    private const string Camden = "E09000007", Hackney = "E09000012";
    private static readonly Question YesNo = new("Q1", "Has it?", null, new YesNoPartlyQuestion(), [], true, null, null);
    private static readonly Question Number = new("Q13", "How many?", null, new NumberQuestion(), [], false, 0, 5000);
    private static readonly Question Single = new("Q5", "How involved?", null, new SingleChoiceQuestion(),
        [new("closely_involved", "Closely involved"), new("consulted", "Consulted - formally"), new("informed_only", "Informed only")], true, null, null);
    private static readonly Question Multi = new("Q6", "Who?", null, new MultiChoiceQuestion(),
        [new("political_member", "Political member (e.g. chair of the health and wellbeing board)"), new("chief_executive", "Chief executive"), new("dph", "Director of public health")], true, null, null);
    private static readonly Question Text = new("Q16", "What support?", null, new TextQuestion(), [], false, null, null);

    [TestCase("Partly – social care not fully costed", "partly", "social care not fully costed")]
    [TestCase("Partly—social care not fully costed", "partly", "social care not fully costed")]
    [TestCase("Partly - social care not fully costed", "partly", "social care not fully costed")]
    [TestCase("Yes (subject to board sign-off)", "yes", "subject to board sign-off")]
    [TestCase("Yes: agreed at the board", "yes", "agreed at the board")]
    [TestCase("No; not yet discussed", "no", "not yet discussed")]
    [TestCase("Not yet, planned for March", "no", "planned for March")]
    [TestCase("Yes through the health and wellbeing board", "yes", "through the health and wellbeing board")]
    [TestCase("Yes.", "yes", null)]
    [TestCase("Partially", "partly", null)]
    public void Yes_no_partly_keeps_what_follows_the_answer_as_its_comment(string raw, string value, string? comment)
    {
        var answer = AnswerNormaliser.Check(YesNo, raw);
        Assert.That((answer.Status, answer.Value, answer.Comment, answer.Raw), Is.EqualTo((AnswerStatus.Valid, value, comment, raw)));
    }

    [TestCase("Consulted - formally", "consulted", null)]
    [TestCase("Consulted - formally (since May)", "consulted", "since May")]
    [TestCase("Closely involved – through the HWB", "closely_involved", "through the HWB")]
    public void A_choice_whose_label_holds_a_dash_is_matched_whole_before_any_comment(string raw, string value, string? comment)
    {
        var answer = AnswerNormaliser.Check(Single, raw);
        Assert.That((answer.Value, answer.Comment), Is.EqualTo((value, comment)));
    }

    [TestCase("Political member (e.g. chair of the health and wellbeing board)", "political_member", null)]
    [TestCase("Political member (e.g. chair of the health and wellbeing board) – attends monthly", "political_member", "attends monthly")]
    [TestCase("Chief executive; Director of public health (DPH rarely attends)", "chief_executive;dph", "DPH rarely attends")]
    public void Multiple_choices_keep_their_list_and_a_comment_after_it(string raw, string value, string? comment)
    {
        var answer = AnswerNormaliser.Check(Multi, raw);
        Assert.That((answer.Value, answer.Comment), Is.EqualTo((value, comment)));
    }

    [TestCase("1,200", "1200", null)]
    [TestCase("1,200, mostly part-time", "1200", "mostly part-time")]
    [TestCase("12.5 (approx)", "12.5", "approx")]
    [TestCase("approx. 40", "40", null)]
    public void Numbers_keep_their_comment_and_their_thousands(string raw, string value, string? comment)
    {
        var answer = AnswerNormaliser.Check(Number, raw);
        Assert.That((answer.Value, answer.Comment), Is.EqualTo((value, comment)));
    }

    [Test]
    public void Free_text_is_all_answer()
    {
        var answer = AnswerNormaliser.Check(Text, "Help - please, with modelling (soon)");
        Assert.That((answer.Value, answer.Comment), Is.EqualTo(("Help - please, with modelling (soon)", (string?)null)));
    }

    [Test]
    public async Task An_emailed_comment_is_stored_quoted_in_the_receipt_and_exported_beside_its_answer()
    {
        using var world = await IngestionWorld.StartAsync();
        var roundId = await world.CreateRoundAsync("STP-R7", [Camden, Hackney]);
        var message = new MimeMessage { Subject = "RE: [STP-R7] STP", MessageId = "comments@camden.gov.test", Date = new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.Zero) };
        message.From.Add(MailboxAddress.Parse("stp.lead@camden.gov.test"));
        message.To.Add(MailboxAddress.Parse(world.TokenAddress(roundId, Camden)));
        message.Body = new TextPart("plain")
        {
            Text = "Q1: Yes (subject to board sign-off)\nQ2: Partly – social care not fully costed\nQ5: Closely involved - through the HWB\n" +
                   "Q6: Political member (e.g. chair of the health and wellbeing board) – attends monthly\nQ8: No\nQ13: 12.5, mostly part-time\n" +
                   "Q16: Help - please, with modelling\n",
        };
        var eml = world.Data.File("reply.eml");
        await using (var file = File.Create(eml))
            await message.WriteToAsync(file);
        world.Host.Dispose();

        var (exit, stdout, stderr) = await AppProcess.RunAsync(["ingest", eml, "--data-dir", world.Data.Path]);

        Assert.That(exit, Is.Zero, stdout + stderr);
        var stored = (await world.QueryAsync<(string Id, string? Value, string? Comment)>(
            "SELECT question_id, value, comment FROM answers WHERE status = 'valid'")).ToDictionary(a => a.Id);
        Assert.That(stored["Q1"], Is.EqualTo(("Q1", "yes", "subject to board sign-off")));
        Assert.That(stored["Q2"], Is.EqualTo(("Q2", "partly", "social care not fully costed")));
        Assert.That(stored["Q5"], Is.EqualTo(("Q5", "closely_involved", "through the HWB")));
        Assert.That(stored["Q6"], Is.EqualTo(("Q6", "political_member", "attends monthly")));
        Assert.That(stored["Q8"], Is.EqualTo(("Q8", "no", (string?)null)));
        Assert.That(stored["Q13"], Is.EqualTo(("Q13", "12.5", "mostly part-time")));
        Assert.That(stored["Q16"], Is.EqualTo(("Q16", "Help - please, with modelling", (string?)null)));
        var receipt = MimeMessage.Load(new MemoryStream(await world.ScalarAsync<byte[]>("SELECT mime FROM outbox WHERE kind = 'receipt'")));
        Assert.That(receipt.TextBody, Does.Contain("Q2  Partly (we noted: \"social care not fully costed\")"));

        var csv = world.Data.File("export.csv");
        (exit, stdout, stderr) = await AppProcess.RunAsync(["export", "STP-R7", "--format", "csv", "--out", csv, "--data-dir", world.Data.Path]);
        Assert.That(exit, Is.Zero, stdout + stderr);
        var table = CsvTable.Read(csv);
        Assert.That(table.ColumnOf("Q2_note"), Is.EqualTo(table.ColumnOf("Q2") + 1));
        var camden = table.Rows.Single(r => r.Get(0) == Camden);
        Assert.That((camden.Fields[table.ColumnOf("Q2")], camden.Fields[table.ColumnOf("Q2_note")]), Is.EqualTo(("partly", "social care not fully costed")));
        Assert.That(camden.Fields[table.ColumnOf("Q8_note")], Is.Empty);

        var inbound = await world.ScalarAsync<long>("SELECT inbound_id FROM returns");
        (exit, stdout, stderr) = await AppProcess.RunAsync(["holding-pen", "show", inbound.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data-dir", world.Data.Path]);
        Assert.That(exit, Is.Zero, stdout + stderr);
        Assert.That(stdout, Does.Contain("Stored as return #").And.Contain("Q2   partly  — noted: social care not fully costed"));
    }

    [Test]
    public async Task Spreadsheet_comments_are_read_from_the_answer_cell_and_a_comment_column_in_dropped_files_and_bulk_import()
    {
        using var world = await IngestionWorld.StartAsync();
        await world.CreateRoundAsync("STP-R7", [Camden, Hackney]);
        var dropped = world.Data.File("stp-r7-e09000007-return.csv");
        await File.WriteAllTextAsync(dropped, "council_code,round,question_id,question,answer,comment\r\n" +
            "E09000007,STP-R7,Q1,,Yes,Board agreed in May\r\nE09000007,STP-R7,Q2,,\"Partly - only a summary\",\r\nE09000007,STP-R7,Q3,,No,\r\n", Encoding.UTF8);
        var wide = world.Data.File("wide.csv");
        await File.WriteAllTextAsync(wide, "council_code,Q1,Q7,Q7_note\r\nE09000012,Yes,\"Partly, funding gap not shown\",see the finance annex\r\n", Encoding.UTF8);
        world.Host.Dispose();

        var (exit, stdout, stderr) = await AppProcess.RunAsync(["ingest", dropped, "--data-dir", world.Data.Path]);
        Assert.That(exit, Is.Zero, stdout + stderr);
        (exit, stdout, stderr) = await AppProcess.RunAsync(["import", wide, "--round", "STP-R7", "--data-dir", world.Data.Path]);
        Assert.That(exit, Is.Zero, stdout + stderr);

        var stored = (await world.QueryAsync<(string Council, string Id, string? Value, string? Comment)>("""
            SELECT r.council_code, a.question_id, a.value, a.comment FROM answers a JOIN returns r ON r.id = a.return_id
            WHERE a.status = 'valid' ORDER BY r.council_code, a.question_id
            """)).ToList();
        Assert.That(stored, Is.EqualTo(new[]
        {
            (Camden, "Q1", "yes", "Board agreed in May"), (Camden, "Q2", "partly", "only a summary"), (Camden, "Q3", "no", null),
            (Hackney, "Q1", "yes", null), (Hackney, "Q7", "partly", "funding gap not shown; see the finance annex"),
        }.Select(t => ((string, string, string?, string?))t)));
    }
}
