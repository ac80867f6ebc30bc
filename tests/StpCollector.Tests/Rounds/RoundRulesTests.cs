using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Calendar;
using StpCollector.Cli;
using StpCollector.Questionnaires;
using StpCollector.Rounds;
using StpCollector.Shared;
using StpCollector.Templates;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Rounds;

/// <summary>The pure rules behind rounds: reminder days, the times staff type, audiences, and the return template's layout.</summary>
public sealed class RoundRulesTests
{
    private static readonly WorkingDayCalendar EnglandAndWales = WorkingDayCalendar.EnglandAndWales(
    [
        new(new DateOnly(2026, 12, 25), "england-and-wales", "Christmas Day"),
        new(new DateOnly(2026, 12, 28), "england-and-wales", "Boxing Day (substitute day)"),
        new(new DateOnly(2027, 1, 1), "england-and-wales", "New Year's Day"),
        new(new DateOnly(2027, 1, 4), "scotland", "2nd January (substitute day)"),
    ]);

    // Close Tuesday 5 January 2027 17:00 GMT. Working days before it: 1 Mon 4 Jan (Scottish holiday only), 2 Thu 31 Dec,
    // 3 Wed 30, 4 Tue 29 (Mon 28 is the Boxing Day substitute), 5 Thu 24 Dec (Fri 25 Christmas, then the weekend).
    [TestCase(1, "2027-01-04T09:00:00Z", "2027-01-05T00:00:00Z")]
    [TestCase(2, "2026-12-31T09:00:00Z", "2027-01-01T00:00:00Z")]
    [TestCase(4, "2026-12-29T09:00:00Z", "2026-12-30T00:00:00Z")]
    [TestCase(5, "2026-12-24T09:00:00Z", "2026-12-25T00:00:00Z")]
    public void A_reminder_goes_at_nine_on_the_England_and_Wales_working_day_and_is_useful_until_midnight(int slot, string due, string usefulUntil)
    {
        var schedule = new ReminderSchedule(EnglandAndWales, new TimeOnly(9, 0));
        var closes = DateTimeOffset.Parse("2027-01-05T17:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

        Assert.That(schedule.DueAt(closes, slot), Is.EqualTo(DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(schedule.UsefulUntil(closes, slot), Is.EqualTo(DateTimeOffset.Parse(usefulUntil, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public void A_reminder_time_in_summer_is_London_time()
    {
        var schedule = new ReminderSchedule(EnglandAndWales, new TimeOnly(9, 0));
        // Close Wednesday 30 June 2027; 2 working days before is Monday 28 June, 09:00 BST = 08:00 UTC.
        Assert.That(schedule.DueAt(LondonTime.FromLondon(new DateTime(2027, 6, 30, 17, 0, 0)), 2),
            Is.EqualTo(new DateTimeOffset(2027, 6, 28, 8, 0, 0, TimeSpan.Zero)));
    }

    [TestCase("5,2", new[] { 5, 2 })]
    [TestCase(" 2, 5 ,5", new[] { 5, 2 })]
    [TestCase("none", new int[0])]
    [TestCase("", new int[0])]
    public void Reminder_slots_are_distinct_working_days_largest_first(string text, int[] expected)
    {
        Assert.That(ReminderSlots.TryParse(text, out var slots), Is.Null);
        Assert.That(slots, Is.EqualTo(expected));
    }

    [TestCase("0")]
    [TestCase("61")]
    [TestCase("5;2")]
    [TestCase("two")]
    public void Reminder_slots_out_of_range_or_malformed_are_explained(string text) =>
        Assert.That(ReminderSlots.TryParse(text, out _), Does.Contain("is not a number of working days from 1 to 60"));

    [TestCase("2026-12-18 17:00", "2026-12-18T17:00:00Z")]
    [TestCase("2027-06-01T09:00", "2027-06-01T08:00:00Z")]
    [TestCase("2027-06-01 09:00:30", "2027-06-01T08:00:30Z")]
    [TestCase("2027-06-01T09:00:00+01:00", "2027-06-01T08:00:00Z")]
    [TestCase("2027-06-01T09:00:00Z", "2027-06-01T09:00:00Z")]
    public void Times_are_London_wall_clock_unless_they_carry_an_offset(string text, string utc)
    {
        var parsed = RoundTimes.Parse(text, "--opens", TimeProvider.System);
        Assert.That(parsed, Is.EqualTo(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [TestCase("2026-12-18", "Give a time of day too, e.g. '2026-12-18 17:00'")]
    [TestCase("18/12/2026 17:00", "is not a date and time")]
    public void A_time_that_cannot_be_read_is_a_usage_error(string text, string message)
    {
        var error = Assert.Throws<InvalidInputProblem>(() => RoundTimes.Parse(text, "--closes", TimeProvider.System));
        Assert.That(error!.Message, Does.StartWith($"--closes '{text}'").And.Contain(message));
        Assert.That(ExitCodes.For(error), Is.EqualTo(ExitCodes.Usage));
    }

    [Test]
    public async Task The_CSV_return_template_is_the_long_layout_with_a_BOM_and_CRLF_lines()
    {
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync();
        var questionnaire = host.Services.GetRequiredService<QuestionnaireCatalog>().Get(RoundTestData.Questionnaire);

        var bytes = ReturnTemplate.Csv("STP-R12", "E09000007", questionnaire);

        Assert.That(bytes.Take(3), Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }));
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.That(lines[0], Is.EqualTo("council_code,round,question_id,question,answer"));
        Assert.That(lines[1], Is.EqualTo("E09000007,STP-R12,Q1,\"Has your footprint held meaningful strategic conversations with your council's politicians, including the council leader?\","));
        Assert.That(lines[5], Is.EqualTo("E09000007,STP-R12,Q5,How involved is your council in the STP's leadership discussions?,"));
        Assert.That(lines, Has.Length.EqualTo(questionnaire.Questions.Count + 2), "a header, a line per question and the final line end");
    }

    [Test]
    public async Task The_XLSX_return_template_keeps_answers_as_text_and_offers_drop_downs_for_short_fixed_lists()
    {
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync();
        var questionnaire = host.Services.GetRequiredService<QuestionnaireCatalog>().Get(RoundTestData.Questionnaire);

        using var zip = new ZipArchive(new MemoryStream(ReturnTemplate.Xlsx("STP-R12", "E09000007", questionnaire)));
        var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open()).ReadToEnd();

        Assert.That(sheet, Does.Contain("""<c r="E2" s="2"/>"""), "the empty answer cell is text-formatted (style 2, number format @)");
        Assert.That(sheet, Does.Contain("""sqref="E2"><formula1>"Yes,Partly,No"</formula1>"""));
        Assert.That(sheet, Does.Contain("""sqref="E6"><formula1>"Closely involved,Consulted,Informed only,Shut out"</formula1>"""));
        Assert.That(sheet, Does.Contain("""sqref="E16"><formula1>"1,2,3,4,5"</formula1>"""));
        Assert.That(sheet, Does.Not.Contain("sqref=\"E7\""), "no drop-down for a multiple choice");
        Assert.That(sheet, Does.Contain("""<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"""));
    }
}
