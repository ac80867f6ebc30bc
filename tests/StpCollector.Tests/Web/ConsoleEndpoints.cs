using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Web;

namespace StpCollector.Tests.Web;

/// <summary>The console's own endpoint list, read from the running server, so checks over it cover a page the day it is added.</summary>
internal static partial class ConsoleEndpoints
{
    // Posts anyone signed in may make about themselves (or, for unsubscribe, a reader holding a signed link).
    public static readonly string[] SelfServicePosts = ["/sign-in", "/sign-out", "/account/password", "/unsubscribe/{token}", "/error/{code:int}"];

    public static List<(string Route, RouteEndpoint Endpoint)> All(ConsoleServer server) =>
        server.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Select(e => ("/" + e.RoutePattern.RawText!.TrimStart('/'), e))
            .DistinctBy(e => e.Item1)
            .ToList();

    /// <summary>Pages whose model has a POST handler: found by reflection over the page models, matched to routes by the page's path.</summary>
    public static List<string> PostRoutes(ConsoleServer server) =>
        All(server)
            .Where(e => e.Endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page && ModelOf(page) is { } model
                        && model.GetMethods(BindingFlags.Public | BindingFlags.Instance).Any(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal)))
            .Select(e => e.Route)
            .ToList();

    /// <summary>The route with every parameter set to 1, for requests whose outcome does not depend on the record.</summary>
    public static string Concrete(string route) => Parameter().Replace(route, "1");

    private static Type? ModelOf(PageActionDescriptor page)
    {
        // Web/Pages/Account/Password.cshtml -> StpCollector.Web.Pages.Account.PasswordModel
        var relative = page.RelativePath.Replace("/Web/Pages/", "", StringComparison.Ordinal).Replace(".cshtml", "", StringComparison.Ordinal);
        var name = "StpCollector.Web.Pages." + relative.Replace('/', '.') + "Model";
        return typeof(ConsolePage).Assembly.GetType(name);
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
