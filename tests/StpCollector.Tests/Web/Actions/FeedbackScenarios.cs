using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Accounts;
using StpCollector.Bulletins;

namespace StpCollector.Tests.Web.Actions;

internal sealed class FeedbackTagScenario : IStaffActionScenario
{
    public string Route => "/feedback/{id:long}/tag";

    public StaffRole Role => StaffRole.Officer;

    public async Task<StaffActionRequest> ArrangeAsync(ConsoleServer server)
    {
        var id = await FeedbackScenario.FeedbackAsync(server);
        return new($"/feedback/{id}/tag", new() { ["Theme"] = "workforce", ["Change"] = "add" });
    }
}

internal sealed class FaqDraftScenario : IStaffActionScenario
{
    public string Route => "/faq/draft";

    public StaffRole Role => StaffRole.Officer;

    public async Task<StaffActionRequest> ArrangeAsync(ConsoleServer server)
    {
        var id = await FeedbackScenario.FeedbackAsync(server);
        return new("/faq/draft", new() { ["FeedbackNumbers"] = id.ToString(CultureInfo.InvariantCulture), ["Question"] = "Do STPs cover county councils?" });
    }
}

internal sealed class FaqPublishScenario : IStaffActionScenario
{
    public string Route => "/faq/{id:long}/publish";

    public StaffRole Role => StaffRole.Officer;

    public async Task<StaffActionRequest> ArrangeAsync(ConsoleServer server)
    {
        var id = await server.Services.GetRequiredService<FaqStore>().CreateDraftAsync("Who chairs the STP board?", "Usually the NHS lead.", [], CancellationToken.None);
        return new($"/faq/{id}/publish", []);
    }
}

internal sealed class FaqRetireScenario : IStaffActionScenario
{
    public string Route => "/faq/{id:long}/retire";

    public StaffRole Role => StaffRole.Officer;

    public async Task<StaffActionRequest> ArrangeAsync(ConsoleServer server)
    {
        var id = await server.Services.GetRequiredService<FaqStore>().CreateDraftAsync("Is there funding?", "Not yet.", [], CancellationToken.None);
        return new($"/faq/{id}/retire", []);
    }
}

internal static class FeedbackScenario
{
    /// <summary>A stranger's message, held, then taken into feedback as staff would move it.</summary>
    public static async Task<long> FeedbackAsync(ConsoleServer server)
    {
        var held = await HoldingPenPageTests.IngestAsync(server, Encoding.UTF8.GetBytes(
            $"From: Reader <reader@example.test>\r\nTo: returns@lga.test\r\nSubject: STP workforce\r\nMessage-ID: <{Guid.NewGuid():N}@example.test>\r\n\r\n" +
            "Our workforce plans are not joined up with the STP.\r\n"));
        return await server.Services.GetRequiredService<FeedbackTaker>().TakeAsync(held, null, CancellationToken.None);
    }
}
