using System.CommandLine;
using StpCollector.Cli;

namespace StpCollector.Contacts;

public static class ContactsCommands
{
    public static Command Build()
    {
        var file = new Argument<string>("FILE") { Description = "CSV with columns council_code,name,email,role" };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Import the good rows even if some rows are invalid" };
        var import = new Command("import", "Add or update council contacts from a CSV file") { file, skipInvalid };
        import.Handles(async (parse, services, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
                throw new UserFacingException($"There is no file {Path.GetFullPath(path)}.", ExitCodes.Usage);
            var result = await services.Get<ContactImporter>().ImportAsync(path, parse.GetValue(skipInvalid), cancellationToken);
            foreach (var problem in result.Problems)
                Output.Error($"{path}, line {problem.Line}: {problem.Message}");
            if (!result.Imported)
            {
                Output.Error($"Nothing was imported: {result.Problems.Count} row(s) need fixing. Correct them, or re-run with --skip-invalid to import the other rows.");
                return ExitCodes.Failure;
            }

            Console.Out.WriteLine($"Imported contacts: {result.Added} added, {result.Updated} updated, {result.Unchanged} unchanged" +
                (result.Problems.Count > 0 ? $", {result.Problems.Count} invalid row(s) skipped." : "."));
            return ExitCodes.Ok;
        });

        var council = new Option<string?>("--council") { Description = "Only this council (ONS code)" };
        var role = new Option<string?>("--role") { Description = "Only this role (lead, foi, chief_executive, dass, dph, hwb_chair, other)" }
            .AllowOnly("a contact role", ContactRoles.All.Order(StringComparer.Ordinal));
        var json = CommonOptions.Json();
        var list = new Command("list", "List council contacts") { council, role, json };
        list.Handles(async (parse, services, cancellationToken) =>
        {
            if (parse.GetValue(council) is { } code && await services.Get<Reference.CouncilDirectory>().FindAsync(code, cancellationToken) is null)
                throw new UserFacingException($"There is no council '{code}'. See the ONS codes with: stpcollector councils list", ExitCodes.Usage);
            var contacts = await services.Get<ContactDirectory>().ListAsync(parse.GetValue(council), parse.GetValue(role), cancellationToken);
            if (parse.GetValue(json))
                Output.Json(contacts);
            else
                Output.Table(["Code", "Council", "Role", "Name", "Email"], contacts.Select(c => new[] { c.CouncilCode, c.CouncilName, c.Role, c.Name, c.Email }),
                    parse.GetValue(council) is null && parse.GetValue(role) is null
                        ? "No contacts yet: import them with `stpcollector contacts import FILE.csv`."
                        : "No contacts match those filters.");
            return ExitCodes.Ok;
        });

        return new Command("contacts", "Council contacts") { import, list };
    }
}
