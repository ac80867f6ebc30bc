using StpCollector.Cli;
using StpCollector.Shared;

namespace StpCollector.Tests.Cli;

/// <summary>The command line's answer to a feature's problem: change what you asked (2), or it cannot be done now (1).</summary>
public sealed class ProblemExitCodeTests
{
    [Test]
    public void Each_kind_of_problem_has_its_exit_code()
    {
        Assert.That(ExitCodes.For(new NotFoundProblem("x")), Is.EqualTo(ExitCodes.Usage));
        Assert.That(ExitCodes.For(new InvalidInputProblem("x", field: "closes")), Is.EqualTo(ExitCodes.Usage));
        Assert.That(ExitCodes.For(new ConflictProblem("x")), Is.EqualTo(ExitCodes.Failure));
        Assert.That(ExitCodes.For(new UnprocessableProblem("x")), Is.EqualTo(ExitCodes.Failure));
        Assert.That(ExitCodes.For(new UnavailableProblem("x")), Is.EqualTo(ExitCodes.Failure));
    }
}
