using StpCollector.Accounts;

namespace StpCollector.Tests.Web.Actions;

/// <summary>
/// One staff action (a page's POST handler) set up so that it succeeds. <see cref="StaffActionAuditTests"/> walks the
/// console's endpoint list and fails for any state-changing route without a scenario, so a new action cannot go
/// unchecked: each scenario is posted by a fresh account of <see cref="Role"/>, which must be recorded in the audit log.
/// </summary>
internal interface IStaffActionScenario
{
    /// <summary>The route template exactly as the endpoint list gives it, e.g. "/holding-pen/{id:long}/discard".</summary>
    string Route { get; }

    /// <summary>The least role allowed to take the action.</summary>
    StaffRole Role { get; }

    /// <summary>Seeds what the action needs (through the feature services) and says what to post.</summary>
    Task<StaffActionRequest> ArrangeAsync(ConsoleServer server);
}

/// <summary>The concrete path to post to, the form fields, and the page whose form carries the antiforgery token (the path itself when null).</summary>
internal sealed record StaffActionRequest(string Path, Dictionary<string, string> Form, string? FormPage = null);
