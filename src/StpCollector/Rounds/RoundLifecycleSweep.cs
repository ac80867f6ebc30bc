using StpCollector.Shared;

namespace StpCollector.Rounds;

/// <summary>
/// Each tick: open rounds whose time has come (queue invitations), close those past their deadline, queue due
/// reminders, and withdraw reminders that have become pointless. Everything is read from the tables, so a round
/// created from the CLI while the worker runs is picked up at the next tick, and work missed while the worker was
/// down is done once when it starts.
/// </summary>
internal sealed class RoundLifecycleSweep(RoundOpener opener, RoundClosing closing, RoundReminderSender reminders) : ISweep
{
    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        var done = new List<string>();
        done.AddRange(await opener.OpenDueAsync(cancellationToken));
        done.AddRange(await closing.CloseDueAsync(cancellationToken));
        done.AddRange(await reminders.SendDueAsync(cancellationToken));
        if (await closing.WithdrawRemindersToRespondersAsync(cancellationToken) is var withdrawn and > 0)
            done.Add($"withdrew {withdrawn} unsent reminder(s) to councils that have responded");
        return done.Count == 0 ? SweepResult.Idle("nothing due (no round to open, close or remind)") : SweepResult.Worked(string.Join("; ", done));
    }
}
