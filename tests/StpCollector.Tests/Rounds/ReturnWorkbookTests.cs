using NUnit.Framework;
using StpCollector.Rounds;

namespace StpCollector.Tests.Rounds;

/// <summary>Cell references of the hand-written return workbook, past the 26 single-letter columns.</summary>
public sealed class ReturnWorkbookTests
{
    [TestCase(1, "A")]
    [TestCase(26, "Z")]
    [TestCase(27, "AA")]
    [TestCase(28, "AB")]
    [TestCase(52, "AZ")]
    [TestCase(53, "BA")]
    [TestCase(702, "ZZ")]
    [TestCase(703, "AAA")]
    public void Column_numbers_name_columns_as_spreadsheets_do(int number, string name) =>
        Assert.That(ReturnWorkbook.ColumnName(number), Is.EqualTo(name));

    [Test]
    public void A_reference_is_the_zero_based_column_and_row_counted_from_A1()
    {
        Assert.That(ReturnWorkbook.Reference(0, 0), Is.EqualTo("A1"));
        Assert.That(ReturnWorkbook.Reference(4, 9), Is.EqualTo("E10"));
        Assert.That(ReturnWorkbook.Reference(26, 1), Is.EqualTo("AA2"));
    }
}
