using System.Net;
using StpCollector.Shared;

namespace StpCollector.Web;

/// <summary>The staff console (section "Web").</summary>
internal sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>Whether <c>stpcollector run</c> serves the console beside the sweeps.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where Kestrel listens, separated by ';' (port 0 picks a free port).</summary>
    public string Urls { get; set; } = "http://127.0.0.1:5080";

    /// <summary>The address people reach the console at (e.g. https://stp.lga.example behind a reverse proxy); links in mail use it.</summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>Reverse proxies whose X-Forwarded-For/Proto headers are believed (IP addresses); none by default.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>A session ends after this long without a request.</summary>
    public int IdleTimeoutMinutes { get; set; } = 30;

    /// <summary>The service's name in the header and page titles.</summary>
    public string ServiceName { get; set; } = "StpCollector";

    /// <summary>Optional sign-in through an OpenID Connect provider (off by default).</summary>
    public ExternalSignInOptions OpenIdConnect { get; set; } = new();

    public IReadOnlyList<string> UrlList => Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    internal sealed class Validator : OptionsValidator<WebOptions>
    {
        protected override IEnumerable<string> Problems(WebOptions options)
        {
            if (options.UrlList.Count == 0)
                yield return $"{Section}:{nameof(Urls)} is empty; give the address the console listens on, e.g. http://127.0.0.1:5080.";
            foreach (var url in options.UrlList)
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/")
                    yield return $"{Section}:{nameof(Urls)} '{url}' is not an address to listen on (e.g. http://127.0.0.1:5080).";
            }

            if (options.PublicBaseUrl.Length > 0
                && (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var publicUri) || publicUri.Scheme is not ("http" or "https")))
                yield return $"{Section}:{nameof(PublicBaseUrl)} '{options.PublicBaseUrl}' is not a web address (e.g. https://stp.lga.example).";
            foreach (var proxy in options.KnownProxies)
            {
                if (!IPAddress.TryParse(proxy, out _))
                    yield return $"{Section}:{nameof(KnownProxies)} '{proxy}' is not an IP address (e.g. 127.0.0.1).";
            }

            if (options.IdleTimeoutMinutes is < 1 or > 24 * 60)
                yield return $"{Section}:{nameof(IdleTimeoutMinutes)} must be between 1 and 1440 (it is {options.IdleTimeoutMinutes}).";
            foreach (var problem in options.OpenIdConnect.Problems())
                yield return problem;
            if (string.IsNullOrWhiteSpace(options.ServiceName))
                yield return $"{Section}:{nameof(ServiceName)} is empty; name the service shown in the console's header.";
        }
    }
}
