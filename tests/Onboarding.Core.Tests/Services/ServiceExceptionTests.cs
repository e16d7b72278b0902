using Onboarding.Core.Services;

namespace Onboarding.Core.Tests.Services;

/// <summary>
/// What a service says is quoted in the production log (#13, finding 9): a hostile service must not be able to give the
/// runner a workflow command (<c>::add-mask::</c>, <c>::error::</c>, <c>##[…]</c>) or start a line of its own.
/// </summary>
public sealed class ServiceExceptionTests
{
    public static TheoryData<string> HostileAnswers() =>
    [
        "bad request\n::add-mask::ghp_secret\n::error file=x::forged",
        "::stop-commands::token",
        "fine\r\n##[error]forged\r##[add-mask]x",
        "a\u2028::warning::b\u0085::notice::c",
        "\u001b[31mred\u0007 ::set-output name=x::y",
    ];

    [Theory]
    [MemberData(nameof(HostileAnswers))]
    public void Message_ServiceTextWithWorkflowCommands_OneLineThatCommandsNothing(string said)
    {
        // Given a service's answer quoted in the error, as the clients do
        var error = new ServiceException("hubspot", "update the community", 400, $"HubSpot refused to update the community: {said}");

        // When it is printed as the log's next line
        var line = error.Message;

        // Then it is one line, with no control character and no workflow command anywhere in it
        line.IndexOfAny(['\r', '\n', '\u2028', '\u0085']).ShouldBe(-1);
        line.ShouldNotContain("::");
        line.ShouldNotContain("##[");
        line.ShouldAllBe(c => !char.IsControl(c));
        line.ShouldStartWith("HubSpot refused to update the community: ");
    }

    [Fact]
    public void Message_ServiceTextWithCommands_ReadsTheSame()
    {
        // Given
        var error = new ServiceException("freshdesk", "create the ticket", 500, "Freshdesk said:\n::error::disk full");

        // When
        var line = error.Message;

        // Then
        line.ShouldBe("Freshdesk said: : :error: :disk full");
    }
}
