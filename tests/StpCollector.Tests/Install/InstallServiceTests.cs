using System.Runtime.Versioning;
using System.Text.Json;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Install;

/// <summary>
/// install/install-service with --destdir: a real dotnet publish laid out under a temporary root, no user,
/// no chown, no systemctl. The installed command is then run from that root.
/// </summary>
[UnsupportedOSPlatform("windows")] // installs a systemd service
public sealed class InstallServiceTests
{
    private const string Prefix = "/opt/stpcollector";
    private const string InstalledCommand = Prefix + "/bin/stpcollector";

    private TempDataDir shared = null!;
    private string sharedRoot = null!;
    private (int ExitCode, string Stdout, string Stderr) sharedInstall;

    [OneTimeSetUp]
    public async Task InstallOnceForTheReadOnlyChecks()
    {
        shared = new TempDataDir();
        sharedRoot = shared.File("root");
        sharedInstall = await InstallAsync(sharedRoot);
    }

    [OneTimeTearDown]
    public void RemoveTheSharedInstall() => shared.Dispose();

    [Test]
    public void Installing_under_a_destdir_writes_a_notify_unit_that_runs_the_installed_command_as_its_own_user()
    {
        Assert.That(sharedInstall.ExitCode, Is.EqualTo(0), sharedInstall.Stdout + sharedInstall.Stderr);
        var unit = File.ReadAllLines(Under(sharedRoot, "/etc/systemd/system/stpcollector.service"));

        Assert.That(unit, Does.Contain("Type=notify"));
        Assert.That(unit, Does.Contain("User=stpcollector"));
        Assert.That(unit, Does.Contain("EnvironmentFile=/etc/stpcollector/stpcollector.env"));
        Assert.That(unit, Does.Contain("Environment=STPCOLLECTOR__Paths__DataDir=/var/lib/stpcollector"));
        Assert.That(unit, Does.Contain("WorkingDirectory=/var/lib/stpcollector"));
        Assert.That(unit, Does.Contain("ProtectSystem=strict"));
        Assert.That(unit, Does.Contain("ReadWritePaths=/var/lib/stpcollector"));
        Assert.That(unit, Does.Contain($"ExecStart={InstalledCommand} run --config /etc/stpcollector/appsettings.json"));

        var command = Under(sharedRoot, InstalledCommand);
        Assert.That(File.Exists(command), Is.True, "the ExecStart command is installed");
        Assert.That(File.GetUnixFileMode(command) & UnixFileMode.UserExecute, Is.EqualTo(UnixFileMode.UserExecute));
        Assert.That(File.Exists(Under(sharedRoot, Prefix + "/lib/stpcollector/stpcollector.dll")), Is.True);
        Assert.That(Directory.Exists(Under(sharedRoot, "/var/lib/stpcollector")), Is.True);
    }

    [Test]
    public void The_secrets_file_is_private_and_the_settings_point_at_etc_and_var_lib()
    {
        var envFile = Under(sharedRoot, "/etc/stpcollector/stpcollector.env");
        Assert.That(File.GetUnixFileMode(envFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), "mode 600");
        Assert.That(File.ReadAllText(envFile), Does.Contain("#STPCOLLECTOR__Mail__Smtp__Password="));

        using var settings = JsonDocument.Parse(File.ReadAllText(Under(sharedRoot, "/etc/stpcollector/appsettings.json")));
        var paths = settings.RootElement.GetProperty("Paths");
        Assert.That(paths.GetProperty("DataDir").GetString(), Is.EqualTo("/var/lib/stpcollector"));
        Assert.That(paths.GetProperty("Config").GetString(), Is.EqualTo("/etc/stpcollector/config"));
        Assert.That(File.Exists(Under(sharedRoot, "/etc/stpcollector/config/questionnaires/stp-local-government-involvement.json")), Is.True);
    }

    [Test]
    public void With_a_destdir_the_system_is_left_alone_and_the_skipped_steps_are_printed()
    {
        Assert.That(sharedInstall.Stdout, Does.Contain("would run (skipped, DESTDIR is set): useradd --system"));
        Assert.That(sharedInstall.Stdout, Does.Contain("would run (skipped, DESTDIR is set): chown -R stpcollector:stpcollector /var/lib/stpcollector"));
        Assert.That(sharedInstall.Stdout, Does.Contain("would run (skipped, DESTDIR is set): systemctl daemon-reload"));
        Assert.That(sharedInstall.Stdout, Does.Not.Contain("DESTDIR is set): systemctl enable"), "--no-start enables nothing");
    }

    [Test]
    public async Task The_installed_command_runs_from_the_destdir_and_lists_the_33_London_councils()
    {
        var (exit, stdout, stderr) = await ExternalProcess.RunAsync(Under(sharedRoot, InstalledCommand),
            ["councils", "list", "--region", "London", "--json", "--data-dir", shared.File("data")]);

        Assert.That(exit, Is.EqualTo(0), stderr);
        var codes = JsonDocument.Parse(stdout).RootElement.EnumerateArray().Select(c => c.GetProperty("code").GetString()).ToList();
        Assert.That(codes, Has.Count.EqualTo(33));
        Assert.That(codes, Does.Contain("E09000001").And.Contain("E09000033"));
    }

