using System.CommandLine;

namespace StpCollector.Cli;

internal static class CommonOptions
{
    public static readonly Option<string?> DataDir = new("--data-dir")
    {
        Description = "Folder for the database, mail folders, archive and logs (default ./var)",
        Recursive = true,
    };

    public static readonly Option<string?> Config = new("--config")
    {
        Description = "A JSON settings file layered over the defaults",
        Recursive = true,
    };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON for scripts instead of a table" };
}
