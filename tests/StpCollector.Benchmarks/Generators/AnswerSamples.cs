using StpCollector.Questionnaires;

namespace StpCollector.Benchmarks.Generators;

/// <summary>
/// Answer text an officer might really type, valid for each question type: the spellings the normaliser must
/// accept (Yes./y/Partially, labels or codes, "4 %", "1,000"), and free text with commas, quotes and line breaks
/// so the CSV needs Excel-style quoting.
/// </summary>
internal static class AnswerSamples
{
    private static readonly string[] YesNoPartly = ["Yes", "yes", "Yes.", "Y", "No", "no", "Partly", "Partially", "PARTLY"];
    private static readonly string[] Percent = ["4%", "4 %", "2.5%", "10", "0", "3%", "7.5 %"];
    private static readonly string[] Number = ["3", "12", "0", "1,000", "25", "4.5", "150"];
    private static readonly string[] Scale = ["1", "2", "3", "4", "5", "3", "4"];
    private static readonly string[] Url =
        ["https://www.healthierlondon.nhs.test/stp-summary", "https://example-footprint.nhs.test/plan", "https://www.council.gov.test/health/stp"];
    private static readonly string[] Text =
    [
        "Financial modelling that makes social care visible in the plan.",
        "Help with One Public Estate, and with the integration readiness tool.",
        "We would like \"plain English\" briefings on control totals, please.",
        "Support for members on the health overview and scrutiny committee.\nAlso: workforce planning, especially domiciliary care.",
        "Peer support from a council that hosts its STP programme team; advice on governance, risk and assurance.",
        "",
    ];

    public static string For(Question question, Random random)
    {
        if (!question.Required && random.Next(12) == 0)
            return "";
        return question.Type.Name switch
        {
            "yes_no_partly" => Pick(YesNoPartly, random),
            "single_choice" => OneOption(question, random),
            "multi_choice" => SomeOptions(question, random),
            "scale" => Pick(Scale, random),
            "number" => Pick(Number, random),
            "percent" => Pick(Percent, random),
            "url" => Pick(Url, random),
            _ => Pick(Text, random),
        };
    }

    private static string OneOption(Question question, Random random)
    {
        var option = question.Options[random.Next(question.Options.Count)];
        return random.Next(3) == 0 ? option.Code : option.Label;
    }

    private static string SomeOptions(Question question, Random random)
    {
        // "none" alone, or up to three of the others, by label or by code.
        var others = question.Options.Where(o => o.Code != "none").ToList();
        if (others.Count == 0 || random.Next(10) == 0)
            return "None";
        var count = 1 + random.Next(Math.Min(3, others.Count));
        var chosen = others.OrderBy(_ => random.Next()).Take(count);
        return string.Join("; ", chosen.Select(o => random.Next(3) == 0 ? o.Code : o.Label));
    }

    private static string Pick(string[] values, Random random) => values[random.Next(values.Length)];
}
