using Dapper;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Accounts;
using StpCollector.Storage;

namespace StpCollector.Tests.Web.Actions;

internal sealed class OutboxRetryScenario : IStaffActionScenario
{
    public string Route => "/outbox/{id:long}/retry";

    public StaffRole Role => StaffRole.Officer;

    public async Task<StaffActionRequest> ArrangeAsync(ConsoleServer server)
    {
        var id = await OutboxScenario.FailedMessageAsync(server);
        return new($"/outbox/{id}/retry", []);
    }
}

internal sealed class OutboxCancelScenario : IStaffActionScenario
{
    public string Route => "/outbox/{id:long}/cancel";

    public StaffRole Role => StaffRole.Officer;

    public async Task<StaffActionRequest> ArrangeAsync(ConsoleServer server)
    {
        var id = await OutboxScenario.FailedMessageAsync(server);
        return new($"/outbox/{id}/cancel", []);
    }
}

internal static class OutboxScenario
{
    public static async Task<long> FailedMessageAsync(ConsoleServer server)
    {
        var id = await OutboxPageTests.EnqueueAsync(server, "invitation", $"lead-{Guid.NewGuid():N}@camden.gov.test", "Invitation", "Please reply");
        await using var connection = await server.Services.GetRequiredService<Database>().OpenAsync();
        await connection.ExecuteAsync("UPDATE outbox SET status = 'failed', attempts = 8 WHERE id = @id", new { id });
        return id;
    }
}
