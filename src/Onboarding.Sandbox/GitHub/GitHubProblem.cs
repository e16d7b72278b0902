using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Onboarding.Sandbox.Infrastructure;

namespace Onboarding.Sandbox.GitHub;

/// <summary>The REST reference page of a route (endpoint metadata): GitHub's error answers link to it.</summary>
internal sealed record GitHubDocumentation(string Url);

/// <summary>An error answer a store decided on; it links to the documentation of the route that answers.</summary>
internal sealed class GitHubProblem : EmulatorProblem
{
    private readonly (string Resource, string Field, string Code, string? Message)[] _errors;

    private GitHubProblem(int status, string message, (string Resource, string Field, string Code, string? Message)[] errors)
        : base(status, message)
    {
        _errors = errors;
    }

    public static GitHubProblem NotFound() => new(404, "Not Found", []);

    public static GitHubProblem Of(int status, string message) => new(status, message, []);

    public static GitHubProblem Invalid(params (string Resource, string Field, string Code, string? Message)[] errors) =>
        new(422, "Validation Failed", errors);

    public override EmulatorResponse ToResponse(HttpContext context)
    {
        var documentation = context.GetEndpoint()?.Metadata.GetMetadata<GitHubDocumentation>()?.Url ?? GitHubJson.DocsBase;
        JsonObject body = _errors.Length == 0
            ? GitHubJson.Error(Message, documentation, Status)
            : GitHubJson.ValidationFailed(documentation, _errors);
        return new EmulatorResponse(Status, body);
    }
}
