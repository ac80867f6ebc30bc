namespace StpCollector.Shared;

/// <summary>Where StpCollector keeps its data (database, mail folders, archive, logs) and finds its config.</summary>
internal sealed class AppPaths
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

    /// <summary>The setting that names the data folder, the field its problems concern.</summary>
    public const string DataDirKey = "Paths:DataDir";

    /// <summary>How the data folder was named, for messages: "--data-dir" or the setting.</summary>
    public string DataDirNamedBy { get; init; } = "The data folder (Paths:DataDir)";

    /// <summary>
    /// Creates the data folder and its logs folder, or stops with one line (exit 2) saying why it cannot be used:
    /// a file in its place, a parent that is a file, no permission. Every verb, the worker included, comes through here first.
    /// </summary>
    public void EnsureDataDir()
    {
        if (File.Exists(DataDir))
            throw new InvalidInputProblem($"{DataDirNamedBy} {DataDir} is a file, not a folder: give a folder (it is created if missing).", DataDirKey);
        for (var parent = Path.GetDirectoryName(DataDir); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            if (File.Exists(parent))
                throw new InvalidInputProblem($"{DataDirNamedBy} {DataDir} cannot be created: {parent} is a file, not a folder. Give a folder path.", DataDirKey);
        }

        try
        {
            Directory.CreateDirectory(DataDir);
            Directory.CreateDirectory(LogsDir);
            // A folder that exists but cannot be written to would otherwise fail later, inside SQLite or the log writer.
            using var _ = new FileStream(Path.Combine(DataDir, $".write-check-{Environment.ProcessId}"), FileMode.Create, FileAccess.Write,
                FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputProblem(
                $"{DataDirNamedBy} {DataDir} cannot be used: {e.Message.TrimEnd('.')}. Give a folder StpCollector can create and write to.", DataDirKey);
        }
    }

    /// <summary>Resolves a configured path: absolute as given, relative to the directory holding the binary's defaults.</summary>
    public static string ResolveInstallPath(string configured) =>
        Path.IsPathRooted(configured) ? configured : Path.Combine(AppContext.BaseDirectory, configured);
}
