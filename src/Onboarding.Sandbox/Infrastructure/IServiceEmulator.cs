using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Onboarding.Sandbox.Infrastructure;

/// <summary>One emulated service: its routes, its own middleware (auth, rate limit), its own error shapes and its clock.</summary>
public interface IServiceEmulator
{
    /// <summary>Short name used in the journal and in fault plans: "hubspot", "freshdesk", "github".</summary>
    string Name { get; }

    /// <summary>The one clock of the emulator: its store, its rate limits, and the journal and fault delays of its host.</summary>
    TimeProvider Time { get; }

    /// <summary>Adds auth, rate limiting and routes. Runs after the shared journal and fault middleware.</summary>
    void Configure(WebApplication app);

    /// <summary>Writes a 429 exactly as the real service does (headers and body).</summary>
    Task WriteRateLimitedAsync(HttpContext context, int retryAfterSeconds);

    /// <summary>Writes a 5xx in the service's error shape.</summary>
    Task WriteServerErrorAsync(HttpContext context, int status);
}
