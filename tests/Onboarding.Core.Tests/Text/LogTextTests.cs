using Onboarding.Core.Text;

namespace Onboarding.Core.Tests.Text;

public sealed class LogTextTests
{
    [Theory]
    [InlineData("::add-mask::hunter2", ": :add-mask::hunter2")]
    [InlineData("         ::error::fake failure", "         : :error::fake failure")]
    [InlineData("\t##[group]hidden", "\t# #[group]hidden")]
    [InlineData("  cc https://example.org::8080 stays", "  cc https://example.org::8080 stays")]
    public void Inert_LineTheRunnerWouldTakeAsACommand_ReadsTheSameButCommandsNothing(string line, string expected)
    {
        // When
        var inert = LogText.Inert("Plan: 1 change\n" + line + "\n");

        // Then
        inert.ShouldBe("Plan: 1 change\n" + expected + "\n");
    }
}
