using Microsoft.Extensions.Options;
using StpCollector.Calendar;
using StpCollector.Shared;
using StpCollector.Storage;
using StpCollector.Templates;

namespace StpCollector.Bulletins;

/// <summary>Each tick: the bulletin scheduler sends, skips or drafts what is due (see <see cref="BulletinScheduler"/>).</summary>
internal sealed class BulletinSweep(BulletinScheduler scheduler, IOptions<BulletinOptions> options) : ISweep
{
    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
            return SweepResult.Idle("bulletins are off (Bulletins:Enabled is false)");
        var pass = await scheduler.RunDueAsync(cancellationToken);
        return pass.Done.Count > 0
            ? SweepResult.Worked(string.Join("; ", pass.Done))
            : SweepResult.Idle($"nothing due (next: {LondonTime.Describe(pass.NextScheduledFor)})");
    }
}
