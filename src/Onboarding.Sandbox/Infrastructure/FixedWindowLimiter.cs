using System.Collections.Concurrent;

namespace Onboarding.Sandbox.Infrastructure;

/// <summary>A per-key request budget over a fixed window, as both HubSpot (10 s) and Freshdesk (1 min) count it.</summary>
public sealed class FixedWindowLimiter(int limit, TimeSpan window, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new();

    public int Limit { get; set; } = limit;

    public TimeSpan WindowLength { get; } = window;

    /// <summary>Counts one request for <paramref name="key"/>.</summary>
    public Decision Take(string key)
    {
        var now = time.GetUtcNow();
        var window = _windows.AddOrUpdate(
            key,
            _ => new Window(now, 1),
            (_, w) => now - w.Start >= WindowLength ? new Window(now, 1) : w with { Used = w.Used + 1 });
        var allowed = window.Used <= Limit;
        var resetIn = window.Start + WindowLength - now;
        return new Decision(allowed, Math.Max(0, Limit - window.Used), resetIn < TimeSpan.Zero ? TimeSpan.Zero : resetIn);
    }

    public readonly record struct Decision(bool Allowed, int Remaining, TimeSpan ResetIn);

    private sealed record Window(DateTimeOffset Start, int Used);
}
