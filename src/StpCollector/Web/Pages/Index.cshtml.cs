using Microsoft.AspNetCore.Mvc;
using StpCollector.Shared;

namespace StpCollector.Web.Pages;

public sealed class IndexModel : ConsolePage
{
    [BindProperty(SupportsGet = true, Name = "password-changed")]
    public bool PasswordChanged { get; set; }

    internal IReadOnlyList<SweepHealth> Sweeps { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Sweeps = await Service<IWorkerHealth>().ReadAsync(Aborted);
    }
}
