namespace StpCollector.Storage;

/// <summary>Where the data lives: one SQLite file in the data dir (the default), or a PostgreSQL server shared by several workers.</summary>
internal enum StorageProvider
{
    Sqlite,
    PostgreSql,
}
