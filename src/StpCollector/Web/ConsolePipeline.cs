using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace StpCollector.Web;

/// <summary>The order requests pass through the console, from the proxy's headers to the page.</summary>
internal static class ConsolePipeline
{
    public static WebApplication UseConsole(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<WebOptions>>().Value;
        if (options.KnownProxies.Length > 0)
            app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeaders>();
        app.UseExceptionHandler("/error/500");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseMiddleware<PasswordChangeGate>();
        app.MapRazorPages();
        app.MapPublicEndpoints();
        return app;
    }
}
