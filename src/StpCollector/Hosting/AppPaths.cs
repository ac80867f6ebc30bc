namespace StpCollector.Hosting;

/// <summary>Where StpCollector keeps its data (database, mail folders, archive, logs) and finds its config.</summary>
public sealed class AppPaths
{
    public AppPaths(string dataDir, string configDir, string seedsDir)
    {
        DataDir = Path.GetFullPath(dataDir);
        ConfigDir = Path.GetFullPath(configDir);
        SeedsDir = Path.GetFullPath(seedsDir);
    }

    public string DataDir { get; }
    public string ConfigDir { get; }
    public string SeedsDir { get; }

    public string DatabaseFile => Path.Combine(DataDir, "stpcollector.db");
    public string LogsDir => Path.Combine(DataDir, "logs");
    public string ArchiveDir => Path.Combine(DataDir, "archive");
    public string MailDir => Path.Combine(DataDir, "mail");
    public string PickupDir => Path.Combine(MailDir, "outbox");
    public string DropDir => Path.Combine(MailDir, "inbox");
    public string SecretsDir => Path.Combine(DataDir, "secrets");

    public string QuestionnairesDir => Path.Combine(ConfigDir, "questionnaires");
    public string TemplatesDir => Path.Combine(ConfigDir, "templates");
    public string BulletinsDir => Path.Combine(ConfigDir, "bulletins");

    public void EnsureDataDir()
    {
        Directory.CreateDirectory(DataDir);
        Directory.CreateDirectory(LogsDir);
    }

    /// <summary>Resolves a configured path: absolute as given, relative to the directory holding the binary's defaults.</summary>
    public static string ResolveInstallPath(string configured) =>
        Path.IsPathRooted(configured) ? configured : Path.Combine(AppContext.BaseDirectory, configured);
}
