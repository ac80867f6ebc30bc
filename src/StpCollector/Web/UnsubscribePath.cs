namespace StpCollector.Web;

/// <summary>Where the bulletin's one-click unsubscribe links land: {Web:PublicBaseUrl}/unsubscribe/{token}.</summary>
internal static class UnsubscribePath
{
    public const string Prefix = "/unsubscribe";
}
