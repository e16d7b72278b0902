using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Onboarding.Sandbox.Infrastructure;

/// <summary>One emulated service: its routes, its own middleware (auth, rate limit) and its own error shapes.</summary>
public interface IServiceEmulator
{
    /// <summary>Short name used in the journal and in fault plans: "hubspot", "freshdesk", "github".</summary>
    string Name { get; }

    /// <summary>Adds auth, rate limiting and routes. Runs after the shared journal and fault middleware.</summary>
    void Configure(WebApplication app);

    /// <summary>Writes a 429 exactly as the real service does (headers and body).</summary>
    Task WriteRateLimitedAsync(HttpContext context, int retryAfterSeconds);

    /// <summary>Writes a 5xx in the service's error shape.</summary>
    Task WriteServerErrorAsync(HttpContext context, int status);
}
