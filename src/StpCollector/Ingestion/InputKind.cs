namespace StpCollector.Ingestion;

/// <summary>What arrived: an email, a return file, or something not read; stored in inbound_messages.kind as <see cref="InputKinds.Text"/>.</summary>
internal enum InputKind { Email, Csv, Xlsx, Other }

/// <summary>The kind words in the database, read and written only here.</summary>
internal static class InputKinds
{
    public static string Text(this InputKind kind) => kind.ToString().ToLowerInvariant();

    public static InputKind Parse(string text) => text switch
    {
        "email" => InputKind.Email,
        "csv" => InputKind.Csv,
        "xlsx" => InputKind.Xlsx,
        "other" => InputKind.Other,
        _ => throw new FormatException($"'{text}' is not an inbound message kind"),
    };
}
