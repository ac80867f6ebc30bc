namespace StpCollector.Web;

/// <summary>
/// Optional sign-in through the organisation's identity provider (e.g. the LGA's Microsoft 365), section
/// "Web:OpenIdConnect". Off by default. People still need a local account: the provider's email claim is matched to it,
/// and the local account's role and state decide what they may do.
/// </summary>
internal sealed class ExternalSignInOptions
{
    public const string Section = "Web:OpenIdConnect";
    public const string Scheme = "oidc";
    public const string CallbackPath = "/signin-oidc";

    public bool Enabled { get; set; }

    /// <summary>The provider's issuer, e.g. https://login.microsoftonline.com/TENANT-ID/v2.0.</summary>
    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "";

    /// <summary>Never in a settings file in the repository: STPCOLLECTOR__Web__OpenIdConnect__ClientSecret.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>The button's words on the sign-in page.</summary>
    public string DisplayName { get; set; } = "Sign in with Microsoft 365";

    public IEnumerable<string> Problems()
    {
        if (!Enabled)
            yield break;
        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || authority.Scheme != "https")
            yield return $"{Section}:{nameof(Authority)} must be the provider's https issuer address (e.g. https://login.microsoftonline.com/TENANT-ID/v2.0).";
        if (string.IsNullOrWhiteSpace(ClientId))
            yield return $"{Section}:{nameof(ClientId)} is empty; give the application (client) id registered with the provider.";
        if (string.IsNullOrWhiteSpace(ClientSecret))
            yield return $"{Section}:{nameof(ClientSecret)} is empty; set it in the environment as STPCOLLECTOR__Web__OpenIdConnect__ClientSecret.";
    }
}
