namespace StpCollector.Files;

/// <summary>
/// Spreadsheet programs run a cell that starts with = + - @ (or a tab or carriage return before one) as a formula.
/// Text from councils is prefixed with an apostrophe so it shows as typed and never runs (OWASP CSV injection).
/// Numbers are written as numbers and need no such care.
/// </summary>
internal static class CellSafety
{
    public static string? Neutralise(string? text) =>
        text is { Length: > 0 } && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
