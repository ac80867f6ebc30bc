using System.Text;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Contacts;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Foundation;

public sealed class ContactsImportTests
{
    private const string GoodRows = """
        E09000007,Priya Shah,stp.lead@camden.gov.test,lead
        E09000019,Tom Reed,foi@islington.gov.test,foi
        """;

    [Test]
    public async Task A_file_with_one_bad_row_imports_nothing_and_names_the_line()
    {
        using var data = new TempDataDir();
        var file = data.Write("contacts.csv", "council_code,name,email,role\n" + GoodRows + "\nE09000099,Nobody,not-an-email,lead\n");

        var (exit, _, stderr) = await AppProcess.RunAsync(["contacts", "import", file, "--data-dir", data.Path]);
        var (_, listed, _) = await AppProcess.RunAsync(["contacts", "list", "--json", "--data-dir", data.Path]);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("line 4").And.Contain("unknown council code 'E09000099'").And.Contain("not a valid email"));
        Assert.That(stderr, Does.Contain("--skip-invalid"));
        Assert.That(listed.Trim(), Is.EqualTo("[]"));
    }

    [Test]
    public async Task An_xlsx_file_is_read_as_its_first_sheet_with_excel_s_row_numbers()
    {
        using var data = new TempDataDir();
        var file = data.File("contacts.xlsx");
        await MiniExcelLibs.MiniExcel.SaveAsAsync(file, new[]
        {
            new Dictionary<string, object> { ["council_code"] = "E09000007", ["name"] = "Priya Shah", ["email"] = "stp.lead@camden.gov.test", ["role"] = "lead" },
            new Dictionary<string, object> { ["council_code"] = "E09000019", ["name"] = "Tom Reed", ["email"] = "tom at islington", ["role"] = "foi" },
        });

        var refused = await AppProcess.RunAsync(["contacts", "import", file, "--data-dir", data.Path]);
        var skipped = await AppProcess.RunAsync(["contacts", "import", file, "--skip-invalid", "--data-dir", data.Path]);

        Assert.That(refused.ExitCode, Is.EqualTo(1));
        Assert.That(refused.Stderr, Does.Contain("contacts.xlsx, line 3: 'tom at islington' is not a valid email address"));
        Assert.That(skipped.ExitCode, Is.Zero, skipped.Stderr);
        Assert.That(skipped.Stdout, Does.Contain("1 added").And.Contain("1 invalid row(s) skipped"));
    }

    [Test]
    public async Task Skip_invalid_imports_the_good_rows()
    {
        using var data = new TempDataDir();
        var file = data.Write("contacts.csv", "council_code,name,email,role\n" + GoodRows + "\nE09000099,Nobody,not-an-email,lead\n");

        var (exit, stdout, _) = await AppProcess.RunAsync(["contacts", "import", file, "--skip-invalid", "--data-dir", data.Path]);
        var (_, listed, _) = await AppProcess.RunAsync(["contacts", "list", "--council", "E09000007", "--data-dir", data.Path]);

        Assert.That(exit, Is.EqualTo(0));
        Assert.That(stdout, Does.Contain("2 added").And.Contain("1 invalid row(s) skipped"));
        Assert.That(listed, Does.Contain("stp.lead@camden.gov.test"));
    }

    [Test]
    public async Task Reimporting_updates_instead_of_duplicating()
    {
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync();
        var importer = host.Services.GetRequiredService<ContactImporter>();
        await importer.ImportAsync(data.Write("a.csv", "council_code,name,email,role\n" + GoodRows), skipInvalid: false);
        var second = await importer.ImportAsync(data.Write("b.csv", "COUNCIL_CODE,Name,Email,Role\nE09000007,Priya Shah-Jones,STP.Lead@Camden.gov.test,lead\n"), skipInvalid: false);

        var camden = await host.Services.GetRequiredService<ContactDirectory>().ListAsync("E09000007");
        Assert.That(second.Updated, Is.EqualTo(1));
        Assert.That(camden.Single().Name, Is.EqualTo("Priya Shah-Jones"));
    }

    [Test]
    public async Task Windows_1252_and_bom_files_are_read_correctly()
    {
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync();
        var importer = host.Services.GetRequiredService<ContactImporter>();
        var cp1252 = data.File("cp1252.csv");
        await File.WriteAllBytesAsync(cp1252, Files.TextDecoding.Windows1252.GetBytes("council_code;name;email;role\r\nE09000007;Zoë Brontë;dph@camden.gov.test;dph\r\n"));
        var bom = data.Write("bom.csv", "council_code,name,email,role\nE09000019,Seán Ó Briain,dass@islington.gov.test,dass\n", new UTF8Encoding(true));

        Assert.That((await importer.ImportAsync(cp1252, false)).Added, Is.EqualTo(1));
        Assert.That((await importer.ImportAsync(bom, false)).Added, Is.EqualTo(1));
        var names = (await host.Services.GetRequiredService<ContactDirectory>().ListAsync()).Select(c => c.Name);
        Assert.That(names, Is.EquivalentTo(new[] { "Zoë Brontë", "Seán Ó Briain" }));
    }

    [Test]
    public async Task A_missing_column_is_named()
    {
        using var data = new TempDataDir();
        var file = data.Write("contacts.csv", "council_code,name,email\nE09000007,Priya Shah,stp.lead@camden.gov.test\n");

        var (exit, _, stderr) = await AppProcess.RunAsync(["contacts", "import", file, "--data-dir", data.Path]);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("line 1").And.Contain("missing column(s) role"));
    }

    [Test]
    public async Task The_shipped_sample_contacts_import_cleanly()
    {
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync();
        var result = await host.Services.GetRequiredService<ContactImporter>().ImportAsync(RepoPaths.Seeds("contacts-sample.csv"), false);

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Added, Is.GreaterThan(300));
    }
}
