using System.Text;
using StpCollector.Accounts;

namespace StpCollector.Tests.Web.Actions;

internal sealed class HoldingPenDiscardScenario : IStaffActionScenario
{
    public string Route => "/holding-pen/{id:long}/discard";

    public StaffRole Role => StaffRole.Officer;

    public async Task<StaffActionRequest> ArrangeAsync(ConsoleServer server)
    {
        var id = await HoldingPenPageTests.IngestAsync(server, Encoding.UTF8.GetBytes(
            $"From: Stray <stray@example.test>\r\nTo: returns@lga.test\r\nSubject: Hello\r\nMessage-ID: <{Guid.NewGuid():N}@example.test>\r\n\r\nNot a return.\r\n"));
        return new($"/holding-pen/{id}/discard", new() { ["Reason"] = "sent to us by mistake" });
    }
}
