using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace StpCollector.Benchmarks.Reference;

/// <summary>
/// explain: EXPLAIN QUERY PLAN for every SQL query a feature runs, read from the string literals compiled into its
/// types (so the plan shown is the plan of the shipped SQL, not of a copy). Parameters are bound to NULL except
/// those naming a round, which get --round; the planner's choice of index does not depend on the values.
/// </summary>
public static partial class QueryPlans
{
    private const byte Ldstr = 0x72;

    public static async Task<int> RunAsync(Arguments args)
    {
        var prefix = args.Text("namespace");
        var assembly = typeof(StpCollector.Storage.Database).Assembly;
        var queries = SqlLiterals(assembly, prefix).Concat(SqlBuilders(assembly, prefix)).ToList();
        if (queries.Count == 0)
        {
            Console.WriteLine($"explain: no SQL queries found in {prefix}");
            return 1;
        }

        var round = args.Text("round", "1");
        using var host = await BenchHost.StartAsync(args.Text("data-dir"));
        await using var connection = (Microsoft.Data.Sqlite.SqliteConnection)await host.OpenAsync();
        var fullScans = 0;
        foreach (var (where, sql) in queries)
        {
            Console.WriteLine($"-- {where}: {OneLine(sql)}");
            await using var command = connection.CreateCommand();
            // Dapper expands "IN @list" into "IN (@list1, @list2, ...)"; one element plans the same way.
            command.CommandText = "EXPLAIN QUERY PLAN " + ListParameter().Replace(sql, "IN (${name})");
            foreach (var name in Parameters().Matches(sql).Select(m => m.Value).Distinct())
                command.Parameters.AddWithValue(name, name.Contains("round", StringComparison.OrdinalIgnoreCase) ? round : DBNull.Value);
            try
            {
                await using var reader = await command.ExecuteReaderAsync();
                var depth = new Dictionary<long, int> { [0] = 0 };
                while (await reader.ReadAsync())
                {
                    var (id, parent, detail) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetString(3));
                    depth[id] = depth.GetValueOrDefault(parent) + 1;
                    Console.WriteLine($"   {new string(' ', 2 * depth[id])}{detail}");
                    if (BigTableScan().IsMatch(detail))
                        fullScans++;
                }
            }
            catch (SqliteException e)
            {
                Console.WriteLine($"   (not a complete statement on its own, skipped: {e.Message.Split('\n')[0]})");
            }
        }

        Console.WriteLine($"explain: {queries.Count} queries, {fullScans} full scans of answers/returns without an index");
        return 0;
    }

    private static IEnumerable<(string Where, string Sql)> SqlLiterals(Assembly assembly, string prefix)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var seen = new HashSet<string>();
        foreach (var type in assembly.GetTypes().Where(t => t.Namespace?.StartsWith(prefix, StringComparison.Ordinal) == true).OrderBy(t => t.FullName))
        {
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                var il = method.GetMethodBody()?.GetILAsByteArray();
                if (il is null)
                    continue;
                for (var i = 0; i + 4 < il.Length; i++)
                {
                    if (il[i] != Ldstr || il[i + 4] != 0x70)
                        continue;
                    string text;
                    try
                    {
                        text = method.Module.ResolveString(BitConverter.ToInt32(il, i + 1));
                    }
                    catch (ArgumentException)
                    {
                        continue;
                    }

                    if (Query().IsMatch(text) && seen.Add(text))
                        yield return ($"{Outer(type).Name}", text.Trim());
                }
            }
        }
    }

    /// <summary>SQL put together at run time by a static "...Sql(enum)" method: one query per value of the enum.</summary>
    private static IEnumerable<(string Where, string Sql)> SqlBuilders(Assembly assembly, string prefix)
    {
        const BindingFlags statics = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in assembly.GetTypes().Where(t => t.Namespace?.StartsWith(prefix, StringComparison.Ordinal) == true).OrderBy(t => t.FullName))
        {
            foreach (var method in type.GetMethods(statics).Where(m => m.Name.EndsWith("Sql", StringComparison.Ordinal) && m.ReturnType == typeof(string)))
            {
                var parameters = method.GetParameters();
                if (parameters.Length == 0)
                {
                    yield return ($"{Outer(type).Name}.{method.Name}()", ((string)method.Invoke(null, null)!).Trim());
                    continue;
                }

                if (parameters.Length != 1 || !parameters[0].ParameterType.IsEnum)
                    continue;
                foreach (var value in Enum.GetValues(parameters[0].ParameterType))
                    yield return ($"{Outer(type).Name}.{method.Name}({value})", ((string)method.Invoke(null, [value])!).Trim());
            }
        }
    }

    private static Type Outer(Type type) => type.DeclaringType is { } outer ? Outer(outer) : type;

    private static string OneLine(string sql)
    {
        var line = Whitespace().Replace(sql, " ");
        return line.Length <= 110 ? line : line[..107] + "...";
    }

    [GeneratedRegex(@"^\s*(SELECT|WITH)\b[\s\S]*\bFROM\b", RegexOptions.IgnoreCase)]
    private static partial Regex Query();

    [GeneratedRegex(@"[@$:][A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Parameters();

    [GeneratedRegex(@"^SCAN (answers|returns)\b(?!.*USING)")]
    private static partial Regex BigTableScan();

    [GeneratedRegex(@"\bIN\s+(?<name>@[A-Za-z_][A-Za-z0-9_]*)", RegexOptions.IgnoreCase)]
    private static partial Regex ListParameter();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
