using Microsoft.AspNetCore.Mvc;
using StpCollector.Bulletins;
using StpCollector.Foi;
using StpCollector.Reports;
using StpCollector.Shared;

namespace StpCollector.Web.Pages;

public sealed class IndexModel : ConsolePage
{
    /// <summary>FoI requests due within this many days are listed as "due soon".</summary>
    internal const int DueSoonDays = 7;

    [BindProperty(SupportsGet = true, Name = "password-changed")]
    public bool PasswordChanged { get; set; }

    internal Dashboard Figures { get; private set; } = null!;

    /// <summary>Each open round's councils by return: complete, partial, none (null when its questionnaire is missing).</summary>
    internal Dictionary<long, (int Complete, int Partial, int None)?> Progress { get; } = [];

    internal IReadOnlyList<FoiRequestStore.View> FoiOverdue { get; private set; } = [];

    internal IReadOnlyList<FoiRequestStore.View> FoiDueSoon { get; private set; } = [];

    internal BulletinPeriod? NextBulletin { get; private set; }

    internal bool BulletinsEnabled { get; private set; }

    internal IReadOnlyList<SweepHealth> Sweeps { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var now = Service<TimeProvider>().GetUtcNow();
        Figures = await Service<DashboardFigures>().ReadAsync(Aborted);
        foreach (var round in Figures.OpenRounds)
        {
            var progress = await Service<StpCollector.Rounds.RoundProgress>().ShowAsync(round.Id, Aborted);
            Progress[round.Id] = progress.QuestionnaireKnown
                ? (progress.Complete, progress.Partial, progress.Councils.Count - progress.Complete - progress.Partial)
                : null;
        }

        var requests = await Service<FoiRequestStore>().ListAsync(cancellationToken: Aborted);
        FoiOverdue = requests.Where(r => r.Status is FoiStatus.Overdue or FoiStatus.VeryOverdue).ToList();
        var today = Calendar.LondonTime.Today(Service<TimeProvider>());
        FoiDueSoon = requests.Where(r => FoiStatus.StillWaiting(r.Status) && r.Due is { } due && due >= today && due <= today.AddDays(DueSoonDays))
            .OrderBy(r => r.Due).ToList();
        BulletinsEnabled = Service<Microsoft.Extensions.Options.IOptions<BulletinOptions>>().Value.Enabled;
        NextBulletin = BulletinsEnabled ? Service<BulletinSchedule>().Next(now) : null;
        Sweeps = await Service<IWorkerHealth>().ReadAsync(Aborted);
    }
}
