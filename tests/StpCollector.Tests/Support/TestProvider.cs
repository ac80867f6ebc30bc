namespace StpCollector.Tests.Support;

/// <summary>
/// Which store the tests run on: SQLite unless STPCOLLECTOR_TEST_PROVIDER=PostgreSql, which install/test sets for its second
/// pass over the feature tests. Each TempDataDir then gets its own database on the shared <see cref="PostgresSandbox"/>.
/// </summary>
internal static class TestProvider
{
    public static bool IsPostgreSql { get; } =
        string.Equals(Environment.GetEnvironmentVariable("STPCOLLECTOR_TEST_PROVIDER"), "PostgreSql", StringComparison.OrdinalIgnoreCase);
}
