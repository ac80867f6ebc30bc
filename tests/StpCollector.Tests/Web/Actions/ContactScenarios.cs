using System.Text;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Accounts;
using StpCollector.Contacts;
using StpCollector.Storage;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Web.Actions;

/// <summary>The contacts actions, each set up to succeed: upload (pasted rows), import of a checked upload, change, deactivate, reactivate, remove.</summary>
internal static class ContactScenarioSeeds
{
    public const string Rows = "council_code,name,email,role\r\nE09000007,Zara Khan,zara.khan@camden.gov.test,other\r\n";

    /// <summary>A contact of its own for each scenario run (Camden, role other), with its id.</summary>
    public static async Task<long> ContactAsync(ConsoleServer server, bool active = true)
    {
        var email = $"c{Guid.NewGuid():N}@camden.gov.test";
        var file = Path.Combine(Path.GetTempPath(), $"contact-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, $"council_code,name,email,role\r\nE09000007,Scenario Person,{email},other\r\n");
        try
        {
            await server.Services.GetRequiredService<ContactImporter>().ImportAsync(file, skipInvalid: false);
        }
        finally
        {
            File.Delete(file);
        }

        await using var connection = await server.Services.GetRequiredService<Database>().OpenAsync();
        if (!active)
            await connection.ExecuteAsync("UPDATE contacts SET active = 0 WHERE email = @email", new { email });
        return await connection.ExecuteScalarAsync<long>("SELECT id FROM contacts WHERE email = @email", new { email });
    }

    /// <summary>A checked upload waiting for the officer's choice: its path.</summary>
    public static string PendingUpload(ConsoleServer server) =>
        "/contacts/upload/" + server.Services.GetRequiredService<PendingUploads>().Save("contacts.csv", Encoding.UTF8.GetBytes(Rows));
}

internal sealed class ContactUploadScenario : IStaffActionScenario
{
    public string Route => "/contacts/upload";

    public StaffRole Role => StaffRole.Officer;

    public Task<StaffActionRequest> ArrangeAsync(ConsoleServer server) =>
        Task.FromResult(new StaffActionRequest("/contacts/upload", new() { ["Pasted"] = ContactScenarioSeeds.Rows }));
}

internal sealed class ContactImportScenario : IStaffActionScenario
{
    public string Route => "/contacts/upload/{upload}";

    public StaffRole Role => StaffRole.Officer;

    public Task<StaffActionRequest> ArrangeAsync(ConsoleServer server) =>
        Task.FromResult(new StaffActionRequest(ContactScenarioSeeds.PendingUpload(server), new() { ["Choice"] = "import", ["Good"] = "1", ["Bad"] = "0" }));
}

internal sealed class ContactEditScenario : IStaffActionScenario
{
    public string Route => "/contacts/{id:long}/edit";

    public StaffRole Role => StaffRole.Officer;

    public async Task<StaffActionRequest> ArrangeAsync(ConsoleServer server)
    {
        var id = await ContactScenarioSeeds.ContactAsync(server);
        return new StaffActionRequest($"/contacts/{id}/edit",
            new() { ["Name"] = "Renamed Person", ["Email"] = $"r{Guid.NewGuid():N}@camden.gov.test", ["Role"] = "other", ["Version"] = "1" });
    }
}

internal sealed class ContactDeactivateScenario : IStaffActionScenario
{
    public string Route => "/contacts/{id:long}/deactivate";

    public StaffRole Role => StaffRole.Officer;

    public async Task<StaffActionRequest> ArrangeAsync(ConsoleServer server) =>
        new($"/contacts/{await ContactScenarioSeeds.ContactAsync(server)}/deactivate", new() { ["Version"] = "1" });
}

internal sealed class ContactReactivateScenario : IStaffActionScenario
{
    public string Route => "/contacts/{id:long}/reactivate";

    public StaffRole Role => StaffRole.Officer;

    public async Task<StaffActionRequest> ArrangeAsync(ConsoleServer server) =>
        new($"/contacts/{await ContactScenarioSeeds.ContactAsync(server, active: false)}/reactivate", new() { ["Version"] = "1" });
}

internal sealed class ContactRemoveScenario : IStaffActionScenario
{
    public string Route => "/contacts/{id:long}/remove";

    public StaffRole Role => StaffRole.Officer;

    public async Task<StaffActionRequest> ArrangeAsync(ConsoleServer server) =>
        new($"/contacts/{await ContactScenarioSeeds.ContactAsync(server)}/remove", new() { ["Version"] = "1" });
}
