namespace StpCollector.Calendar;

/// <summary>Western (Gregorian) Easter, by the anonymous computus (Meeus/Jones/Butcher).</summary>
internal static class Easter
{
    public static DateOnly Sunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100;
        int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = ((19 * a) + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4;
        int l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        int m = (a + (11 * h) + (22 * l)) / 451;
        int month = (h + l - (7 * m) + 114) / 31;
        int day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    public static DateOnly GoodFriday(int year) => Sunday(year).AddDays(-2);
}
