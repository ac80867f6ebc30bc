namespace StpCollector.Reference;

internal sealed record Council(string Code, string Name, string Type, string Region, string Footprints)
{
    public IEnumerable<string> FootprintIds => Footprints.Split(',', StringSplitOptions.RemoveEmptyEntries);
    public bool IsLondon => Region == "London";
}
