using StpCollector.Questionnaires;

namespace StpCollector.Reports;

/// <summary>Where a council's value for a question comes from once survey and FoI answers are put together.</summary>
internal enum AnswerSource { None, Survey, Foi, BothAgree, Conflict }

internal static class AnswerSources
{
    /// <summary>Only valid answers count: an invalid one is what the council wrote, not a value to compare.</summary>
    public static AnswerSource Of(Question question, CouncilAnswer? survey, CouncilAnswer? foi) =>
        (survey is { IsValid: true }, foi is { IsValid: true }) switch
        {
            (true, true) => Agree(question, survey!, foi!) ? AnswerSource.BothAgree : AnswerSource.Conflict,
            (true, false) => AnswerSource.Survey,
            (false, true) => AnswerSource.Foi,
            _ => AnswerSource.None,
        };

    /// <summary>As written in exports: survey, foi, both-agree, conflict (empty when neither answered).</summary>
    public static string? Name(AnswerSource source) => source switch
    {
        AnswerSource.Survey => "survey",
        AnswerSource.Foi => "foi",
        AnswerSource.BothAgree => "both-agree",
        AnswerSource.Conflict => "conflict",
        _ => null,
    };

    /// <summary>
    /// Normalised answers compare as stored (option codes in the questionnaire's order, numbers without trailing
    /// zeros); free text compares by its words, ignoring case and punctuation.
    /// </summary>
    private static bool Agree(Question question, CouncilAnswer a, CouncilAnswer b) =>
        question.Type.Agree(a.Value, a.NumberValue, b.Value, b.NumberValue);
}
