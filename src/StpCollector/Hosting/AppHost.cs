using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;
using Serilog.Settings.Configuration;
using StpCollector.Cli;
using StpCollector.Shared;

namespace StpCollector.Hosting;

/// <summary>
/// Builds the host both the worker and the staff verbs use. Configuration layers, lowest first:
/// appsettings.json beside the binary, the --config file, STPCOLLECTOR__Section__Key environment variables, --data-dir.
/// </summary>
internal static class AppHost
{
    public const string EnvironmentPrefix = "STPCOLLECTOR__";

    public static HostApplicationBuilder CreateBuilder(GlobalArguments global, bool worker)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        Configure(builder, global, worker);
        return builder;
    }

    /// <summary>What every host has, whichever builder made it: settings, paths, every feature's services, logging, and the sweeps for a worker.</summary>
    public static AppPaths Configure(IHostApplicationBuilder builder, GlobalArguments global, bool worker)
    {
        AddConfiguration(builder.Configuration, global);

        var pathsOptions = builder.Configuration.GetSection(PathsOptions.Section).Get<PathsOptions>() ?? new PathsOptions();
        var paths = new AppPaths(
            pathsOptions.DataDir,
            AppPaths.ResolveInstallPath(pathsOptions.Config),
            AppPaths.ResolveInstallPath(pathsOptions.Seeds))
        {
            DataDirNamedBy = global.DataDir is not null ? "--data-dir" : "The data folder (Paths:DataDir)",
        };
        paths.EnsureDataDir();
        builder.Services.AddSingleton(paths);
        builder.Services.AddStpCollector();
        builder.Services.AddSerilog((_, logger) => ConfigureLogging(logger, builder.Configuration, paths, worker));
        if (worker)
        {
            builder.Services.AddSystemd();
            builder.Services.AddWorker(builder.Configuration);
        }

        return paths;
    }

    /// <summary>The settings alone, layered as the host layers them (to decide how to build the host).</summary>
    public static IConfiguration ReadConfiguration(GlobalArguments global)
    {
        var configuration = new ConfigurationManager();
        AddConfiguration(configuration, global);
        return configuration;
    }

    private static void AddConfiguration(IConfigurationManager configuration, GlobalArguments global)
    {
        var defaults = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        AddJson(configuration, defaults, "the default settings");
        if (global.ConfigFile is not null)
        {
            var overrides = Path.GetFullPath(global.ConfigFile);
            if (!File.Exists(overrides))
                throw new ConfigurationProblemException($"Configuration error: the --config file {overrides} does not exist.");
            AddJson(configuration, overrides, "the --config file");
        }

        configuration.AddEnvironmentVariables(EnvironmentPrefix);
        if (global.DataDir is not null)
            configuration.AddInMemoryCollection([new($"{PathsOptions.Section}:{nameof(PathsOptions.DataDir)}", global.DataDir)]);
    }

    private static void AddJson(IConfigurationManager configuration, string path, string what)
    {
        if (!File.Exists(path))
            return;
        try
        {
            // Checked here so a typo gives the file and line instead of failing deep inside the host build.
            using var _ = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            });
        }
        catch (JsonException json)
        {
            throw new ConfigurationProblemException(
                $"Configuration error: {what} ({path}) is not valid JSON at line {json.LineNumber + 1}: {json.Message.Split(" LineNumber:")[0]}");
        }

        configuration.AddJsonFile(path, optional: false, reloadOnChange: false);
    }

    private static void ConfigureLogging(LoggerConfiguration logger, IConfiguration configuration, AppPaths paths, bool worker)
    {
        paths.EnsureDataDir();
        logger.ReadFrom.Configuration(configuration, LoggingSettingsReader(configuration))
            .Enrich.FromLogContext();
        // A full disk or a vanished logs folder must never stop the program: the wrapper swallows the file's errors.
        var logFile = Path.Combine(paths.LogsDir, "stpcollector-.log");
        logger.WriteTo.Sink(Serilog.Configuration.LoggerSinkConfiguration.Wrap(
            wrapSink: sink => new ForgivingSink(sink, $"in {paths.LogsDir}"),
            configureWrappedSink: file => file.File(
                logFile,
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 31,
                shared: true,
                outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}")));
        if (worker)
            logger.WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss} [{Level:u3}] {Message:lj}{NewLine}{Exception}");
        else
            logger.WriteTo.Console(restrictedToMinimumLevel: LogEventLevel.Warning, standardErrorFromLevel: LogEventLevel.Verbose,
                outputTemplate: "{Level:u3}: {Message:lj}{NewLine}");
    }

    /// <summary>
    /// Settings that only set levels need nothing but Serilog itself; only settings that name sinks, enrichers or
    /// "Using" have Serilog search every assembly beside the binary for them (a search that costs each verb tens of ms).
    /// </summary>
    private static ConfigurationReaderOptions LoggingSettingsReader(IConfiguration configuration) =>
        configuration.GetSection("Serilog").GetChildren().All(setting => LevelOnlySettings.Contains(setting.Key))
            ? new ConfigurationReaderOptions(typeof(Log).Assembly)
            : new ConfigurationReaderOptions();

    private static readonly HashSet<string> LevelOnlySettings = new(StringComparer.OrdinalIgnoreCase) { "MinimumLevel", "LevelSwitches", "Properties" };

    /// <summary>Validates configuration, creates the data directory, migrates the database and loads changed seeds.</summary>
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        OptionsRegistration.ValidateAll(services);
        services.GetRequiredService<AppPaths>().EnsureDataDir();
        await services.GetRequiredService<Storage.Migrator>().MigrateAsync(cancellationToken);
        await services.GetRequiredService<Reference.SeedLoader>().LoadIfChangedAsync(cancellationToken);
        _ = services.GetRequiredService<IOptions<PathsOptions>>();
    }
}
