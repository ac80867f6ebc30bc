using StpCollector.Tests.Support;

namespace StpCollector.Tests;

[SetUpFixture]
public sealed class GlobalTeardown
{
    [OneTimeTearDown]
    public void StopMailSandbox() => MailSandbox.StopIfStarted();
}
