using System.Text;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Rounds;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Rounds;

/// <summary>
/// The answers of the new-round form, as fields: carried from the form to the check page in hidden fields, and to the
/// invitation preview in its address. They become the same request `round create` makes from its options.
/// </summary>
public abstract class RoundRequestForm : ConsolePage
{
    internal const string All = AudienceChoice.All, Region = AudienceChoice.Region, Footprint = AudienceChoice.Footprint, ChosenCouncils = AudienceChoice.ChosenCouncils;
    internal const string Now = "now", AtTime = "at";

    [BindProperty(SupportsGet = true)] public string Questionnaire { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string Title { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string AudienceKind { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string RegionName { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string FootprintId { get; set; } = "";
    [BindProperty(SupportsGet = true)] public List<string> Councils { get; set; } = [];
    [BindProperty(SupportsGet = true)] public string OpensWhen { get; set; } = AtTime;
    [BindProperty(SupportsGet = true)] public string OpensDate { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string OpensTime { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string ClosesDate { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string ClosesTime { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string Reminders { get; set; } = "";
    [BindProperty(SupportsGet = true)] public bool AllowMissingLeads { get; set; }

    /// <summary>The request as `round create` would make it, or null with the form's own errors added (a field left empty, nothing chosen).</summary>
    internal RoundRequest? ToRequest()
    {
        // Fields the form leaves out (the region when a footprint is chosen) are not wanted: the checks below say what is.
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(Questionnaire))
            ModelState.AddModelError(nameof(Questionnaire), "Choose the questionnaire the councils answer");
        if (string.IsNullOrWhiteSpace(Title))
            ModelState.AddModelError(nameof(Title), "Enter a title councils will recognise, for example \"STP involvement, winter 2026\"");
        var (audience, field, error) = Audience.ToAudience();
        if (audience is null)
            ModelState.AddModelError(field, error);

        var opens = OpensWhen == Now ? "now" : WallClock(OpensDate, OpensTime, nameof(OpensDate), "opens");
        var closes = WallClock(ClosesDate, ClosesTime, nameof(ClosesDate), "closes");
        return ModelState.IsValid
            ? new RoundRequest(Questionnaire.Trim(), Title, opens!, closes!, audience, Reminders.Trim().Length == 0 ? null : Reminders.Trim(), AllowMissingLeads)
            : null;
    }

    internal IReadOnlyList<string> ChosenCodes => AudienceChoice.Tidy(Councils);

    /// <summary>What the audience picker offers; loaded when the form is shown.</summary>
    internal AudienceLists AudienceLists { get; set; } = AudienceLists.None;

    /// <summary>The answers of the audience picker, in the round's words.</summary>
    internal AudienceChoice Audience => new(AudienceKind, RegionName, FootprintId, Councils, AudienceLists,
        "the round is for", "Which councils is the round for?", "Every council chosen is invited through its lead contact.");

    private string? WallClock(string date, string time, string field, string verb)
    {
        if (date.Trim().Length == 0)
            ModelState.AddModelError(field, $"Enter the date the round {verb}, for example 2026-12-18");
        else if (time.Trim().Length == 0)
            ModelState.AddModelError(field, $"Enter the time of day the round {verb}, for example 17:00");
        else
            return $"{date.Trim()} {time.Trim()}";
        return null;
    }

    /// <summary>A problem from the round's checks, beside the field it concerns, in the console's words rather than the command line's.</summary>
    internal void ShowRoundProblem(Problem problem)
    {
        var field = problem.Field switch
        {
            "title" => nameof(Title),
            "opens" => OpensWhen == Now ? nameof(OpensWhen) : nameof(OpensDate),
            "closes" => nameof(ClosesDate),
            "reminders" => nameof(Reminders),
            "questionnaire" => nameof(Questionnaire),
            "audience" when problem is ConflictProblem => nameof(AllowMissingLeads),
            "audience" => Audience.ProblemField,
            _ => nameof(AudienceKind),
        };
        ModelState.AddModelError(field, Plain(ConsoleWords.FromCommandLine(problem.Message)));
    }

    /// <summary>The command line's option names become what the form calls them.</summary>
    internal static string Plain(string message)
    {
        var words = message
            .Replace("add --allow-missing-leads to create the round without them", "tick \"Create the round without them\"", StringComparison.Ordinal)
            .Replace("--opens", "the opening time", StringComparison.Ordinal)
            .Replace("--closes", "the closing time", StringComparison.Ordinal)
            .Replace("--reminders", "reminders", StringComparison.Ordinal)
            .Replace("--title", "the title", StringComparison.Ordinal)
            .Replace("Give a later time, or 'now'.", "Give a later time, or choose to open it as soon as it is created.", StringComparison.Ordinal);
        return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
    }

    /// <summary>The answers as a query string, for the preview's own address.</summary>
    internal string Query(string? previewCouncil)
    {
        var fields = new List<(string, string)>
        {
            (nameof(Questionnaire), Questionnaire), (nameof(Title), Title), (nameof(AudienceKind), AudienceKind), (nameof(RegionName), RegionName),
            (nameof(FootprintId), FootprintId), (nameof(OpensWhen), OpensWhen), (nameof(OpensDate), OpensDate), (nameof(OpensTime), OpensTime),
            (nameof(ClosesDate), ClosesDate), (nameof(ClosesTime), ClosesTime), (nameof(Reminders), Reminders),
        };
        if (AudienceKind == ChosenCouncils)
            fields.AddRange(ChosenCodes.Select(c => (nameof(Councils), c)));
        if (previewCouncil is not null)
            fields.Add(("council", previewCouncil));
        var query = new StringBuilder();
        foreach (var (name, value) in fields.Where(f => f.Item2.Length > 0))
            query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        return query.ToString();
    }
}
