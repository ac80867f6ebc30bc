using System.Reflection;
using Dapper;

namespace StpCollector.Storage;

/// <summary>
/// Lets Dapper build positional records from SQLite results whose column types it cannot see. SQLite types values,
/// not columns: a computed column (count(), max(), a subquery) has no declared type, so on an empty result, or when the
/// first row holds NULL, Microsoft.Data.Sqlite reports it as byte[]. Dapper's default map then finds no constructor
/// (e.g. "a parameterless default constructor or one matching signature (Int64 Id, Byte[] Councils, ...)") and the query
/// fails although there is nothing, or nothing typed, to read. Here a byte[] column matches any parameter of the same name;
/// Dapper converts the real values as they come (and a genuine BLOB still matches a byte[] parameter first).
/// </summary>
internal sealed class UntypedColumnTypeMap(Type type) : SqlMapper.ITypeMap
{
    private readonly DefaultTypeMap inner = new(type);

    public ConstructorInfo? FindConstructor(string[] names, Type[] types)
    {
        if (inner.FindConstructor(names, types) is { } exact)
            return exact;
        foreach (var constructor in type.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            var parameters = constructor.GetParameters();
            if (parameters.Length != types.Length || parameters.Length == 0)
                continue;
            var seen = types.Select((t, i) =>
            {
                var wanted = Nullable.GetUnderlyingType(parameters[i].ParameterType) ?? parameters[i].ParameterType;
                var sameName = string.Equals(parameters[i].Name, names[i], StringComparison.OrdinalIgnoreCase);
                return sameName && (t == typeof(byte[]) || (IsNumber(t) && IsNumber(wanted))) ? wanted : t;
            }).ToArray();
            if (inner.FindConstructor(names, seen) is { } tolerant)
                return tolerant;
        }

        return null;
    }

    /// <summary>
    /// PostgreSQL types computed columns where SQLite does not: count() is bigint, sum() numeric, a literal 1 integer, a
    /// comparison boolean. The records say what they mean (long, double, bool); Dapper converts between these as it reads.
    /// </summary>
    private static bool IsNumber(Type type) =>
        type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(decimal) || type == typeof(double)
        || type == typeof(float) || type == typeof(bool);

    public ConstructorInfo? FindExplicitConstructor() => inner.FindExplicitConstructor();

    public SqlMapper.IMemberMap? GetConstructorParameter(ConstructorInfo constructor, string columnName) =>
        inner.GetConstructorParameter(constructor, columnName);

    public SqlMapper.IMemberMap? GetMember(string columnName) => inner.GetMember(columnName);
}
