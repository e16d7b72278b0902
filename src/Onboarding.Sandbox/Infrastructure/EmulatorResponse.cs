using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Onboarding.Sandbox.Infrastructure;

/// <summary>
/// What an emulated endpoint answers, in every service: a status, a JSON body (null: none), the headers the service adds,
/// and whether the request changed state. Stores return it; each service writes it in its own way.
/// </summary>
public sealed record EmulatorResponse(int Status, JsonNode? Body = null)
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    /// <summary>True when the request changed the service's state, so the journal counts it as a write.</summary>
    public bool Changed { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = NoHeaders;

    /// <summary>For one page of a list: the service writes its own Link header from it.</summary>
    public ListPage? Page { get; init; }

    public EmulatorResponse WithHeader(string name, string value) =>
        this with { Headers = new Dictionary<string, string>(Headers, StringComparer.OrdinalIgnoreCase) { [name] = value } };

    /// <summary>Writes the status, the headers and, when there is one, the body as <paramref name="contentType"/>.</summary>
    public async Task WriteAsync(HttpContext context, string contentType, JsonSerializerOptions? json = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = Status;
        foreach (var (name, value) in Headers)
            context.Response.Headers[name] = value;
        if (Body is null)
            return;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(Body.ToJsonString(json), Encoding.UTF8, context.RequestAborted);
    }
}

/// <summary>Which page of a list an answer holds: its number (from 1), its size, and how many items all pages hold.</summary>
public sealed record ListPage(int Number, int Size, int Total)
{
    public bool HasNext => (long)Number * Size < Total;
}
