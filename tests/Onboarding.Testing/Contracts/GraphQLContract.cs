using System.Text.Json;
using System.Text.Json.Nodes;
using Onboarding.Sandbox.GitHub.GraphQL;

namespace Onboarding.Testing.Contracts;

/// <summary>
/// GitHub's published GraphQL schema for projects (TestData/graphql-projects.trimmed.graphql, a subset of the MIT-licensed
/// schema) and what NOTES.md says of the endpoint: a request is a POST to <c>/api/graphql</c> (GitHub Enterprise Server's
/// address; the sandbox serves GitHub that way) whose JSON body has a <c>query</c>; the query must parse, have one
/// operation, select only fields its types have, give every argument the type it takes and every variable a value of
/// its declared type. The same validation the sandbox runs, here against GitHub's schema rather than the sandbox's.
/// </summary>
public sealed class GraphQLContract
{
    public const string File = "graphql-projects.trimmed.graphql";

    private static readonly Lazy<GraphQLContract> Shared = new(() => new GraphQLContract(GraphQLSchema.Parse(ContractFiles.ReadText(File))));

    private GraphQLContract(GraphQLSchema schema)
    {
        Schema = schema;
    }

    public static GraphQLContract Instance => Shared.Value;

    public GraphQLSchema Schema { get; }

    /// <summary>Where GitHub Enterprise Server serves GraphQL (api.github.com: <c>/graphql</c>).</summary>
    public const string Path = "/api/graphql";

    /// <summary>The operation (<c>POST /api/graphql query Project</c>) and every way the request breaks the schema.</summary>
    public (string Operation, IReadOnlyList<SchemaProblem> Problems) Check(string method, string? body)
    {
        var endpoint = $"{method} {Path}";
        if (method != "POST")
            return (endpoint, [new("method", "method", $"GraphQL takes POST, not {method}")]);
        JsonObject? json;
        try
        {
            json = body is null ? null : JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            json = null;
        }

        if (json is null)
            return (endpoint, [new("body", "json", "is not a JSON object with the query")]);
        var request = GraphQLRequest.Read(Schema, json);
        var operation = request.Operation is { } o ? $"{endpoint} {o.Operation.ToString().ToLowerInvariant()}{(o.Name is { } name ? " " + name.StringValue : "")}" : endpoint;
        return (operation, [.. request.Errors.Select(e => new SchemaProblem(
            e.Path.Count > 0 ? "query " + string.Join(".", e.Path.Skip(1).Select(p => p.ToString())) : "query",
            (string?)e.Extensions?["code"] ?? "graphql",
            e.Message))]);
    }
}
