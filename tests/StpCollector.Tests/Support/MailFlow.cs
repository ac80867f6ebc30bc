using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StpCollector.Hosting;
using StpCollector.Shared;

namespace StpCollector.Tests.Support;

/// <summary>Moves mail for end-to-end tests by running the worker's own sweeps once: OutboxDispatch and MailboxPoll.</summary>
internal static class MailFlow
{
    public static async Task<string> DeliverOutboxAsync(IHost host) => await RunSweepAsync(host, "OutboxDispatch");

    public static async Task<string> ProcessInboxAsync(IHost host) => await RunSweepAsync(host, "MailboxPoll");

    private static async Task<string> RunSweepAsync(IHost host, string name)
    {
        var registrations = host.Services.GetServices<SweepRegistration>().ToList();
        var runner = ActivatorUtilities.CreateInstance<SweepRunner>(host.Services, registrations);
        Assert.That((await runner.RunAsync(name, CancellationToken.None)).Succeeded, Is.True, $"sweep {name} failed (see the log)");
        return $"{name} sweep";
    }
}
