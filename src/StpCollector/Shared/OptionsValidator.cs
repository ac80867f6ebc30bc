using Microsoft.Extensions.Options;

namespace StpCollector.Shared;

/// <summary>An options check that lists every problem it finds, each a line naming its configuration key.</summary>
internal abstract class OptionsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : class
{
    protected abstract IEnumerable<string> Problems(TOptions options);

    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var failures = Problems(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
