namespace StpCollector.Tests.Support;

internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Install(string script) => Path.Combine(Root, "install", script);

    public static string Seeds(string file) => Path.Combine(Root, "seeds", file);

    /// <summary>The built stpcollector.dll beside the tests (the project reference copies it).</summary>
    public static string AppDll => Path.Combine(TestContext.CurrentContext.TestDirectory, "stpcollector.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "StpCollector.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Cannot find StpCollector.sln above " + AppContext.BaseDirectory);
    }
}
