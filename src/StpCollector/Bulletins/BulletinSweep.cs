using Microsoft.Extensions.Options;
using StpCollector.Calendar;
using StpCollector.Shared;

namespace StpCollector.Bulletins;

/// <summary>Each tick: the bulletin scheduler sends, skips or drafts what is due (see <see cref="BulletinScheduler"/>).
/// Feedback past its retention period is forgotten first, even with bulletins off (see <see cref="FeedbackRetention"/>).</summary>
internal sealed class BulletinSweep(BulletinScheduler scheduler, FeedbackRetention retention, IOptions<BulletinOptions> options) : ISweep
{
    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        var forgotten = await retention.ForgetExpiredAsync(cancellationToken);
        var retained = forgotten > 0 ? $"words and address of {forgotten} feedback removed after {options.Value.FeedbackRetentionMonths} months" : null;
        if (!options.Value.Enabled)
            return retained is null ? SweepResult.Idle("bulletins are off (Bulletins:Enabled is false)") : SweepResult.Worked(retained);
        var pass = await scheduler.RunDueAsync(cancellationToken);
        var done = retained is null ? pass.Done : [.. pass.Done, retained];
        return done.Count > 0
            ? SweepResult.Worked(string.Join("; ", done))
            : SweepResult.Idle($"nothing due (next: {LondonTime.Describe(pass.NextScheduledFor)})");
    }
}
