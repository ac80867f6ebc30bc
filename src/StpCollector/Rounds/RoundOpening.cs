namespace StpCollector.Rounds;

/// <summary>
/// How a round's opening stands, council by council: invitations waiting in the outbox, sent, failed or bounced, and
/// councils not invited yet (the round has not opened, or is opening now) or not at all (no lead). A national round
/// opens over minutes; this is what staff watch meanwhile.
/// </summary>
internal sealed record RoundOpening(int Queued, int Sent, int Failed, int Bounced, int NotYet, int NoLead)
{
    public static RoundOpening Of(RoundProgressView progress)
    {
        var deliveries = progress.Councils.Select(c => c.Council.Delivery).ToList();
        int Count(string delivery) => deliveries.Count(d => d == delivery);
        return new RoundOpening(Count("queued"), Count("sent"), Count("failed"), Count("bounced"), Count("not yet"), Count("no lead"));
    }

    /// <summary>True while the opening is still going on: invitations wait in the outbox, or the round is due and not opened yet.</summary>
    public static bool UnderWay(RoundOpening opening, Round round, DateTimeOffset now) =>
        opening.Queued > 0 || (round.Status == RoundStatus.Scheduled && round.OpensAt <= now);
}
