using StpCollector.Shared;

namespace StpCollector.Outbox;

/// <summary>Each tick: send what is due in the outbox (see <see cref="OutboxDispatcher"/>).</summary>
internal sealed class OutboxDispatchSweep(OutboxDispatcher dispatcher) : ISweep
{
    public Task<SweepResult> RunAsync(CancellationToken cancellationToken) => dispatcher.DispatchDueAsync(cancellationToken);
}
