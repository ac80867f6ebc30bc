using System.Data.Common;
using Dapper;
using StpCollector.Storage;

namespace StpCollector.Ingestion;

/// <summary>Where a stored message or file came from: its subject, the name it arrived under and its Message-ID.</summary>
internal sealed record InboundOrigin(long Id, string? Subject, string SourceName, string? MessageId);

/// <summary>Lets a feature that keeps the id of an inbound message show where it came from, without reading the inbound tables.</summary>
internal static class InboundOrigins
{
    public static async Task<IReadOnlyDictionary<long, InboundOrigin>> ForAsync(IEnumerable<long> ids, DbConnection connection, DbTransaction? transaction = null)
    {
        var list = ids.Distinct().ToList();
        if (list.Count == 0)
            return new Dictionary<long, InboundOrigin>();
        var rows = await connection.QueryAsync<InboundOrigin>($"""
            SELECT id AS Id, subject AS Subject, source_name AS SourceName, message_id AS MessageId FROM inbound_messages WHERE id {connection.In("list")}
            """, new { list }, transaction);
        return rows.ToDictionary(o => o.Id);
    }
}
