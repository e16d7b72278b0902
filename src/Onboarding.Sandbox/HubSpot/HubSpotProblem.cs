using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Onboarding.Sandbox.Infrastructure;

namespace Onboarding.Sandbox.HubSpot;

/// <summary>An error the emulator answers in HubSpot's shape: <c>{status:"error", message, correlationId, category, …}</c>.</summary>
internal sealed class HubSpotProblem : EmulatorProblem
{
    /// <summary>Every answer carries one; an error's body repeats it.</summary>
    public const string CorrelationHeader = "X-HubSpot-Correlation-Id";

    public HubSpotProblem(int status, string category, string message)
        : base(status, message)
    {
        Category = category;
    }

    public string Category { get; }

    public string? SubCategory { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Context { get; init; }

    public JsonArray? Errors { get; init; }

    /// <summary>Where to read more (MISSING_SCOPES: <c>{"scopes": "https://developers.hubspot.com/scopes"}</c>).</summary>
    public IReadOnlyDictionary<string, string>? Links { get; init; }

    internal static HubSpotProblem Validation(string message, JsonArray? errors = null) =>
        new(400, "VALIDATION_ERROR", message) { Errors = errors };

    internal static HubSpotProblem NotFound(string message) => new(404, "OBJECT_NOT_FOUND", message);

    internal static HubSpotProblem NotFoundPath() => new(404, "OBJECT_NOT_FOUND", "No such endpoint.");

    public override EmulatorResponse ToResponse(HttpContext context)
    {
        var correlationId = Guid.NewGuid().ToString();
        return new EmulatorResponse(Status, ToJson(correlationId)).WithHeader(CorrelationHeader, correlationId);
    }

    public JsonObject ToJson(string correlationId)
    {
        var body = new JsonObject
        {
            ["status"] = "error",
            ["message"] = Message,
            ["correlationId"] = correlationId,
            ["category"] = Category,
        };
        if (SubCategory is not null)
            body["subCategory"] = SubCategory;
        if (Context is not null)
        {
            var context = new JsonObject();
            foreach (var (key, values) in Context)
                context[key] = new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
            body["context"] = context;
        }

        if (Errors is not null)
            body["errors"] = Errors.DeepClone();
        if (Links is not null)
            body["links"] = new JsonObject([.. Links.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)JsonValue.Create(l.Value)))]);
        return body;
    }
}
