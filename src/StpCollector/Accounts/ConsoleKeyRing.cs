using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using StpCollector.Storage;

namespace StpCollector.Accounts;

/// <summary>
/// The console's cookie keys in the shared database, for PostgreSQL clusters: every worker serving the console reads
/// the same key ring, so a sign-in or a form made on one worker is accepted by the others. (SQLite keeps them in the data dir.)
/// </summary>
internal sealed class ConsoleKeyRing(Database database, TimeProvider clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.Open();
        return connection.Query<string>("SELECT xml FROM console_keys ORDER BY name").Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = database.Open();
        connection.Execute("""
            INSERT INTO console_keys (name, xml, stored_at) VALUES (@name, @xml, @now) ON CONFLICT (name) DO NOTHING
            """, new { name = friendlyName, xml = element.ToString(SaveOptions.DisableFormatting), now = DapperSetup.Format(clock.GetUtcNow()) });
    }
}
