using Microsoft.Extensions.DependencyInjection;
using StpCollector.Accounts;
using StpCollector.Bulletins;

namespace StpCollector.Tests.Web.Actions;

internal sealed class SubscriberAddScenario : IStaffActionScenario
{
    public string Route => "/subscribers/add";

    public StaffRole Role => StaffRole.Officer;

    public Task<StaffActionRequest> ArrangeAsync(ConsoleServer server) =>
        Task.FromResult(new StaffActionRequest("/subscribers/add", new() { ["Email"] = $"new-{Guid.NewGuid():N}@council.test", ["Name"] = "New Reader" }));
}

internal sealed class SubscriberImportScenario : IStaffActionScenario
{
    public string Route => "/subscribers/import";

    public StaffRole Role => StaffRole.Officer;

    public Task<StaffActionRequest> ArrangeAsync(ConsoleServer server) =>
        Task.FromResult(new StaffActionRequest("/subscribers/import", new() { ["Csv"] = $"email,name\nimported-{Guid.NewGuid():N}@council.test,Imported Reader\n" }));
}

internal sealed class SubscriberRemoveScenario : IStaffActionScenario
{
    public string Route => "/subscribers/{id:long}/remove";

    public StaffRole Role => StaffRole.Officer;

    public async Task<StaffActionRequest> ArrangeAsync(ConsoleServer server)
    {
        var (subscriber, _) = await server.Services.GetRequiredService<SubscriberStore>().AddAsync($"leaving-{Guid.NewGuid():N}@council.test", "Leaving");
        return new($"/subscribers/{subscriber.Id}/remove", []);
    }
}
