using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Onboarding.Sandbox.Infrastructure;

/// <summary>How one service reads request bodies and writes answers: its side of <see cref="EmulatorRoutes"/>.</summary>
public interface IServiceProtocol
{
    /// <summary>The request body as the service reads it (null: none); a body the service refuses raises its <see cref="EmulatorProblem"/>.</summary>
    Task<JsonNode?> ReadBodyAsync(HttpRequest request);

    /// <summary>Writes an answer as the service does (its headers, content type and JSON).</summary>
    Task WriteAsync(HttpContext context, EmulatorResponse response);
}
