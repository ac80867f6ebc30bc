using StpCollector.Tests.Support;
using StpCollector.Tests.Support.Browser;

namespace StpCollector.Tests;

[SetUpFixture]
public sealed class GlobalTeardown
{
    [OneTimeTearDown]
    public void StopMailSandbox() => MailSandbox.StopIfStarted();

    [OneTimeTearDown]
    public void StopPostgresSandbox() => PostgresSandbox.StopIfStarted();

    [OneTimeTearDown]
    public void StopBrowsersLeftRunning() => ChromiumProcesses.KillLeftovers();
}
