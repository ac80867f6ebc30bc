using StpCollector.Ingestion;
using StpCollector.Questionnaires;

namespace StpCollector.Tests.Ingestion;

public sealed class AnswerNormaliserTests
{
    private static readonly Question YesNo = new("Q1", "Has it?", null, new YesNoPartlyQuestion(), [], true, null, null);
    private static readonly Question Percent = new("Q9", "Share?", null, new PercentQuestion(), [], false, null, null);
    private static readonly Question Number = new("Q13", "How many?", null, new NumberQuestion(), [], false, 0, 5000);
    private static readonly Question Multi = new("Q6", "Who?", null, new MultiChoiceQuestion(),
        [new("political_member", "Political member (e.g. chair of the health and wellbeing board)"), new("chief_executive", "Chief executive"), new("dph", "Director of public health")], true, null, null);

    [TestCase("Yes.", "yes")]
    [TestCase("y", "yes")]
    [TestCase("YES", "yes")]
    [TestCase(" *Yes* ", "yes")]
    [TestCase("Partially", "partly")]
    [TestCase("partly - only the summary", "partly")]
    [TestCase("No!", "no")]
    [TestCase("Not yet", "no")]
    public void Yes_no_partly_accepts_how_people_write(string raw, string expected) =>
        Assert.That(AnswerNormaliser.Check(YesNo, raw).Value, Is.EqualTo(expected));

    [TestCase("Maybe")]
    [TestCase("=HYPERLINK(\"x\")")]
    public void Anything_else_is_invalid_with_the_allowed_answers_named(string raw)
    {
        var answer = AnswerNormaliser.Check(YesNo, raw);
        Assert.That(answer.Status, Is.EqualTo(AnswerStatus.Invalid));
        Assert.That(answer.Problem, Does.Contain("Yes, Partly or No"));
    }

    [TestCase("4%", 4.0, false)]
    [TestCase("4 %", 4.0, false)]
    [TestCase("4", 4.0, false)]
    [TestCase("4.5 per cent", 4.5, false)]
    [TestCase("0.04", 4.0, true)]
    [TestCase("0.04%", 0.04, false)]
    [TestCase("100", 100.0, false)]
    public void Percentages_with_or_without_a_sign_and_the_bare_fraction_rule(string raw, double expected, bool noted)
    {
        var answer = AnswerNormaliser.Check(Percent, raw);
        Assert.That(answer.Status, Is.EqualTo(AnswerStatus.Valid));
        Assert.That(answer.Number, Is.EqualTo(expected).Within(1e-9));
        Assert.That(answer.Note is not null, Is.EqualTo(noted));
    }

    [Test]
    public void A_percentage_above_100_is_invalid() =>
        Assert.That(AnswerNormaliser.Check(Percent, "140%").Status, Is.EqualTo(AnswerStatus.Invalid));

    [TestCase("1,200", 1200.0)]
    [TestCase("approx. 40", 40.0)]
    [TestCase("2.5 FTE", 2.5)]
    [TestCase("£3k", 3000.0)]
    public void Numbers_allow_thousands_separators_and_units(string raw, double expected) =>
        Assert.That(AnswerNormaliser.Check(Number, raw).Number, Is.EqualTo(expected));

    [TestCase("1,5")]
    [TestCase("three")]
    [TestCase("6000")]
    public void Unreadable_or_out_of_range_numbers_are_invalid(string raw) =>
        Assert.That(AnswerNormaliser.Check(Number, raw).Status, Is.EqualTo(AnswerStatus.Invalid));

    [TestCase("Chief executive; DPH", "chief_executive;dph")]
    [TestCase("dph, political member", "political_member;dph")]
    [TestCase("Political member (e.g. chair of the health and wellbeing board)", "political_member")]
    public void Multi_choice_by_option_text_or_code_in_questionnaire_order(string raw, string expected) =>
        Assert.That(AnswerNormaliser.Check(Multi, raw).Value, Is.EqualTo(expected));

    [TestCase("")]
    [TestCase("n/a")]
    [TestCase(" - ")]
    public void Blank_answers_to_required_questions_are_missing_with_a_reason(string raw)
    {
        var answer = AnswerNormaliser.Check(YesNo, raw);
        Assert.That(answer.Status, Is.EqualTo(AnswerStatus.Missing));
        Assert.That(answer.Problem, Does.Contain("Q1 needs one"));
    }
}
