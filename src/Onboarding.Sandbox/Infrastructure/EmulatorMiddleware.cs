using System.Text;
using Microsoft.AspNetCore.Http;

namespace Onboarding.Sandbox.Infrastructure;

public static class HttpContextJournalExtensions
{
    private const string ChangedKey = "sandbox.changed";

    /// <summary>Stores call this when a request changed state, so the journal can tell reads from writes.</summary>
    public static void MarkStateChanged(this HttpContext context) => context.Items[ChangedKey] = true;

    internal static bool StateChanged(this HttpContext context) => context.Items.ContainsKey(ChangedKey);
}

/// <summary>Records every request in the journal and injects the faults of the plan.</summary>
internal sealed class EmulatorMiddleware(IServiceEmulator emulator, RequestJournal journal, FaultPlan faults)
{
    private const int MaxJournalBody = 64 * 1024;
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var sequence = journal.NextSequence();
        var body = await ReadBodyAsync(context.Request);
        var fault = faults.Next(context.Request.Method, context.Request.Path.Value ?? "/");
        try
        {
            await ServeAsync(context, next, fault);
        }
        finally
        {
            journal.Add(new JournalEntry(
                sequence,
                emulator.Name,
                context.Request.Method,
                context.Request.Path.Value ?? "/",
                context.Request.QueryString.Value ?? "",
                body,
                context.Response.StatusCode,
                context.StateChanged(),
                fault?.Kind.ToString(),
                emulator.Time.GetUtcNow()));
        }
    }

    private async Task ServeAsync(HttpContext context, RequestDelegate next, FaultRule? fault)
    {
        var delay = Bounded(fault?.Delay ?? FaultPlan.DefaultDelay);
        switch (fault?.Kind)
        {
            case null:
                await next(context);
                return;
            case FaultKind.RateLimited:
                await emulator.WriteRateLimitedAsync(context, fault.RetryAfterSeconds);
                return;
            case FaultKind.InternalServerError:
                await emulator.WriteServerErrorAsync(context, StatusCodes.Status500InternalServerError);
                return;
            case FaultKind.BadGateway:
                await emulator.WriteServerErrorAsync(context, StatusCodes.Status502BadGateway);
                return;
            case FaultKind.ServiceUnavailable:
                await emulator.WriteServerErrorAsync(context, StatusCodes.Status503ServiceUnavailable);
                return;
            case FaultKind.Slow:
                await Task.Delay(delay, emulator.Time, context.RequestAborted);
                await next(context);
                return;
            case FaultKind.Timeout:
                await Task.Delay(delay, emulator.Time, context.RequestAborted);
                await emulator.WriteServerErrorAsync(context, StatusCodes.Status504GatewayTimeout);
                return;
            case FaultKind.ConnectionReset:
                context.Abort();
                return;
            case FaultKind.FailAfterCommit:
                var original = context.Response.Body;
                using (var discard = new MemoryStream())
                {
                    context.Response.Body = discard;
                    await next(context);
                    context.Response.Body = original;
                }

                context.Response.Clear();
                await emulator.WriteServerErrorAsync(context, StatusCodes.Status500InternalServerError);
                return;
            default:
                throw new InvalidOperationException($"Unknown fault {fault.Kind}.");
        }
    }

    private static TimeSpan Bounded(TimeSpan delay) => delay > MaxDelay ? MaxDelay : delay;

    private static async Task<string?> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count == 0))
            return null;
        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);
        var buffer = new char[MaxJournalBody];
        var read = await reader.ReadBlockAsync(buffer.AsMemory());
        request.Body.Position = 0;
        return new string(buffer, 0, read);
    }
}
