namespace StpCollector.Hosting;

/// <summary>Section "Paths". DataDir is relative to the working directory; the others to the installed binary.</summary>
internal sealed class PathsOptions
{
    public const string Section = "Paths";

    public string DataDir { get; set; } = "var";
    public string Config { get; set; } = "config";
    public string Seeds { get; set; } = "seeds";
}
