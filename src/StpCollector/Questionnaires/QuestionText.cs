namespace StpCollector.Questionnaires;

/// <summary>Compares question text loosely: lower case, letters and digits only, single spaces.</summary>
internal static class QuestionText
{
    public static string Key(string text)
    {
        // Lower-case letters and digits, single spaces between words; built on the stack for the usual short answer.
        var buffer = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        var length = 0;
        var space = false;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (space && length > 0)
                    buffer[length++] = ' ';
                buffer[length++] = char.ToLowerInvariant(c);
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return new string(buffer[..length]);
    }
}
