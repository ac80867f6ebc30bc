namespace StpCollector.Web;

/// <summary>File names for downloads made from names senders chose: letters, digits and a few marks only, so no header or path tricks.</summary>
internal static class DownloadName
{
    public static string Safe(string name, string fallback)
    {
        var kept = new string(Path.GetFileName(name).Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray()).Trim('.', '_');
        return kept.Length == 0 ? fallback : kept.Length > 100 ? kept[^100..] : kept;
    }

    /// <summary>The name's extension when it is a plain one (".csv", ".xlsx"), otherwise nothing.</summary>
    public static string Extension(string name)
    {
        var extension = Path.GetExtension(name);
        return extension.Length is > 1 and <= 6 && extension[1..].All(char.IsAsciiLetterOrDigit) ? extension.ToLowerInvariant() : "";
    }
}
