using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace StpCollector.Storage;

/// <summary>
/// A database password belongs in the environment (STPCOLLECTOR__Storage__ConnectionString), never in a settings file
/// that may be committed or copied about: a connection string with a password read from a file is refused, naming the file.
/// </summary>
internal sealed class StorageSecretCheck(IConfiguration configuration) : IValidateOptions<StorageOptions>
{
    private const string Key = StorageOptions.Section + ":" + nameof(StorageOptions.ConnectionString);

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString) || configuration is not IConfigurationRoot root)
            return ValidateOptionsResult.Success;
        // The last provider holding the key is the one whose value won.
        var source = root.Providers.LastOrDefault(p => p.TryGet(Key, out _));
        if (source is not FileConfigurationProvider file)
            return ValidateOptionsResult.Success;
        string? password;
        try
        {
            password = PostgresConnectionString.Parse(options.ConnectionString, Key).Password;
        }
        catch (Shared.InvalidInputProblem)
        {
            return ValidateOptionsResult.Success; // reported by StorageOptions.Validator, in words
        }

        return string.IsNullOrEmpty(password)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{Key} in {file.Source.FileProvider?.GetFileInfo(file.Source.Path ?? "").PhysicalPath ?? file.Source.Path} holds a password. Passwords are not kept in settings files: remove it there and set the " +
                "environment variable STPCOLLECTOR__Storage__ConnectionString instead (for the service, in its environment file).");
    }
}
