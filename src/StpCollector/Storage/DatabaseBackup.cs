using Microsoft.Data.Sqlite;
using StpCollector.Shared;

namespace StpCollector.Storage;

/// <summary>A consistent copy through SQLite's online backup API, safe while the worker writes.</summary>
internal sealed class DatabaseBackup(Database database)
{
    public async Task<long> BackupToAsync(string destination, bool overwrite, CancellationToken cancellationToken = default)
    {
        if (database.IsPostgreSql)
            throw new InvalidInputProblem($"The data lives in {database.Description}: back it up with the server's own tools (pg_dump), which copy it consistently while workers write.");
        var target = Path.GetFullPath(destination);
        if (string.Equals(target, Path.GetFullPath(database.FilePath), StringComparison.Ordinal))
            throw new InvalidInputProblem("The backup file must not be the live database itself; choose another path.", field: "file");
        var directory = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(directory))
            throw new InvalidInputProblem($"Cannot write the backup: the folder {directory} does not exist.", field: "file");
        // An earlier backup may be the only good copy; replacing it has to be asked for.
        if (!overwrite && (File.Exists(target) || Directory.Exists(target)))
            throw new InvalidInputProblem($"{target} already exists; it was left as it is. Choose another file, or add --force to replace it.", field: "file");

        // Written beside the target and renamed, so an interrupted backup never leaves a half file under the real name.
        var partial = target + ".partial";
        File.Delete(partial);
        try
        {
            await using (var source = await database.OpenAsync(cancellationToken))
            await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
            {
                await copy.OpenAsync(cancellationToken);
                ((SqliteConnection)source).BackupDatabase(copy);
            }

            File.Move(partial, target, overwrite: true);
        }
        catch
        {
            // A backup that did not finish (typically a full disk) must not leave its half copy taking space.
            File.Delete(partial);
            throw;
        }
        return new FileInfo(target).Length;
    }
}
