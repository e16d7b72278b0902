using Onboarding.Core.Manifests;
using Onboarding.Testing;

namespace Onboarding.Core.Tests.Validation;

/// <summary><c>paused</c> and <c>owners</c>: what a manifest may say, and the located sentence when it says something else.</summary>
public sealed class PauseAndOwnersFieldTests
{
    private const string File = "communities/alpha.yaml";

    private static string With(string lines) =>
        ManifestText.Valid().Replace("website:", lines + "\nwebsite:", StringComparison.Ordinal);

    [Theory]
    [InlineData("paused: \"\"")]
    [InlineData("paused: \"   \"")]
    [InlineData("paused: true")]
    public void Validate_PausedWithoutAReason_RefusedAtItsLine(string line)
    {
        // Given a pause that gives no reason
        var text = With(line);

        // When
        var result = Validate.Files((File, text));

        // Then the error names the file, the line (4, under long_name) and the field
        var error = result.Problems.ShouldHaveSingleItem(string.Join("\n", result.Problems));
        error.Severity.ShouldBe(Severity.Error);
        error.Field.ShouldBe("paused");
        error.Location.Line.ShouldBe(4);
        error.ToString().ShouldStartWith($"{File}:4");
    }

    [Fact]
    public void Validate_PausedWithAReason_IsReadIntoTheModel()
    {
        var result = Validate.Files((File, With("paused: Contract under review")));

        result.Errors().ShouldBeEmpty();
        result.Documents.Single().Community.Paused.ShouldBe("Contract under review");
    }

    [Theory]
    [InlineData("owners: { bd: \"@k mensah\" }", "owners.bd")]
    [InlineData("owners: { technical: \"-jun\" }", "owners.technical")]
    [InlineData("owners: { technical: \"jun@example.org\" }", "owners.technical")]
    [InlineData("owners: { bd: kmensah, sales: jun }", "owners.sales")]
    [InlineData("owners: \"@kmensah\"", "owners")]
    public void Validate_OwnerThatIsNoGitHubLogin_RefusedWithItsField(string line, string field)
    {
        var result = Validate.Files((File, With(line)));

        var error = result.Problems.ShouldHaveSingleItem(string.Join("\n", result.Problems));
        error.Severity.ShouldBe(Severity.Error);
        error.Field.ShouldBe(field);
        error.Location.Line.ShouldBe(4);
    }

    [Fact]
    public void Validate_OwnersWithAndWithoutTheAt_ReadAsLogins()
    {
        var result = Validate.Files((File, With("owners:\n  bd: \"@kmensah\"\n  technical: jun-2")));

        result.Errors().ShouldBeEmpty();
        var owners = result.Documents.Single().Community.Owners.ShouldNotBeNull();
        Owners.LoginOf(owners.Bd).ShouldBe("kmensah");
        Owners.LoginOf(owners.Technical).ShouldBe("jun-2");
    }
}
