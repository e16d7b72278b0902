using System.Text.Json.Nodes;

namespace Onboarding.Testing.Contracts;

/// <summary>
/// Freshdesk's API v2 as TestData/freshdesk-api-facts.json records it from Freshdesk's documentation (Freshdesk
/// publishes no machine-readable description): operations with their path and query parameters and body schemas,
/// which refer to shared definitions as <c>#/definitions/Name</c>, and the plan features some fields need.
/// </summary>
public static class FreshdeskFacts
{
    public const string File = "freshdesk-api-facts.json";

    /// <summary>The feature a ticket's <c>company_id</c> (and a contact's <c>other_companies</c>) needs: Estate plan and above.</summary>
    public const string MultipleCompanies = "multiple_companies";

    private static readonly Lazy<(ApiContract Contract, IReadOnlySet<string> Features)> Shared = new(Load);

    public static ApiContract Instance => Shared.Value.Contract;

    /// <summary>The features the facts name; an account has none of them unless a test says so.</summary>
    public static IReadOnlySet<string> Features => Shared.Value.Features;

    private static (ApiContract, IReadOnlySet<string>) Load()
    {
        var root = ContractFiles.Read(File);
        var operations = root["operations"]!.AsArray().OfType<JsonObject>().Select(o => new ApiOperation(
            o["method"]!.GetValue<string>(),
            o["path"]!.GetValue<string>(),
            Schemas(o["pathParameters"]),
            Schemas(o["query"]),
            (o["requiredQuery"] as JsonArray ?? []).Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal),
            o["body"] is JsonObject body ? new RequestBody(body["schema"]!.AsObject(), body["required"]!.GetValue<bool>(), null) : null,
            new HashSet<string>()));
        var contract = new ApiContract("Freshdesk", operations, ContractFiles.Resolver(root["definitions"]!.AsObject(), "#/definitions/", File));
        return (contract, root["features"]!.AsObject().Select(f => f.Key).ToHashSet(StringComparer.Ordinal));
    }

    private static Dictionary<string, JsonObject> Schemas(JsonNode? node) =>
        (node as JsonObject ?? []).ToDictionary(p => p.Key, p => p.Value!.AsObject(), StringComparer.Ordinal);
}
