using System.Text.Json.Nodes;

namespace Onboarding.Sandbox.Freshdesk;

/// <summary>One item of a "Validation failed" body.</summary>
public sealed record FreshdeskFieldError(string? Field, string Message, string Code);

/// <summary>An error answer in Freshdesk's shape; thrown by the store and written by the emulator.</summary>
public sealed class FreshdeskApiException : Exception
{
    public FreshdeskApiException(int status, JsonObject? body)
        : base($"Freshdesk {status}")
    {
        Status = status;
        Body = body;
    }

    public FreshdeskApiException()
        : this(500, null)
    {
    }

    public FreshdeskApiException(string message)
        : base(message)
    {
        Status = 500;
    }

    public FreshdeskApiException(string message, Exception inner)
        : base(message, inner)
    {
        Status = 500;
    }

    public int Status { get; }

    /// <summary>Null means an empty body (Freshdesk's 404 has none).</summary>
    public JsonObject? Body { get; }

    /// <summary>400 <c>{"description":"Validation failed","errors":[...]}</c>.</summary>
    public static FreshdeskApiException Validation(params IEnumerable<FreshdeskFieldError> errors) => Validation(400, errors);

    public static FreshdeskApiException Validation(int status, IEnumerable<FreshdeskFieldError> errors)
    {
        var items = new JsonArray();
        foreach (var error in errors)
        {
            var item = new JsonObject();
            if (error.Field is not null)
                item["field"] = error.Field;
            item["message"] = error.Message;
            item["code"] = error.Code;
            items.Add(item);
        }

        return new FreshdeskApiException(status, new JsonObject { ["description"] = "Validation failed", ["errors"] = items });
    }

    /// <summary>409 for a value that must be unique (email, company name).</summary>
    public static FreshdeskApiException Duplicate(string field) =>
        Validation(409, [new FreshdeskFieldError(field, "It should be a unique value", "duplicate_value")]);

    /// <summary>The other shape: <c>{"code":"...","message":"..."}</c>.</summary>
    public static FreshdeskApiException Coded(int status, string code, string message) =>
        new(status, new JsonObject { ["code"] = code, ["message"] = message });

    public static FreshdeskApiException NotFound() => new(404, null);
}
