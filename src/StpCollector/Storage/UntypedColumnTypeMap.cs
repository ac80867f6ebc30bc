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
            var seen = types.Select((t, i) => t == typeof(byte[]) && string.Equals(parameters[i].Name, names[i], StringComparison.OrdinalIgnoreCase)
                ? Nullable.GetUnderlyingType(parameters[i].ParameterType) ?? parameters[i].ParameterType
                : t).ToArray();
            if (inner.FindConstructor(names, seen) is { } tolerant)
                return tolerant;
        }

        return null;
    }

    public ConstructorInfo? FindExplicitConstructor() => inner.FindExplicitConstructor();

    public SqlMapper.IMemberMap? GetConstructorParameter(ConstructorInfo constructor, string columnName) =>
        inner.GetConstructorParameter(constructor, columnName);

    public SqlMapper.IMemberMap? GetMember(string columnName) => inner.GetMember(columnName);
}
