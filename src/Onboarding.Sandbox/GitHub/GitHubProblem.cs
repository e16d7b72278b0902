using System.Text.Json.Nodes;

namespace Onboarding.Sandbox.GitHub;

/// <summary>An error answer the store decided on; the emulator adds the operation's documentation URL and writes it.</summary>
internal sealed class GitHubProblem : Exception
{
    private readonly (string Resource, string Field, string Code, string? Message)[] _errors;

    private GitHubProblem(int status, string message, (string Resource, string Field, string Code, string? Message)[] errors)
        : base(message)
    {
        Status = status;
        _errors = errors;
    }

    public GitHubProblem()
        : this(500, "Server Error", [])
    {
    }

    public GitHubProblem(string message)
        : this(500, message, [])
    {
    }

    public GitHubProblem(string message, Exception inner)
        : base(message, inner)
    {
        Status = 500;
        _errors = [];
    }

    public int Status { get; }

    public static GitHubProblem NotFound() => new(404, "Not Found", []);

    public static GitHubProblem Of(int status, string message) => new(status, message, []);

    public static GitHubProblem Invalid(params (string Resource, string Field, string Code, string? Message)[] errors) =>
        new(422, "Validation Failed", errors);

    public JsonObject Body(string documentation) =>
        _errors.Length == 0
            ? GitHubJson.Error(Message, documentation, Status)
            : GitHubJson.ValidationFailed(documentation, _errors);
}
