using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Audit;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Web.Actions;

/// <summary>
/// Every state-changing endpoint of the console, read from its endpoint list, is taken once by a fresh account of the
/// least role allowed and must leave an audit entry naming that account. A route without an <see cref="IStaffActionScenario"/>
/// fails the test, so a new action cannot slip past the audit log.
/// </summary>
[NonParallelizable]
public sealed class StaffActionAuditTests
{
    // Not changes to records: a session starting or ending, and the error page (whose POST only shows the page again).
    // One-click unsubscribe is a reader's own change, audited as "public" (OneClickUnsubscribeTests).
    private static readonly string[] NotStaffActions = ["/sign-in", "/sign-out", "/error/{code:int}", "/unsubscribe/{token}"];

    private static readonly IReadOnlyList<IStaffActionScenario> Scenarios = typeof(IStaffActionScenario).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IStaffActionScenario).IsAssignableFrom(t))
        .Select(t => (IStaffActionScenario)Activator.CreateInstance(t)!)
        .ToList();

    [Test]
    public async Task Every_state_changing_endpoint_taken_by_its_least_role_writes_an_audit_entry_naming_who()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        var actions = ConsoleEndpoints.PostRoutes(server).Except(NotStaffActions).Order(StringComparer.Ordinal).ToList();
        Assert.That(actions, Does.Contain("/holding-pen/{id:long}/discard"), "the endpoint list is read, not empty");

        var missing = actions.Where(route => Scenarios.All(s => s.Route != route)).ToList();
        Assert.That(missing, Is.Empty, "state-changing routes without an IStaffActionScenario (add one in Web/Actions)");
        var stale = Scenarios.Select(s => s.Route).Except(actions).ToList();
        Assert.That(stale, Is.Empty, "scenarios for routes the console no longer has");
        Assert.That(Scenarios.GroupBy(s => s.Route).Where(g => g.Count() > 1).Select(g => g.Key), Is.Empty, "one scenario per route");

        var audit = server.Services.GetRequiredService<AuditLog>();
        var number = 0;
        foreach (var scenario in Scenarios.OrderBy(s => s.Route, StringComparer.Ordinal))
        {
            var email = $"actor{++number}@lga.test";
            using var staff = await server.SignInAsync(email, scenario.Role);
            var request = await scenario.ArrangeAsync(server);
            var last = (await audit.ListAsync(null, 1)).FirstOrDefault()?.Id ?? 0; // signing in may itself be recorded
            using var response = await staff.PostFormAsync(request.Path, request.Form, request.FormPage);
            var body = await response.Content.ReadAsStringAsync();
            Assert.That((int)response.StatusCode, Is.LessThan(400), $"{scenario.Route} as {scenario.Role} was refused: {body[..Math.Min(body.Length, 2000)]}");
            var entries = (await audit.ListAsync(null, 10, actor: email)).Where(e => e.Id > last);
            Assert.That(entries, Is.Not.Empty, $"{scenario.Route} ({request.Path}) changed something but wrote no audit entry naming {email}");
        }
    }
}
