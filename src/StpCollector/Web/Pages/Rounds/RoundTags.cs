using StpCollector.Rounds;

namespace StpCollector.Web.Pages.Rounds;

/// <summary>The colour of a round's or a return's status tag, so the same word always looks the same.</summary>
internal static class RoundTags
{
    public static string ForRound(string status) => status switch
    {
        RoundStatus.Open => "govuk-tag--blue",
        RoundStatus.Scheduled => "govuk-tag--light-blue",
        RoundStatus.Cancelled => "govuk-tag--red",
        _ => "govuk-tag--grey",
    };

    public static string ForReturn(string? state) => state switch
    {
        CouncilProgress.Complete => "govuk-tag--green",
        CouncilProgress.Partial => "govuk-tag--yellow",
        _ => "govuk-tag--grey",
    };

    public static string ReturnWord(string? state) => state ?? "none";

    /// <summary>The round page's address: by reference (STP-R12), or by number when the reference holds characters an address would mangle.</summary>
    public static string PathFor(string reference, long id) =>
        reference.Length > 0 && reference.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') ? $"/rounds/{reference}" : $"/rounds/{id}";
}
