using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Onboarding.Core.Services;
using Polly.Timeout;

namespace Onboarding.Services.Http;

/// <summary>
/// The one send path of every client: it sends a request through the client's <see cref="ResilientHttp"/> pipeline,
/// turns a request that got no answer into a <see cref="ServiceException"/> sentence, and holds the one rule on
/// repeating requests that the pipeline's retries and every failure sentence follow.
/// </summary>
/// <remarks>
/// The rule. A request is repeated only when repeating it is safe: a read (GET, HEAD), a PUT or a DELETE, or a write
/// its client marks with <see cref="MarkIdempotent"/> (a search, a batch read, an upsert by a unique key, a PATCH that
/// sets absolute values). A 429 is always repeated, after the wait the service asks for: it refused before doing
/// anything. Any other request (a create) is sent once; when its outcome is unknown (no answer in time, a reset
/// connection, or a 5xx) the service may have made it anyway, so its failure says so (<see cref="MayHaveBeenMade"/>),
/// and the caller looks it up by its stable key before making it again (<c>PlanExecutor.CreateOnceAsync</c>) instead of
/// making a duplicate. A request that is safe to repeat was already repeated as often as allowed, so its failure says
/// nothing more: running again is harmless.
/// </remarks>
public static class ServiceRequests
{
    private static readonly HttpRequestOptionsKey<bool> IdempotentKey = new("onboarding.idempotent");

    /// <summary>Marks a write that is safe to repeat (see the rule above).</summary>
    public static HttpRequestMessage MarkIdempotent(this HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(IdempotentKey, true);
        return request;
    }

    public static bool IsIdempotent(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Method == HttpMethod.Get
            || request.Method == HttpMethod.Head
            || request.Method == HttpMethod.Put
            || request.Method == HttpMethod.Delete
            || (request.Options.TryGetValue(IdempotentKey, out var marked) && marked);
    }

    /// <summary>
    /// The sentence ending for a failure whose outcome is unknown (no answer, or a 5xx): for a request that is not safe
    /// to repeat, that it may have been made anyway; nothing for one that is.
    /// </summary>
    public static string MayHaveBeenMade(bool idempotent) =>
        idempotent ? "" : " The change may have been made anyway; look for it before trying again.";

    /// <summary>
    /// Sends <paramref name="request"/> and reads its whole answer, whatever its status. A request that got no answer
    /// (timed out, connection refused or reset) becomes a <see cref="ServiceException"/> with a null status, which
    /// <paramref name="who"/> (the service as a sentence names it) could not do; the caller's own cancellation stays a
    /// cancellation.
    /// </summary>
    /// <param name="service">The service's name in <see cref="ServiceException.Service"/> ("hubspot").</param>
    public static async Task<HttpResponseMessage> SendAsync(
        this HttpClient http, HttpRequestMessage request, string service, string who, string operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (Exception error) when (IsNoAnswer(error, cancellationToken))
        {
            throw NoAnswer(service, who, operation, error, IsIdempotent(request));
        }
    }

    /// <summary>True for the ways a request fails without an answer; false for the caller's own cancellation.</summary>
    public static bool IsNoAnswer(Exception error, CancellationToken cancellationToken) =>
        error is HttpRequestException or TimeoutRejectedException or IOException
        || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>The failure of a request that got no answer (see <see cref="IsNoAnswer"/>).</summary>
    public static ServiceException NoAnswer(string service, string who, string operation, Exception error, bool idempotent)
    {
        ArgumentNullException.ThrowIfNull(error);
        var reason = error is TimeoutRejectedException or OperationCanceledException ? "it did not answer in time" : "the connection failed";
        return new ServiceException(service, operation, null, $"{who} could not {operation}: {reason}.{MayHaveBeenMade(idempotent)}", error);
    }

    /// <summary>A JSON body as it goes on the wire: UTF-8 with its length, typed <c>application/json; charset=utf-8</c>.</summary>
    public static ByteArrayContent JsonBody<T>(T value, JsonTypeInfo<T> type)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, type));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    /// <summary>A successful answer's JSON body; one that is empty or not the JSON expected is the service's failure.</summary>
    public static async Task<T> ReadJsonAsync<T>(
        this HttpResponseMessage response, JsonTypeInfo<T> type, string service, string who, string operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        try
        {
            return await response.Content.ReadFromJsonAsync(type, cancellationToken) ?? throw new JsonException("The body is empty.");
        }
        catch (JsonException e)
        {
            throw new ServiceException(service, operation, (int)response.StatusCode, $"{who} answered the request to {operation} with a body that is not the JSON expected.", e);
        }
    }
}
