using Microsoft.Extensions.Options;
using StpCollector.Shared;

namespace StpCollector.Foi;

/// <summary>Each tick: one chaser for each FoI request newly past its statutory due date (see <see cref="FoiChaser"/>).</summary>
internal sealed class FoiChaserSweep(FoiChaser chaser, IOptions<FoiOptions> options) : ISweep
{
    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SendChasers)
            return SweepResult.Idle("chasers are off (Foi:SendChasers is false)");
        var chased = await chaser.ChaseOverdueAsync(cancellationToken);
        return chased.Count == 0
            ? SweepResult.Idle("no request newly overdue")
            : SweepResult.Worked($"{chased.Count} chaser(s) queued for overdue requests: {string.Join(", ", chased)}");
    }
}
