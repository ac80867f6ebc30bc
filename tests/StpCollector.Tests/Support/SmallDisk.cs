using System.Diagnostics;

namespace StpCollector.Tests.Support;

/// <summary>
/// A real, small filesystem (an 8 MB tmpfs) mounted for one test and unmounted when it is disposed, even when the test
/// failed. Where mounting is not allowed (not root, no CAP_SYS_ADMIN in a container) the test is ignored, saying why.
/// </summary>
internal sealed class SmallDisk : IDisposable
{
    private readonly string filler;

    private SmallDisk(string path)
    {
        Path = path;
        filler = System.IO.Path.Combine(path, "filler");
    }

    public string Path { get; }

    public long FreeBytes => new DriveInfo(Path).AvailableFreeSpace;

    public static SmallDisk MountOrIgnore(int megabytes = 8)
    {
        if (!OperatingSystem.IsLinux())
            Assert.Ignore("The full-disk tests mount a tmpfs, which needs Linux.");
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "stpc-small-disk-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        var (exit, output) = Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path);
        if (exit != 0)
        {
            Directory.Delete(path);
            Assert.Ignore($"The full-disk tests need to mount a tmpfs (as root, with mount permission); mount said: {output.Trim()}");
        }

        return new SmallDisk(path);
    }

    /// <summary>Writes real bytes (a sparse file would take no space) until only about <paramref name="leaveFree"/> bytes are free.</summary>
    public void FillLeaving(long leaveFree)
    {
        Empty();
        var buffer = new byte[64 * 1024];
        Array.Fill(buffer, (byte)'x');
        using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, 1);
        try
        {
            while (FreeBytes > leaveFree)
            {
                var chunk = (int)Math.Min(buffer.Length, Math.Max(4096, FreeBytes - leaveFree));
                stream.Write(buffer, 0, chunk);
                stream.Flush();
            }
        }
        catch (IOException)
        {
            // Full: exactly what leaveFree = 0 asks for.
        }
    }

    public void Empty() => File.Delete(filler);

    public void Dispose()
    {
        Empty();
        var (exit, _) = Run("umount", Path);
        if (exit != 0)
            Run("umount", "-l", Path); // something still holds a file: detach now, the kernel frees it when released
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static (int Exit, string Output) Run(string file, params string[] args)
    {
        try
        {
            var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var arg in args)
                info.ArgumentList.Add(arg);
            using var process = Process.Start(info)!;
            var output = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
