namespace StpCollector.Questionnaires;

/// <summary>Stored option codes ("a;c") shown as their labels ("Adult social care; Housing").</summary>
internal static class ChoiceLabels
{
    public static string Of(Question question, string value) =>
        string.Join("; ", value.Split(';').Select(code => question.AllowedOptions.FirstOrDefault(o => o.Code == code)?.Label ?? code));
}
