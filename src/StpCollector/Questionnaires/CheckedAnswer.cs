namespace StpCollector.Questionnaires;

internal enum AnswerStatus { Valid, Invalid, Missing }

/// <summary>
/// One question's answer as stored: the council's own words (Raw), the normalised Value/Number, and for anything
/// not valid a Problem in words the council can act on. Note is our remark on a valid answer worth checking;
/// Comment is what the council wrote beside its answer ("Partly – social care not fully costed": Partly, and the rest).
/// </summary>
internal sealed record CheckedAnswer(
    string QuestionId,
    string? Raw,
    string? Value,
    double? Number,
    AnswerStatus Status,
    string? Problem,
    string? Note = null,
    string? Comment = null)
{
    public string StatusText => Status switch
    {
        AnswerStatus.Valid => "valid",
        AnswerStatus.Invalid => "invalid",
        _ => "missing",
    };
}
