using System.Data.Common;
using System.Data;
using Dapper;

namespace StpCollector.Foi;

/// <summary>The timeline shown by foi show: every change to a request is one event.</summary>
internal static class FoiEvents
{
    public static Task AddAsync(IDbConnection connection, IDbTransaction transaction, long requestId, DateTimeOffset at, string kind, string detail) =>
        connection.ExecuteAsync(
            "INSERT INTO foi_events (request_id, at, kind, detail) VALUES (@requestId, @at, @kind, @detail)",
            new { requestId, at, kind, detail }, transaction);
}
