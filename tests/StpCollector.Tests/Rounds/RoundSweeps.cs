using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using StpCollector.Outbox;
using StpCollector.Rounds;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Rounds;

internal static class RoundSweeps
{
    /// <summary>One worker tick, in registration order: the round lifecycle, then the outbox dispatch.</summary>
    public static async Task TickAsync(IServiceProvider services)
    {
        await services.GetRequiredService<RoundLifecycleSweep>().RunAsync(CancellationToken.None);
        await services.GetRequiredService<OutboxDispatchSweep>().RunAsync(CancellationToken.None);
    }

    /// <summary>
    /// Waits (bounded) until every mailbox holds at least its expected count, then keeps looking for a further second
    /// so that a duplicate still in Postfix's queue would be seen. Returns each mailbox's messages.
    /// </summary>
    public static async Task<Dictionary<string, IReadOnlyList<MimeMessage>>> SettledMailboxesAsync(IReadOnlyDictionary<string, int> expected, TimeSpan? timeout = null)
    {
        var sandbox = MailSandbox.Shared;
        var result = new Dictionary<string, IReadOnlyList<MimeMessage>>();
        foreach (var (user, count) in expected)
            result[user] = await sandbox.WaitForAsync(user, count, timeout ?? TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(1)); // not synchronisation: a window in which a duplicate would show up
        foreach (var user in expected.Keys)
            result[user] = await sandbox.FetchAsync(user);
        return result;
    }
}
