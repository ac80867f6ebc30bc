using StpCollector.Accounts;

namespace StpCollector.Tests.Web.Actions;

internal sealed class FoiClassifyScenario : IStaffActionScenario
{
    public string Route => "/foi/{id:long}/classify";

    public StaffRole Role => StaffRole.Officer;

    public async Task<StaffActionRequest> ArrangeAsync(ConsoleServer server)
    {
        var id = (await FoiPageTests.CreateSentBatchAsync(server)).RequestIds[0];
        return new($"/foi/{id}/classify", new() { ["Status"] = "clarification_requested" });
    }
}

internal sealed class FoiCodeScenario : IStaffActionScenario
{
    public string Route => "/foi/{id:long}/code";

    public StaffRole Role => StaffRole.Officer;

    public async Task<StaffActionRequest> ArrangeAsync(ConsoleServer server)
    {
        var id = (await FoiPageTests.CreateSentBatchAsync(server)).RequestIds[0];
        return new($"/foi/{id}/code", new() { ["Question"] = "Q5", ["Answer"] = "closely involved" });
    }
}

internal sealed class FoiCreateScenario : IStaffActionScenario
{
    public string Route => "/foi/new";

    public StaffRole Role => StaffRole.Officer;

    public async Task<StaffActionRequest> ArrangeAsync(ConsoleServer server)
    {
        await FoiCreatePageTests.AddFoiContactsAsync(server, Foi.FoiTestData.NorthCentralLondon);
        return new("/foi/new?handler=send", FoiCreatePageTests.Answers("Council involvement in the STP"), "/foi/new");
    }
}
