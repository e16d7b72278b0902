using System.Diagnostics;
using Onboarding.Core.Planning;
using Onboarding.Sandbox.Infrastructure;

namespace Onboarding.Bench;

/// <summary>When the soak kills an apply: never, after a delay, or once the emulators have journaled so many of its requests.</summary>
internal sealed record KillPlan(TimeSpan? AfterDelay = null, int? AfterRequests = null)
{
    public static KillPlan None { get; } = new();

    public override string ToString() =>
        AfterDelay is { } delay ? $"kill after {delay.TotalMilliseconds:0} ms"
        : AfterRequests is { } requests ? $"kill after request {requests}"
        : "no kill";
}

/// <param name="ExitCode">Null when the process was killed.</param>
/// <param name="Requests">Requests the emulators journaled while it ran.</param>
internal sealed record ChildOutcome(int? ExitCode, bool Killed, bool TimedOut, int Requests, TimeSpan Elapsed, string Output)
{
    public bool Succeeded => !Killed && !TimedOut && ExitCode == 0;
}

/// <summary>
/// Runs <c>onboarding apply --all</c> as a child process against the soak's emulators, and kills it when told to. The
/// first import is approved with <c>--allow-large-change</c>, as an operator approves one (it touches every community,
/// so the guard holds it back once there are more than three); later runs change one or two communities and go
/// through the guard unapproved, as a push does.
/// </summary>
internal static class SoakChild
{
    /// <summary>Variables of the benchmark's own environment that would change how apply behaves (it is not a workflow run).</summary>
    private static readonly string[] Cleared =
        ["GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GITHUB_EVENT_PATH", "GITHUB_EVENT_NAME", "GITHUB_TOKEN", "HUBSPOT_TOKEN", "FRESHDESK_API_KEY", "INFRA_GITHUB_TOKEN"];

    public static async Task<ChildOutcome> RunAsync(
        string cli, string directory, bool firstImport, IReadOnlyDictionary<string, string> secrets, RequestJournal journal, KillPlan kill, TimeSpan limit, CancellationToken stopping)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { cli, "apply", "--all", "--config", "onboarding.yaml" })
            start.ArgumentList.Add(argument);
        if (firstImport)
            start.ArgumentList.Add(ChangeGuard.OverrideFlag);
        foreach (var name in Cleared)
            start.Environment.Remove(name);
        foreach (var (name, value) in secrets)
            start.Environment[name] = value;

        var requests = 0;
        var trigger = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Count(JournalEntry entry)
        {
            if (Interlocked.Increment(ref requests) == kill.AfterRequests)
                trigger.TrySetResult();
        }

        journal.Recorded += Count;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
            using var stop = new CancellationTokenSource();
            var exited = process.WaitForExitAsync(stop.Token);
            // Stopping the benchmark (Ctrl-C, SIGTERM from a CI timeout) kills the apply too, as a kill.
            using var stopped = CancellationTokenSource.CreateLinkedTokenSource(stop.Token, stopping);
            var waits = new List<Task> { exited, Task.Delay(limit, stop.Token), trigger.Task, Task.Delay(Timeout.InfiniteTimeSpan, stopped.Token) };
            if (kill.AfterDelay is { } delay)
                waits.Add(Task.Delay(delay, stop.Token));
            var first = await Task.WhenAny(waits);
            var killed = false;
            var timedOut = false;
            if (first != exited && !process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                killed = first != waits[1];
                timedOut = first == waits[1];
            }

            await stop.CancelAsync();
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(bounded.Token);
            clock.Stop();
            var text = (await output) + (await error);
            return new ChildOutcome(killed || timedOut ? null : process.ExitCode, killed, timedOut, Volatile.Read(ref requests), clock.Elapsed, text);
        }
        finally
        {
            journal.Recorded -= Count;
            KillQuietly(process);
        }
    }

    private static void KillQuietly(Process process)
    {
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It ended on its own meanwhile.
        }
    }
}
