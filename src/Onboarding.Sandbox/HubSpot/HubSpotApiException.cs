using System.Text.Json.Nodes;

namespace Onboarding.Sandbox.HubSpot;

/// <summary>An error the emulator answers in HubSpot's shape: <c>{status:"error", message, correlationId, category, …}</c>.</summary>
public sealed class HubSpotApiException : Exception
{
    public HubSpotApiException(int status, string category, string message)
        : base(message)
    {
        Status = status;
        Category = category;
    }

    public HubSpotApiException()
        : this(500, "INTERNAL_ERROR", "internal error")
    {
    }

    public HubSpotApiException(string message)
        : this(400, "VALIDATION_ERROR", message)
    {
    }

    public HubSpotApiException(string message, Exception inner)
        : base(message, inner)
    {
        Status = 400;
        Category = "VALIDATION_ERROR";
    }

    public int Status { get; }

    public string Category { get; }

    public string? SubCategory { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Context { get; init; }

    public JsonArray? Errors { get; init; }

    internal static HubSpotApiException Validation(string message, JsonArray? errors = null) =>
        new(400, "VALIDATION_ERROR", message) { Errors = errors };

    internal static HubSpotApiException NotFound(string message) => new(404, "OBJECT_NOT_FOUND", message);

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
        return body;
    }
}
