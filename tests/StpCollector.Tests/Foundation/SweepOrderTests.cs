using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StpCollector.Hosting;
using StpCollector.Shared;

namespace StpCollector.Tests.Foundation;

/// <summary>run --once takes the sweeps in the host's stated order, whatever order the features registered them in.</summary>
public sealed class SweepOrderTests
{
    [Test]
    public void Sweeps_run_in_the_stated_order_not_the_order_they_were_registered_in()
    {
        var services = new ServiceCollection();
        services.AddSweep<QuietSweep>("OutboxDispatch", defaultIntervalSeconds: 5);
        services.AddSweep<QuietSweep>("Bulletin", defaultIntervalSeconds: 300);
        services.AddSweep<QuietSweep>("MailboxPoll", defaultIntervalSeconds: 60);
        services.AddSweep<QuietSweep>("RoundLifecycle", defaultIntervalSeconds: 30);
        using var provider = services.BuildServiceProvider();

        var runner = new SweepRunner(provider, provider.GetServices<SweepRegistration>(), NullLogger<SweepRunner>.Instance);

        Assert.That(runner.Registrations.Select(r => r.Name), Is.EqualTo(new[] { "MailboxPoll", "RoundLifecycle", "Bulletin", "OutboxDispatch" }));
        Assert.That(SweepOrder.Sort(services.SweepRegistrations()).Select(r => r.Name), Is.EqualTo(runner.Registrations.Select(r => r.Name)));
    }

    [Test]
    public void A_sweep_without_a_place_in_the_order_is_refused()
    {
        var services = new ServiceCollection();
        services.AddSweep<QuietSweep>("Unplaced", defaultIntervalSeconds: 60);

        var error = Assert.Throws<InvalidOperationException>(() => SweepOrder.Sort(services.SweepRegistrations()));

        Assert.That(error!.Message, Does.Contain("Unplaced"));
    }

    private sealed class QuietSweep : ISweep
    {
        public Task<SweepResult> RunAsync(CancellationToken cancellationToken) => Task.FromResult(SweepResult.Idle("nothing to do"));
    }
}
