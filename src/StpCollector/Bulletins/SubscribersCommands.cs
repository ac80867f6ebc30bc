using System.CommandLine;
using StpCollector.Cli;

namespace StpCollector.Bulletins;

internal static class SubscribersCommands
{
    public static Command Build()
    {
        var file = new Argument<string>("FILE") { Description = "CSV with an email column and optionally name" };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Import the good rows even if some rows are invalid" };
        var import = new Command("import", "Add bulletin subscribers from a CSV file") { file, skipInvalid };
        import.Handles(async (parse, services, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
                throw new UserFacingException($"There is no file {Path.GetFullPath(path)}.", ExitCodes.Usage);
            var result = await services.Get<SubscriberImporter>().ImportAsync(path, parse.GetValue(skipInvalid), cancellationToken);
            foreach (var problem in result.Problems)
                Output.Error($"{path}, line {problem.Line}: {problem.Message}");
            if (!result.Imported)
            {
                Output.Error($"Nothing was imported: {result.Problems.Count} row(s) need fixing. Correct them, or re-run with --skip-invalid to import the other rows.");
                return ExitCodes.Failure;
            }

            Console.Out.WriteLine($"Imported subscribers: {result.Added} added, {result.Updated} updated, {result.Unchanged} unchanged" +
                (result.KeptOut > 0 ? $", {result.KeptOut} left unsubscribed or suspended (use 'subscribers add' to sign one up again)" : "") +
                (result.Problems.Count > 0 ? $", {result.Problems.Count} invalid row(s) skipped." : "."));
            return ExitCodes.Ok;
        });

        var email = new Argument<string>("EMAIL") { Description = "The subscriber's email address" };
        var name = new Option<string?>("--name") { Description = "The subscriber's name" };
        var add = new Command("add", "Add one subscriber (or sign up again one who unsubscribed or was suspended)") { email, name };
        add.Handles(async (parse, services, cancellationToken) =>
        {
            var (subscriber, added) = await services.Get<SubscriberStore>().AddAsync(parse.GetValue(email)!, parse.GetValue(name), cancellationToken);
            Console.Out.WriteLine(added ? $"Added subscriber {subscriber.Email}." : $"{subscriber.Email} is subscribed (was already on the list; now active).");
            return ExitCodes.Ok;
        });

        var removeEmail = new Argument<string>("EMAIL") { Description = "The subscriber's email address" };
        var remove = new Command("remove", "Remove a subscriber from the list entirely") { removeEmail };
        remove.Handles(async (parse, services, cancellationToken) =>
        {
            var address = parse.GetValue(removeEmail)!;
            if (!await services.Get<SubscriberStore>().RemoveAsync(address, cancellationToken))
                throw new UserFacingException($"{address} is not a subscriber (see: stpcollector subscribers list).");
            Console.Out.WriteLine($"Removed {address}.");
            return ExitCodes.Ok;
        });

        var json = CommonOptions.Json();
        var activeOnly = new Option<bool>("--active") { Description = "Only those who will receive the next bulletin" };
        var list = new Command("list", "List bulletin subscribers") { json, activeOnly };
        list.Handles(async (parse, services, cancellationToken) =>
        {
            var subscribers = await services.Get<SubscriberStore>().ListAsync(parse.GetValue(activeOnly), cancellationToken);
            if (parse.GetValue(json))
                Output.Json(subscribers);
            else
                Output.Table(["Email", "Name", "Status", "Hard bounces", "Note"], subscribers.Select(s => new[]
                {
                    s.Email, s.Name, s.Status, s.HardBounces.ToString(System.Globalization.CultureInfo.InvariantCulture), s.StatusReason,
                }), parse.GetValue(activeOnly)
                    ? "No active subscribers: the next bulletin would go to nobody."
                    : "No subscribers yet: add one with `stpcollector subscribers add EMAIL` or many with `stpcollector subscribers import FILE.csv`.");
            return ExitCodes.Ok;
        });

        return new Command("subscribers", "People who receive the network bulletin") { import, add, remove, list };
    }
}
