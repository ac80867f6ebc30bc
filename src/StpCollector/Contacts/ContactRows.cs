using StpCollector.Files;
using StpCollector.Shared;

namespace StpCollector.Contacts;

/// <summary>One good row of a contacts file: its line, and its values as stored (code in capitals, address and role normalised).</summary>
internal sealed record ContactRow(int Line, string CouncilCode, string Name, string Email, string Role);

/// <summary>
/// How a contacts file is checked, for `contacts import` and the console's upload alike: the four columns must be there;
/// each row needs a known council, a name, an email address and a known role, and may not repeat an earlier row.
/// </summary>
internal static class ContactRows
{
    private static readonly string[] RequiredColumns = ["council_code", "name", "email", "role"];

    public static void RequireColumns(CsvTable table)
    {
        var missing = RequiredColumns.Where(c => table.ColumnOf(c) < 0).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidInputProblem(
                $"{table.Path}, line 1: missing column(s) {string.Join(", ", missing)}. The header must name council_code,name,email,role " +
                $"(found: {string.Join(",", table.Headers)}).", field: "file");
        }
    }

    public static (List<ContactRow> Valid, List<ContactImporter.RowProblem> Problems) Validate(CsvTable table, HashSet<string> knownCouncils)
    {
        int code = table.ColumnOf("council_code"), name = table.ColumnOf("name"), email = table.ColumnOf("email"), role = table.ColumnOf("role");
        var valid = new List<ContactRow>();
        var problems = new List<ContactImporter.RowProblem>();
        var seen = new Dictionary<(string, string, string), int>();
        foreach (var row in table.Rows)
        {
            var rowProblems = new List<ContactImporter.CellProblem>();
            var councilCode = row.Get(code).ToUpperInvariant();
            var address = EmailAddress.Normalise(row.Get(email));
            var roleName = row.Get(role).ToLowerInvariant().Replace(' ', '_');
            if (councilCode.Length == 0)
                rowProblems.Add(new("council_code", "council_code is empty"));
            else if (!knownCouncils.Contains(councilCode))
                rowProblems.Add(new("council_code", $"unknown council code '{councilCode}' (see: stpcollector councils list)"));
            if (row.Get(name).Length == 0)
                rowProblems.Add(new("name", "name is empty"));
            if (!EmailAddress.IsValid(address))
                rowProblems.Add(new("email", $"'{row.Get(email)}' is not a valid email address"));
            if (!ContactRoles.All.Contains(roleName))
                rowProblems.Add(new("role", $"unknown role '{row.Get(role)}' (use one of: {string.Join(", ", ContactRoles.All)})"));
            if (rowProblems.Count == 0 && seen.TryGetValue((councilCode, address, roleName), out var firstLine))
                rowProblems.Add(new("email", $"repeats line {firstLine} (same council, email and role)"));

            if (rowProblems.Count > 0)
            {
                problems.Add(new ContactImporter.RowProblem(row.Line, string.Join("; ", rowProblems.Select(p => p.Message))) { Cells = rowProblems });
                continue;
            }

            seen[(councilCode, address, roleName)] = row.Line;
            valid.Add(new ContactRow(row.Line, councilCode, row.Get(name), address, roleName));
        }

        return (valid, problems);
    }
}
