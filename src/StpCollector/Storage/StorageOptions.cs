using StpCollector.Shared;

namespace StpCollector.Storage;

internal sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Sqlite (one file in the data dir) or PostgreSql (several workers on one server).</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// The PostgreSQL server and database, as postgres://USER:PASSWORD@HOST:5432/DATABASE or Npgsql keywords. It holds a
    /// password, so it is read from the environment (STPCOLLECTOR__Storage__ConnectionString), never from a file in the repo.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long a writer waits for another writer (worker and CLI share the file).</summary>
    public int BusyTimeoutSeconds { get; set; } = 30;

    /// <summary>The worker warns (once an hour) when free space on the data folder's disk drops below this and below the percentage.</summary>
    public long LowSpaceWarningMegabytes { get; set; } = 500;

    /// <summary>Free space, as a percentage of the disk, below which (and below the megabytes) the worker warns; 0 turns the percentage off.</summary>
    public double LowSpaceWarningPercent { get; set; } = 5;

    /// <summary>Every problem in the section, each naming its key.</summary>
    internal sealed class Validator : OptionsValidator<StorageOptions>
    {
        protected override IEnumerable<string> Problems(StorageOptions options)
        {
            if (options.LowSpaceWarningMegabytes < 0)
                yield return $"{Section}:{nameof(LowSpaceWarningMegabytes)} must be 0 (no warning) or more (it is {options.LowSpaceWarningMegabytes}).";
            if (options.LowSpaceWarningPercent is < 0 or > 100)
                yield return $"{Section}:{nameof(LowSpaceWarningPercent)} must be between 0 and 100 (it is {options.LowSpaceWarningPercent}).";
            if (options.Provider == StorageProvider.PostgreSql && string.IsNullOrWhiteSpace(options.ConnectionString))
                yield return $"{Section}:{nameof(Provider)} is PostgreSql but no server is named: set the environment variable STPCOLLECTOR__Storage__ConnectionString to postgres://USER:PASSWORD@HOST:5432/DATABASE.";
            if (options.Provider == StorageProvider.PostgreSql && !string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                string? problem = null;
                try
                {
                    PostgresConnectionString.Parse(options.ConnectionString, $"{Section}:{nameof(ConnectionString)}");
                }
                catch (InvalidInputProblem e)
                {
                    problem = e.Message;
                }

                if (problem is not null)
                    yield return problem;
            }

            if (options.BusyTimeoutSeconds is < 1 or > 600)
                yield return $"{Section}:{nameof(BusyTimeoutSeconds)} must be between 1 and 600 seconds (it is {options.BusyTimeoutSeconds}).";
        }
    }
}
