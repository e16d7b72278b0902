using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Onboarding.Sandbox.Infrastructure;

namespace Onboarding.Sandbox.Freshdesk;

/// <summary>One item of a "Validation failed" body.</summary>
internal sealed record FreshdeskFieldError(string? Field, string Message, string Code);

/// <summary>An error answer in Freshdesk's shape; thrown by the stores and written by the emulator.</summary>
internal sealed class FreshdeskProblem : EmulatorProblem
{
    public FreshdeskProblem(int status, JsonObject? body)
        : base(status, $"Freshdesk {status}")
    {
        Body = body;
    }

    /// <summary>Null means an empty body (Freshdesk's 404 has none).</summary>
    public JsonObject? Body { get; }

    /// <summary>400 <c>{"description":"Validation failed","errors":[...]}</c>.</summary>
    public static FreshdeskProblem Validation(params IEnumerable<FreshdeskFieldError> errors) => Validation(400, errors);

    public static FreshdeskProblem Validation(int status, IEnumerable<FreshdeskFieldError> errors)
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

        return new FreshdeskProblem(status, new JsonObject { ["description"] = "Validation failed", ["errors"] = items });
    }

    /// <summary>409 for a value that must be unique (email, company name).</summary>
    public static FreshdeskProblem Duplicate(string field) =>
        Validation(409, [new FreshdeskFieldError(field, "It should be a unique value", "duplicate_value")]);

    /// <summary>The other shape: <c>{"code":"...","message":"..."}</c>.</summary>
    public static FreshdeskProblem Coded(int status, string code, string message) =>
        new(status, new JsonObject { ["code"] = code, ["message"] = message });

    public static FreshdeskProblem NotFound() => new(404, null);

    public override EmulatorResponse ToResponse(HttpContext context) => new(Status, Body);
}