    [Test]
    public async Task The_unit_passes_systemd_analyze_verify()
    {
        if (!File.Exists("/usr/bin/systemd-analyze"))
            Assert.Ignore("systemd-analyze is not installed here");
        // verify checks that ExecStart exists, so point it at the command inside the DESTDIR tree.
        var unit = File.ReadAllText(Under(sharedRoot, "/etc/systemd/system/stpcollector.service"))
            .Replace($"ExecStart={InstalledCommand}", $"ExecStart={Under(sharedRoot, InstalledCommand)}");
        var copy = Path.Combine(shared.File("verify"), "stpcollector.service");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        await File.WriteAllTextAsync(copy, unit);

        var (exit, stdout, stderr) = await ExternalProcess.RunAsync("/usr/bin/systemd-analyze", ["verify", copy]);

        Assert.That(exit, Is.EqualTo(0), stdout + stderr);
        Assert.That(stderr, Is.Empty, "systemd reports unknown or invalid keys on stderr");
    }

    [Test]
    public async Task Reinstalling_replaces_the_program_and_keeps_edited_settings_secrets_config_and_data()
    {
        using var dir = new TempDataDir();
        var root = dir.File("root");
        var first = await InstallAsync(root);
        Assert.That(first.ExitCode, Is.EqualTo(0), first.Stdout + first.Stderr);

        var settings = Under(root, "/etc/stpcollector/appsettings.json");
        var envFile = Under(root, "/etc/stpcollector/stpcollector.env");
        var questionnaire = Under(root, "/etc/stpcollector/config/questionnaires/stp-local-government-involvement.json");
        var database = Under(root, "/var/lib/stpcollector/stpcollector.db");
        var leftover = Under(root, Prefix + "/lib/stpcollector/left-by-an-older-version.dll");
        const string editedSettings = """{ "Paths": { "DataDir": "/var/lib/stpcollector" }, "Mail": { "FromName": "Edited by LGA staff" } }""";
        await File.WriteAllTextAsync(settings, editedSettings);
        await File.AppendAllTextAsync(envFile, "STPCOLLECTOR__Mail__Smtp__Password=edited\n");
        File.SetUnixFileMode(envFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var editedQuestionnaire = await File.ReadAllTextAsync(questionnaire) + "\n";
        await File.WriteAllTextAsync(questionnaire, editedQuestionnaire);
        await File.WriteAllTextAsync(database, "not really a database");
        await File.WriteAllTextAsync(leftover, "stale");

        var second = await InstallAsync(root);

        Assert.That(second.ExitCode, Is.EqualTo(0), second.Stdout + second.Stderr);
        Assert.That(await File.ReadAllTextAsync(settings), Is.EqualTo(editedSettings));
        Assert.That(await File.ReadAllTextAsync(envFile), Does.EndWith("STPCOLLECTOR__Mail__Smtp__Password=edited\n"));
        Assert.That(File.GetUnixFileMode(envFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), "mode put back to 600");
        Assert.That(await File.ReadAllTextAsync(questionnaire), Is.EqualTo(editedQuestionnaire), "edited questionnaire kept");
        Assert.That(second.Stdout, Does.Contain($"kept your edited {questionnaire}"));
        Assert.That(await File.ReadAllTextAsync(database), Is.EqualTo("not really a database"));
        Assert.That(File.Exists(leftover), Is.False, "the program folder is replaced as a whole");
        Assert.That(File.Exists(Under(root, Prefix + "/lib/stpcollector/stpcollector.dll")), Is.True);
    }

    [Test]
    public async Task Unknown_options_and_a_relative_prefix_are_refused_with_exit_code_2()
    {
        using var dir = new TempDataDir();
        var unknown = await ExternalProcess.RunAsync(RepoPaths.Install("install-service"), ["--destdir", dir.Path, "--bogus"]);
        var relative = await ExternalProcess.RunAsync(RepoPaths.Install("install-service"), ["--destdir", dir.Path, "--prefix", "opt/x"]);

        Assert.That(unknown.ExitCode, Is.EqualTo(2));
        Assert.That(unknown.Stderr, Does.Contain("unknown argument '--bogus'"));
        Assert.That(relative.ExitCode, Is.EqualTo(2));
        Assert.That(relative.Stderr, Does.Contain("--prefix must be an absolute path"));
        Assert.That(Directory.EnumerateFileSystemEntries(dir.Path), Is.Empty, "nothing installed");
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> InstallAsync(string root) =>
        ExternalProcess.RunAsync(RepoPaths.Install("install-service"),
            ["--destdir", root, "--prefix", Prefix, "--no-start"],
            new Dictionary<string, string?> { ["DESTDIR"] = null },
            timeoutSeconds: 300);

    private static string Under(string root, string absolutePath) => root + absolutePath;
}
