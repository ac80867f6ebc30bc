using System.Collections.Immutable;
using StpCollector.Shared;

namespace StpCollector.Hosting;

/// <summary>
/// The order in which run --once (and status) takes the sweeps, stated here once rather than left to the order in
/// which features happen to be registered. Returns are read before reminders are decided (MailboxPoll, then
/// RoundLifecycle), and the dispatch sweep comes after every sweep that queues mail, so it sends in the same pass
/// what they queued. A new sweep must be placed here; one that is not is refused at start.
/// </summary>
internal static class SweepOrder
{
    public static readonly ImmutableArray<string> Names =
        ["MailboxPoll", "RoundLifecycle", "FoiChasers", "Bulletin", "OutboxDispatch", "DatabaseMaintenance"];

    public static IReadOnlyList<SweepRegistration> Sort(IEnumerable<SweepRegistration> registrations)
    {
        var list = registrations.ToList();
        var unplaced = list.Where(r => !Names.Contains(r.Name)).Select(r => r.Name).ToList();
        if (unplaced.Count > 0)
            throw new InvalidOperationException($"Sweep(s) {string.Join(", ", unplaced)} have no place in {nameof(SweepOrder)}.{nameof(Names)}; add them there.");
        return list.OrderBy(r => Names.IndexOf(r.Name)).ToList();
    }
}
