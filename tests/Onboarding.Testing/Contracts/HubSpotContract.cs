using System.Text.Json.Nodes;

namespace Onboarding.Testing.Contracts;

/// <summary>
/// HubSpot's CRM API as TestData/hubspot-crm-contract.json gives it (a facts-only extract of HubSpot's public OpenAPI
/// files, copied as it is): operations with their parameters and body schemas, which refer to one another as
/// <c>source:Name</c> (<c>contacts:SimplePublicObjectInputForCreate</c>).
/// </summary>
public static class HubSpotContract
{
    public const string File = "hubspot-crm-contract.json";

    private static readonly Lazy<ApiContract> Shared = new(Load);

    public static ApiContract Instance => Shared.Value;

    private static ApiContract Load()
    {
        var root = ContractFiles.Read(File);
        var operations = new List<ApiOperation>();
        foreach (var operation in root["operations"]!.AsArray().OfType<JsonObject>())
        {
            var parameters = operation["parameters"]!.AsArray().OfType<JsonObject>().ToList();
            RequestBody? body = null;
            if (operation["requestBody"] is JsonObject requestBody)
            {
                if (requestBody["mediaType"]?.GetValue<string>() != "application/json")
                    throw new InvalidOperationException($"{File}: {operation["method"]} {operation["path"]} takes {requestBody["mediaType"]}, which the contract check cannot read.");
                var schema = requestBody["schema"]!.AsObject();
                body = new RequestBody(schema, requestBody["required"]?.GetValue<bool>() ?? false, schema["$ref"]?.GetValue<string>());
            }

            operations.Add(new ApiOperation(
                operation["method"]!.GetValue<string>(),
                operation["path"]!.GetValue<string>(),
                Parameters(parameters, "path"),
                Parameters(parameters, "query"),
                parameters.Where(p => p["in"]!.GetValue<string>() == "query" && p["required"]?.GetValue<bool>() == true)
                    .Select(p => p["name"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal),
                body,
                new HashSet<string>()));
        }

        return new ApiContract("HubSpot", operations, ContractFiles.Resolver(root["schemas"]!.AsObject(), "", File));
    }

    /// <summary>The extract gives a parameter's type, item type and allowed values flat; as a schema they read the same.</summary>
    private static Dictionary<string, JsonObject> Parameters(IEnumerable<JsonObject> parameters, string location) =>
        parameters.Where(p => p["in"]!.GetValue<string>() == location).ToDictionary(
            p => p["name"]!.GetValue<string>(),
            p =>
            {
                var schema = new JsonObject { ["type"] = p["type"]!.GetValue<string>() };
                if (p["items"] is JsonValue items)
                    schema["items"] = new JsonObject { ["type"] = items.GetValue<string>() };
                if (p["enum"] is JsonArray allowed)
                    schema["enum"] = allowed.DeepClone();
                return schema;
            },
            StringComparer.Ordinal);
}
