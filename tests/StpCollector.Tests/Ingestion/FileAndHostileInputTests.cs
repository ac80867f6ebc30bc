using System.IO.Compression;
using System.Text;
using MimeKit;
using MiniExcelLibs;
using StpCollector.Ingestion;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Ingestion;

/// <summary>Spreadsheets (as attachments and as staff files) and hostile input: each ends in stored answers or a clear recorded outcome.</summary>
public sealed class FileAndHostileInputTests
{
    private const string Round = "STP-R7";
    private const string Camden = "E09000007", Hackney = "E09000012", Islington = "E09000019";
    private IngestionWorld world = null!;
    private long roundId;

    [SetUp]
    public async Task StartAsync()
    {
        world = await IngestionWorld.StartAsync(new Dictionary<string, string?> { ["Ingestion:MaxMessageBytes"] = "65536", ["Ingestion:MaxAttachmentBytes"] = "32768" });
        roundId = await world.CreateRoundAsync(Round, [Camden, Hackney, Islington]);
    }

    [TearDown]
    public void Stop() => world.Dispose();

    private MimeMessage Reply(string from, string council, string body = "Our return is attached.")
    {
        var message = new MimeMessage { Subject = "Re: Local government involvement in your STP", MessageId = $"{Guid.NewGuid():N}@council.test", Date = new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.Zero) };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(world.TokenAddress(roundId, council)));
        message.Body = new TextPart("plain") { Text = body };
        return message;
    }

    private static MimeMessage Attach(MimeMessage message, string name, byte[] content)
    {
        var builder = new BodyBuilder { TextBody = message.TextBody };
        builder.Attachments.Add(name, content);
        message.Body = builder.ToMessageBody();
        return message;
    }

    private static byte[] Bytes(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }

    [Test]
    public async Task A_csv_attachment_with_bom_and_semicolons_is_stored_with_its_problems_noted()
    {
        var csv = IngestionWorld.Fill("bom-semicolon.csv", new Dictionary<string, string> { ["ROUND"] = Round });
        var result = await world.IngestEmailAsync(Bytes(Attach(Reply("stp.lead@islington.gov.test", Islington), "STP-R7 return.csv", csv)));

        Assert.That(result.Outcome, Is.EqualTo("stored"), result.Reason);
        var answers = await world.CurrentAnswersAsync(roundId, Islington);
        Assert.That(answers.Values.Where(a => a.Status == "valid").ToDictionary(a => a.QuestionId, a => a.Value), Is.EquivalentTo(new Dictionary<string, string?>
        {
            ["Q1"] = "yes", ["Q2"] = "partly", ["Q3"] = "no", ["Q4"] = "yes", ["Q5"] = "closely_involved", ["Q6"] = "chief_executive;dass",
            ["Q7"] = "yes", ["Q8"] = "no", ["Q16"] = "Help with \"control totals\", please",
        }));
        Assert.That(answers["Q13"].Status, Is.EqualTo("invalid"), "1,200 is read as 1200, above the question's maximum of 1000");
        Assert.That(answers["Q13"].Problem, Does.StartWith("1200 is out of range"));
        Assert.That(await world.ScalarAsync<string>("SELECT source FROM returns"), Is.EqualTo("csv"));
        Assert.That(await world.ScalarAsync<string>("SELECT provenance FROM returns"), Does.Contain("attachment STP-R7 return.csv lines 2-12"));
        var receipt = MimeMessage.Load(new MemoryStream(await world.ScalarAsync<byte[]>("SELECT mime FROM outbox WHERE kind = 'receipt'")));
        Assert.That(receipt.TextBody, Does.Contain("line 12: there is no question 'Q99'"));
    }

    [Test]
    public async Task A_windows_1252_wide_csv_keeps_the_pound_sign_and_finds_the_councils_open_round()
    {
        var result = await world.IngestFileAsync(File.ReadAllBytes(IngestionWorld.Resource("windows-1252-wide.csv")), "hackney.csv");

        Assert.That(result.Outcome, Is.EqualTo("stored"), result.Reason);
        var answers = await world.CurrentAnswersAsync(roundId, Hackney);
        Assert.That(answers["Q16"].Value, Is.EqualTo("We have put £250,000 into the programme office and need help with One Public Estate."));
        Assert.That(answers["Q9"].Number, Is.EqualTo(5.0));
        Assert.That(answers["Q6"].Value, Is.EqualTo("none"));
        Assert.That(answers["Q5"].Value, Is.EqualTo("consulted"));
    }

    [Test]
    public async Task An_xlsx_return_is_read_from_its_template_sheet_and_formula_text_is_never_trusted()
    {
        var path = world.Data.File("camden-return.xlsx");
        var sheets = new Dictionary<string, object>
        {
            ["Notes"] = new[] { new Dictionary<string, object> { ["A"] = "Please fill in the Return sheet" } },
            ["Return"] = new[]
            {
                Row(Camden, "Q1", "Yes"), Row(Camden, "Q2", "No"), Row(Camden, "Q3", "Partly"), Row(Camden, "Q4", "Yes"),
                Row(Camden, "Q5", "closely_involved"), Row(Camden, "Q6", "dph;dass"), Row(Camden, "Q7", "Yes"), Row(Camden, "Q8", "=HYPERLINK(\"https://evil.test\",\"Yes\")"),
                Row(Camden, "Q9", 0.04), Row(Camden, "Q13", 7),
            },
        };
        MiniExcel.SaveAs(path, sheets);

        var result = await world.IngestFileAsync(File.ReadAllBytes(path), "camden-return.xlsx");

        Assert.That(result.Outcome, Is.EqualTo("stored"), result.Reason);
        var answers = await world.CurrentAnswersAsync(roundId, Camden);
        Assert.That(answers["Q1"].Value, Is.EqualTo("yes"));
        Assert.That(answers["Q6"].Value, Is.EqualTo("dph;dass"));
        Assert.That(answers["Q8"].Status, Is.EqualTo("invalid"));
        Assert.That(answers["Q8"].Problem, Does.Contain("spreadsheet formula"));
        Assert.That(answers["Q9"].Number, Is.EqualTo(4.0), "a cell formatted as 4% holds 0.04");
        Assert.That(answers["Q13"].Number, Is.EqualTo(7.0));
        Assert.That(await world.ScalarAsync<string>("SELECT source FROM returns"), Is.EqualTo("xlsx"));

        static Dictionary<string, object> Row(string council, string question, object answer) =>
            new() { ["council_code"] = council, ["round"] = Round, ["question_id"] = question, ["answer"] = answer };
    }

    [TestCase("empty.eml", "", "the message is empty")]
    [TestCase("garbage.eml", "this is not an email at all\n", "malformed MIME")]
    [TestCase("binary.csv", "\0\u0001\u0002PNG\0\0", "binary data")]
    [TestCase("notes.pdf", "%PDF-1.4", "only .eml, .csv and .xlsx")]
    [TestCase("dupes.csv", "council_code,Q1,Q2,Q1\nE09000007,Yes,No,Yes\n", "Q1 appears in two columns (2 and 4)")]
    [TestCase("nothing.csv", "name,comment\nA,B\n", "names neither question_id and answer columns")]
    [TestCase("fake.xlsx", "council_code,Q1\n", "not an Excel workbook")]
    public async Task Hostile_files_are_rejected_with_a_clear_reason(string name, string content, string reason)
    {
        var result = await world.IngestFileAsync(Encoding.Latin1.GetBytes(content), name);

        Assert.That(result.Outcome, Is.EqualTo("rejected"));
        Assert.That(result.Reason, Does.Contain(reason));
        Assert.That(await world.ScalarAsync<string>("SELECT outcome FROM inbound_messages"), Is.EqualTo("rejected"));
        Assert.That(await world.ScalarAsync<int>("SELECT count(*) FROM returns"), Is.Zero);
    }

    [Test]
    public async Task A_zip_named_csv_is_rejected_and_a_zip_attachment_leaves_a_reply_without_answers_held()
    {
        using var zipped = new MemoryStream();
        using (var zip = new ZipArchive(zipped, ZipArchiveMode.Create, leaveOpen: true))
            using (var entry = new StreamWriter(zip.CreateEntry("return.csv").Open()))
                entry.Write("council_code,Q1\nE09000007,Yes\n");

        var renamed = await world.IngestFileAsync(zipped.ToArray(), "return.csv");
        var attached = await world.IngestEmailAsync(Bytes(Attach(Reply("stp.lead@camden.gov.test", Camden), "return.zip", zipped.ToArray())));

        Assert.That(renamed.Outcome, Is.EqualTo("rejected"));
        Assert.That(renamed.Reason, Does.Contain("zip archive"));
        Assert.That(attached.Outcome, Is.EqualTo("held"));
        Assert.That(attached.Reason, Does.Contain("no answers were found").And.Contain("return.zip is a zip archive"));
    }

    [Test]
    public async Task Messages_and_attachments_over_the_size_limits_are_recorded_with_the_limit_named()
    {
        var huge = Reply("stp.lead@camden.gov.test", Camden, "Q1: Yes\n" + new string('x', 70_000));
        var bigAttachment = Attach(Reply("stp.lead@camden.gov.test", Camden, "Q1: Yes"), "big.csv", Encoding.ASCII.GetBytes("council_code,Q1\n" + string.Concat(Enumerable.Repeat("E09000007,Yes\n", 2600))));

        var tooBig = await world.IngestEmailAsync(Bytes(huge));
        var withBigFile = await world.IngestEmailAsync(Bytes(bigAttachment));

        Assert.That(tooBig.Outcome, Is.EqualTo("rejected"));
        Assert.That(tooBig.Reason, Does.Contain("Ingestion:MaxMessageBytes"));
        Assert.That(withBigFile.Outcome, Is.EqualTo("stored"), "the body's answers are used");
        var receipt = MimeMessage.Load(new MemoryStream(await world.ScalarAsync<byte[]>("SELECT mime FROM outbox WHERE kind = 'receipt'")));
        Assert.That(receipt.TextBody, Does.Contain("big.csv is 36,416 bytes, over the limit of 32,768 (Ingestion:MaxAttachmentBytes)"));
    }

    [Test]
    public async Task Unknown_councils_and_questions_in_a_file_are_reported_and_the_rest_is_stored()
    {
        var csv = "council_code,round,question_id,answer\nE09000099,STP-R7,Q1,Yes\nE09000007,STP-R7,Q1,Yes\nE09000007,STP-R7,Q42,No\n";

        var result = await world.IngestFileAsync(Encoding.ASCII.GetBytes(csv), "mixed.csv");

        Assert.That(result.Outcome, Is.EqualTo("stored"), result.Reason);
        Assert.That(result.Reason, Does.Contain("unknown council 'E09000099'").And.Contain("line 4: there is no question 'Q42'"));
        Assert.That((await world.CurrentAnswersAsync(roundId, Camden))["Q1"].Value, Is.EqualTo("yes"));
    }

    [Test]
    public async Task A_file_for_an_unknown_council_only_is_held()
    {
        var result = await world.IngestFileAsync(Encoding.ASCII.GetBytes("council_code,Q1\nE09000099,Yes\n"), "unknown.csv");

        Assert.That(result.Outcome, Is.EqualTo("held"));
        Assert.That(result.Reason, Does.Contain("unknown council 'E09000099'"));
    }
}
