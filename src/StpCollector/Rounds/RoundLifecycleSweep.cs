using StpCollector.Hosting;

namespace StpCollector.Rounds;

/// <summary>
/// Each tick: open rounds whose time has come (queue invitations), close those past their deadline, queue due
/// reminders, and withdraw reminders that have become pointless. Everything is read from the tables, so a round
/// created from the CLI while the worker runs is picked up at the next tick, and work missed while the worker was
/// down is done once when it starts.
/// </summary>
public sealed class RoundLifecycleSweep(RoundOpener opener, RoundClosing closing, RoundReminderSender reminders) : ISweep
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await opener.OpenDueAsync(cancellationToken);
        await closing.CloseDueAsync(cancellationToken);
        await reminders.SendDueAsync(cancellationToken);
        await closing.WithdrawRemindersToRespondersAsync(cancellationToken);
    }
}
