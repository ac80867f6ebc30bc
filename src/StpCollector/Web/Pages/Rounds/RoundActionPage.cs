using StpCollector.Rounds;

namespace StpCollector.Web.Pages.Rounds;

/// <summary>What the round action pages share: the round named in the address (by reference or number) and its page's address.</summary>
public abstract class RoundActionPage : ConsolePage
{
    internal Round Round { get; private set; } = null!;

    internal string RoundPath => RoundTags.PathFor(Round.Reference, Round.Id);

    /// <summary>False when there is no such round (the page answers 404).</summary>
    internal async Task<bool> LoadAsync(string reference)
    {
        if (await Service<RoundQueries>().FindAsync(reference, Aborted) is not { } round)
            return false;
        Round = round;
        return true;
    }
}
