namespace StpCollector.Hosting;

/// <summary>Options that check themselves. Each problem is one line naming the configuration key.</summary>
public interface IValidatedOptions
{
    IEnumerable<string> Validate(string section);
}
