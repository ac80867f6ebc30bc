using System.Text.RegularExpressions;
using Npgsql;
using StpCollector.Shared;

namespace StpCollector.Storage;

/// <summary>
/// Reads a PostgreSQL connection string in either form staff meet: a URI (postgres://user:password@host:5432/db?sslmode=require,
/// as hosting panels print it) or Npgsql's "Host=...;Database=..." keywords.
/// </summary>
internal static partial class PostgresConnectionString
{
    public static NpgsqlConnectionStringBuilder Parse(string value, string field)
    {
        var text = value.Trim();
        try
        {
            return text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
                ? FromUri(new Uri(text))
                : new NpgsqlConnectionStringBuilder(text);
        }
        catch (Exception e) when (e is ArgumentException or UriFormatException or FormatException or KeyNotFoundException)
        {
            throw new InvalidInputProblem(
                $"The PostgreSQL connection string in {field} could not be read ({e.Message}). " +
                "Write it as postgres://USER:PASSWORD@HOST:5432/DATABASE or as Host=HOST;Port=5432;Database=DATABASE;Username=USER;Password=PASSWORD.", field);
        }
    }

    /// <summary>The same server and database without the password, for messages and logs.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder) =>
        $"the PostgreSQL database {builder.Database} on {builder.Host}:{builder.Port}" + (string.IsNullOrEmpty(builder.Username) ? "" : $" as {builder.Username}");

    /// <summary>
    /// The text with any password in a connection string left out (postgres://user:***@host, Password=***), for
    /// anything that records what was typed, such as the audit of `db copy --to postgres://...`.
    /// </summary>
    public static string Redact(string text) =>
        KeywordPassword().Replace(UriPassword().Replace(text, "${prefix}***@"), "${key}=***");

    [GeneratedRegex(@"(?<prefix>[a-z][a-z0-9+.-]*://[^:/@\s]*:)[^/\s]*@", RegexOptions.IgnoreCase)]
    private static partial Regex UriPassword();

    [GeneratedRegex(@"(?<key>\b(password|pwd))\s*=\s*[^;]*", RegexOptions.IgnoreCase)]
    private static partial Regex KeywordPassword();

    private static NpgsqlConnectionStringBuilder FromUri(Uri uri)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = Uri.UnescapeDataString(uri.Host),
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0)
            builder.Username = Uri.UnescapeDataString(userInfo[0]);
        if (userInfo.Length == 2)
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(parts[0]);
            var setting = parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : "";
            // libpq's "host=/path" names a Unix-socket folder, which a URI cannot carry in its authority.
            builder[key.Equals("sslmode", StringComparison.OrdinalIgnoreCase) ? "SSL Mode" : key] = setting;
        }

        if (string.IsNullOrEmpty(builder.Database))
            throw new FormatException("it names no database after the host");
        return builder;
    }
}
