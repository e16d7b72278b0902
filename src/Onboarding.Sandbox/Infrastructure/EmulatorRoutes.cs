using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Onboarding.Sandbox.Infrastructure;

/// <summary>One request to a route: the HTTP context and its route values. The handler reads what it needs from it.</summary>
public sealed class EmulatorRequest(HttpContext http)
{
    public HttpContext Http => http;

    public IQueryCollection Query => http.Request.Query;

    /// <summary>A route value as text ("" when the route has none, such as an empty catch-all).</summary>
    public string Route(string name) => http.GetRouteValue(name)?.ToString() ?? "";
}

/// <summary>
/// The one endpoint filter of every emulator. A route's handler is a store operation: before it, the body is read in the
/// service's way (for routes that take one); it runs under the service's lock, so stores take none of their own; a
/// problem it raises becomes the service's error answer; a write that succeeded is marked for the journal; and the
/// answer is written in the service's way. Routes return ASP.NET's convention builders, so a service can attach
/// metadata (such as a documentation link or a rate-limit bucket) for its own middleware to read.
/// </summary>
public sealed class EmulatorRoutes(IEndpointRouteBuilder routes, IServiceProtocol protocol, Lock gate)
{
    /// <summary>A route whose handler takes no body.</summary>
    public IEndpointConventionBuilder Map(string method, string pattern, Func<EmulatorRequest, EmulatorResponse> handle) =>
        routes.MapMethods(pattern, [method], Handler((request, _) => handle(request), readsBody: false));

    /// <summary>A route whose handler takes the body, read before the handler runs.</summary>
    public IEndpointConventionBuilder Map(string method, string pattern, Func<EmulatorRequest, JsonNode?, EmulatorResponse> handle) =>
        routes.MapMethods(pattern, [method], Handler(handle, readsBody: true));

    /// <summary>What every path no route matches answers.</summary>
    public IEndpointConventionBuilder MapFallback(Func<EmulatorRequest, EmulatorResponse> handle) =>
        routes.MapFallback(Handler((request, _) => handle(request), readsBody: false));

    /// <summary>Routes under a common prefix (such as <c>/api/v2</c>).</summary>
    public EmulatorRoutes Group(string prefix) => new(routes.MapGroup(prefix), protocol, gate);

    private RequestDelegate Handler(Func<EmulatorRequest, JsonNode?, EmulatorResponse> handle, bool readsBody) => async context =>
    {
        EmulatorResponse response;
        try
        {
            var body = readsBody ? await protocol.ReadBodyAsync(context.Request) : null;
            var request = new EmulatorRequest(context);
            lock (gate)
            {
                response = handle(request, body);
            }
        }
        catch (EmulatorProblem problem)
        {
            response = problem.ToResponse(context);
        }

        if (response.Changed)
            context.MarkStateChanged();
        await protocol.WriteAsync(context, response);
    };
}
