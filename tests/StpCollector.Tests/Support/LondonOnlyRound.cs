namespace StpCollector.Tests.Support;

/// <summary>
/// A round only London councils were asked (Camden, Barnet, Islington), all of whom replied: the rest of England has no
/// answers to anything. Q7: yes, yes, no (London yes 67%). Q9: 4 and 4 (median 4, min = max). Q4: yes from all three
/// (100%). Q16: one council (finance theme 1). Chart questions Q7, Q5, Q1; Q5 and Q1 answered by all three.
/// </summary>
internal static class LondonOnlyRound
{
    public static long Create(ReturnsBuilder data, string reference = "STP-L1")
    {
        var round = data.Round(reference, "2026-11-02T09:00:00.000Z", "2026-11-30T17:00:00.000Z", [KnownRounds.Camden, KnownRounds.Barnet, KnownRounds.Islington]);
        data.Return(round, KnownRounds.Camden, "2026-11-10T10:00:00.000Z",
            ReturnsBuilder.A("Q1", "yes"), ReturnsBuilder.A("Q4", "yes"), ReturnsBuilder.A("Q5", "closely_involved"), ReturnsBuilder.A("Q7", "yes"),
            ReturnsBuilder.N("Q9", 4), ReturnsBuilder.A("Q16", "We need help with financial modelling to make social care visible."));
        data.Return(round, KnownRounds.Barnet, "2026-11-11T10:00:00.000Z",
            ReturnsBuilder.A("Q1", "yes"), ReturnsBuilder.A("Q4", "yes"), ReturnsBuilder.A("Q5", "consulted"), ReturnsBuilder.A("Q7", "yes"),
            ReturnsBuilder.N("Q9", 4));
        data.Return(round, KnownRounds.Islington, "2026-11-12T10:00:00.000Z",
            ReturnsBuilder.A("Q1", "no"), ReturnsBuilder.A("Q4", "yes"), ReturnsBuilder.A("Q5", "consulted"), ReturnsBuilder.A("Q7", "no"));
        return round;
    }
}
