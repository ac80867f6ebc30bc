using StpCollector.Accounts;

namespace StpCollector.Tests.Web.Actions;

/// <summary>An officer corrects one answer of a return, with the reason.</summary>
internal sealed class ReturnCorrectionScenario : IStaffActionScenario
{
    public string Route => "/returns/{id:long}/answers/{question}/correct";

    public StaffRole Role => StaffRole.Officer;

    public async Task<StaffActionRequest> ArrangeAsync(ConsoleServer server)
    {
        var (reference, roundId) = await ScenarioSeeds.OpenRoundAsync(server);
        var id = await ScenarioSeeds.CamdenReturnAsync(server, reference, roundId);
        return new StaffActionRequest($"/returns/{id}/answers/Q9/correct",
            new() { ["Value"] = "15%", ["Reason"] = "the lead confirmed it by phone", ["Version"] = "0" });
    }
}
