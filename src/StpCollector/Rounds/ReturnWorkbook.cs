using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;
using StpCollector.Questionnaires;

namespace StpCollector.Rounds;

/// <summary>
/// Writes the XLSX return template as plain SpreadsheetML: two sheets of inline strings, a bold frozen header, set
/// column widths, a text-formatted answer column (so "4%" or "0044" stay as typed) and drop-down lists where the
/// answers are a short fixed list. Written by hand because a general library took ~13 ms per workbook, and a national
/// round builds hundreds of them inside the opening batches; this takes well under a millisecond.
/// </summary>
internal static class ReturnWorkbook
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string OfficeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    // Cell styles (cellXfs in styles.xml): 0 plain, 1 bold header, 2 text-formatted wrapped answer, 3 wrapped text.
    private const int Header = 1, Answer = 2, Wrapped = 3;

    public sealed record Cell(string Text, int Style = 0);

    public sealed record Sheet(string Name, IReadOnlyList<double> Widths, IReadOnlyList<IReadOnlyList<Cell>> Rows, IReadOnlyDictionary<string, string> DropDowns);

    public static byte[] Write(IReadOnlyList<Sheet> sheets)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "[Content_Types].xml", ContentTypes(sheets.Count));
            Add(zip, "_rels/.rels",
                $"""<Relationships xmlns="{Relationships}"><Relationship Id="rId1" Type="{OfficeRelationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Add(zip, "xl/workbook.xml", Workbook(sheets));
            Add(zip, "xl/_rels/workbook.xml.rels", WorkbookRelationships(sheets.Count));
            Add(zip, "xl/styles.xml", Styles);
            for (var i = 0; i < sheets.Count; i++)
                Add(zip, $"xl/worksheets/sheet{i + 1}.xml", Worksheet(sheets[i]));
        }

        return buffer.ToArray();
    }

    public static Cell Head(string text) => new(text, Header);

    public static Cell AnswerCell(string text) => new(text, Answer);

    public static Cell Wrap(string text) => new(text, Wrapped);

    /// <summary>The list for an Excel drop-down, or null when the answers are free or do not fit one (commas, over 255 characters).</summary>
    public static string? DropDownFor(Question question)
    {
        var labels = question.Type.OffersDropDown
            ? question.AllowedOptions.Select(o => o.Label).ToList()
            : [];
        var list = string.Join(',', labels);
        return labels.Count == 0 || labels.Any(l => l.Contains(',') || l.Contains('"')) || list.Length > 255 ? null : list;
    }

    private static void Add(ZipArchive zip, string name, string xml)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        var bytes = Encoding.UTF8.GetBytes("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""" + "\n" + xml);
        stream.Write(bytes);
    }

    private static string ContentTypes(int sheets)
    {
        var xml = new StringBuilder($"""<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">""");
        xml.Append("""<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>""");
        xml.Append("""<Default Extension="xml" ContentType="application/xml"/>""");
        xml.Append("""<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>""");
        xml.Append("""<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>""");
        for (var i = 1; i <= sheets; i++)
            xml.Append($"""<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>""");
        return xml.Append("</Types>").ToString();
    }

    private static string Workbook(IReadOnlyList<Sheet> sheets) =>
        $"""<workbook xmlns="{Main}" xmlns:r="{OfficeRelationships}"><sheets>""" +
        string.Concat(sheets.Select((s, i) => $"""<sheet name="{Escape(s.Name)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>""")) +
        "</sheets></workbook>";

    private static string WorkbookRelationships(int sheets) =>
        $"""<Relationships xmlns="{Relationships}">""" +
        string.Concat(Enumerable.Range(1, sheets).Select(i => $"""<Relationship Id="rId{i}" Type="{OfficeRelationships}/worksheet" Target="worksheets/sheet{i}.xml"/>""")) +
        $"""<Relationship Id="rId{sheets + 1}" Type="{OfficeRelationships}/styles" Target="styles.xml"/></Relationships>""";

    private static readonly string Styles =
        $"""<styleSheet xmlns="{Main}">""" +
        """<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>""" +
        """<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>""" +
        """<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>""" +
        """<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>""" +
        """<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>""" +
        """<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>""" +
        """<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>""" +
        """<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf></cellXfs>""" +
        """<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>""";

    private static string Worksheet(Sheet sheet)
    {
        var xml = new StringBuilder($"""<worksheet xmlns="{Main}">""");
        xml.Append("""<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>""");
        xml.Append("<cols>");
        for (var c = 0; c < sheet.Widths.Count; c++)
            xml.Append(CultureInfo.InvariantCulture, $"""<col min="{c + 1}" max="{c + 1}" width="{sheet.Widths[c]}" customWidth="1"/>""");
        xml.Append("</cols><sheetData>");
        for (var r = 0; r < sheet.Rows.Count; r++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"""<row r="{r + 1}">""");
            for (var c = 0; c < sheet.Rows[r].Count; c++)
            {
                var cell = sheet.Rows[r][c];
                var style = cell.Style == 0 ? "" : $" s=\"{cell.Style}\"";
                xml.Append(cell.Text.Length == 0
                    ? $"""<c r="{Reference(c, r)}"{style}/>"""
                    : $"""<c r="{Reference(c, r)}" t="inlineStr"{style}><is><t xml:space="preserve">{Escape(cell.Text)}</t></is></c>""");
            }

            xml.Append("</row>");
        }

        xml.Append("</sheetData>");
        if (sheet.DropDowns.Count > 0)
        {
            xml.Append(CultureInfo.InvariantCulture, $"""<dataValidations count="{sheet.DropDowns.Count}">""");
            foreach (var (cell, list) in sheet.DropDowns)
            {
                // A warning, not a stop: a council may still type something else, and the receipt explains any problem.
                xml.Append($"""<dataValidation type="list" errorStyle="warning" allowBlank="1" showErrorMessage="1" sqref="{cell}"><formula1>"{Escape(list)}"</formula1></dataValidation>""");
            }

            xml.Append("</dataValidations>");
        }

        return xml.Append("</worksheet>").ToString();
    }

    /// <summary>"A1" style reference of a zero-based column and row.</summary>
    public static string Reference(int column, int row) => $"{ColumnName(column + 1)}{(row + 1).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Spreadsheet column name of a one-based column number: 1 is A, 26 Z, 27 AA, 703 AAA.</summary>
    public static string ColumnName(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        var name = "";
        for (; number > 0; number = (number - 1) / 26)
            name = (char)('A' + (number - 1) % 26) + name;
        return name;
    }

    private static string Escape(string text) => SecurityElement.Escape(text);
}
