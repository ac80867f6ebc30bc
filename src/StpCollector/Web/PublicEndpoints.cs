using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Shared;

namespace StpCollector.Web;

/// <summary>The endpoints anyone may call without signing in: the health check (one-click unsubscribe is a page).</summary>
internal static class PublicEndpoints
{
    public const string HealthPath = "/health";

    public static void MapPublicEndpoints(this WebApplication app)
    {
        app.MapGet(HealthPath, async (IWorkerHealth health, CancellationToken cancellationToken) =>
        {
            var sweeps = await health.ReadAsync(cancellationToken);
            var failing = sweeps.Where(s => s.LastSucceeded == false).Select(s => s.Sweep).ToList();
            return failing.Count == 0 ? Results.Text("ok\n") : Results.Text($"degraded: {string.Join(", ", failing)} failed on its last run\n");
        }).WithMetadata(new AllowAnonymousAttribute());
    }
}
