using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Accounts;
using StpCollector.Bulletins;
using StpCollector.Calendar;
using StpCollector.Storage;

namespace StpCollector.Tests.Web.Actions;

internal sealed class BulletinEditorialScenario : IStaffActionScenario
{
    public string Route => "/bulletins/draft";

    public StaffRole Role => StaffRole.Officer;

    public async Task<StaffActionRequest> ArrangeAsync(ConsoleServer server)
    {
        var state = await server.Services.GetRequiredService<BulletinDrafts>().EditorialAsync(CancellationToken.None);
        return new("/bulletins/draft", new()
        {
            ["Intro"] = "News for the network.",
            ["QuickLinks"] = "",
            ["Version"] = state.Editorial.Version.ToString(CultureInfo.InvariantCulture),
        });
    }
}

internal sealed class BulletinApproveScenario : IStaffActionScenario
{
    public string Route => "/bulletins/{id:long}/approve";

    public StaffRole Role => StaffRole.Approver;

    public async Task<StaffActionRequest> ArrangeAsync(ConsoleServer server) =>
        new($"/bulletins/{await BulletinScenario.InsertAsync(server, BulletinStore.Draft)}/approve", []);
}

internal sealed class BulletinSendScenario : IStaffActionScenario
{
    public string Route => "/bulletins/{id:long}/send";

    public StaffRole Role => StaffRole.Officer;

    public async Task<StaffActionRequest> ArrangeAsync(ConsoleServer server) =>
        new($"/bulletins/{await BulletinScenario.InsertAsync(server, BulletinStore.Approved)}/send", []);
}

internal sealed class BulletinScheduleScenario : IStaffActionScenario
{
    public string Route => "/bulletins/{id:long}/schedule";

    public StaffRole Role => StaffRole.Officer;

    public async Task<StaffActionRequest> ArrangeAsync(ConsoleServer server)
    {
        var id = await BulletinScenario.InsertAsync(server, BulletinStore.Approved);
        var later = LondonTime.ToLondon(server.Services.GetRequiredService<TimeProvider>().GetUtcNow().AddDays(7));
        return new($"/bulletins/{id}/schedule", new() { ["At"] = later.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) });
    }
}

internal sealed class BulletinTestSendScenario : IStaffActionScenario
{
    public string Route => "/bulletins/{id:long}/test-send";

    public StaffRole Role => StaffRole.Officer;

    public async Task<StaffActionRequest> ArrangeAsync(ConsoleServer server) =>
        new($"/bulletins/{await BulletinScenario.InsertAsync(server, BulletinStore.Draft)}/test-send", []);
}

internal static class BulletinScenario
{
    /// <summary>A bulletin in the given state with a little content, changed last by someone other than any scenario's account.</summary>
    public static async Task<long> InsertAsync(ConsoleServer server, string status)
    {
        var now = server.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using var connection = await server.Services.GetRequiredService<Database>().OpenAsync();
        await using var transaction = (DbTransaction)await connection.BeginTransactionAsync();
        var id = await BulletinStore.InsertAsync(connection, transaction, $"scenario-{Guid.NewGuid():N}", now.AddDays(3), status, null, null, now);
        await connection.ExecuteAsync("""
            UPDATE bulletins SET subject = 'Scenario bulletin', html = '<p>Scenario</p>', text = 'Scenario', changed_by = 'writer@lga.test'
            WHERE id = @id
            """, new { id }, transaction);
        await transaction.CommitAsync();
        return id;
    }
}
