using StpCollector.Accounts;

namespace StpCollector.Tests.Web.Actions;

/// <summary>An officer assigns a held reply to a council and round.</summary>
internal sealed class HoldingPenAssignScenario : IStaffActionScenario
{
    public string Route => "/holding-pen/{id:long}/assign";

    public StaffRole Role => StaffRole.Officer;

    public async Task<StaffActionRequest> ArrangeAsync(ConsoleServer server)
    {
        var (reference, roundId) = await ScenarioSeeds.OpenRoundAsync(server);
        var id = await ScenarioSeeds.HeldReplyAsync(server, reference, roundId);
        return new StaffActionRequest($"/holding-pen/{id}/assign", new() { ["Council"] = ScenarioSeeds.Islington, ["Round"] = reference });
    }
}
