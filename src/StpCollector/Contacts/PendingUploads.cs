using System.Security.Cryptography;
using System.Text.RegularExpressions;
using StpCollector.Shared;

namespace StpCollector.Contacts;

/// <summary>
/// A contacts file uploaded in the console, kept between its check and the officer's choice: under the data directory,
/// in a folder named by a random id (the only thing the browser sends back, and checked to be one), removed once imported
/// or set aside, and swept after a day.
/// </summary>
internal sealed partial class PendingUploads(AppPaths paths, TimeProvider clock)
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);

    public sealed record Upload(string Id, string Name, byte[] Bytes);

    private string Root => Path.Combine(paths.DataDir, "pending-uploads", "contacts");

    public string Save(string originalName, byte[] bytes)
    {
        Sweep();
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var folder = Directory.CreateDirectory(Path.Combine(Root, id));
        File.WriteAllBytes(Path.Combine(folder.FullName, SafeName(originalName)), bytes);
        return id;
    }

    /// <summary>The upload with this id; null when the id is not one, or the upload was imported, set aside or swept.</summary>
    public Upload? Find(string? id)
    {
        if (id is null || !IdShape().IsMatch(id))
            return null;
        var folder = Path.Combine(Root, id);
        var file = Directory.Exists(folder) ? Directory.GetFiles(folder).FirstOrDefault() : null;
        return file is null ? null : new Upload(id, Path.GetFileName(file), File.ReadAllBytes(file));
    }

    public void Delete(string id)
    {
        if (IdShape().IsMatch(id) && Directory.Exists(Path.Combine(Root, id)))
            Directory.Delete(Path.Combine(Root, id), recursive: true);
    }

    /// <summary>Uploads left longer than <see cref="KeptFor"/> (checked and never imported) go.</summary>
    private void Sweep()
    {
        if (!Directory.Exists(Root))
            return;
        var cutoff = clock.GetUtcNow() - KeptFor;
        foreach (var folder in Directory.GetDirectories(Root))
        {
            if (Directory.GetCreationTimeUtc(folder) < cutoff.UtcDateTime)
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                    // Being read by the request importing it; the next sweep takes it.
                }
            }
        }
    }

    /// <summary>The uploaded name, reduced to its last part and plain characters: shown to staff and decides CSV or XLSX.</summary>
    private static string SafeName(string name)
    {
        var last = Path.GetFileName(name.Replace('\\', '/'));
        var plain = new string(last.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' or ' ' ? c : '_').ToArray()).Trim(' ', '.');
        return plain.Length == 0 ? "upload.csv" : plain[..Math.Min(plain.Length, 100)];
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex IdShape();
}
