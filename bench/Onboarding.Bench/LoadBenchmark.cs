using System.Diagnostics;
using System.Globalization;
using Onboarding.Core.Apply;
using Onboarding.Testing;

namespace Onboarding.Bench;

/// <summary>
/// The first import of many communities under the services' rate limits, and the requests one changed community
/// costs in a small and in a large repository (docs/reliability.md, "Load").
/// </summary>
/// <remarks>
/// In-process, on the library the CLI runs (the same clients, reader and executor as <c>apply</c>): the benchmark
/// needs the sandbox's request journal to count requests and 429s per service, and a HubSpot seeded with the
/// generated communities' deals, neither of which a child process's built-in sandbox exposes.
/// </remarks>
internal static class LoadBenchmark
{
    public const string Usage = "load [--communities 300] [--small 10] [--large 1000] [--skip-import] [--skip-scaling]";

    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var communities = arguments.Option("--communities", 300);
        var small = arguments.Option("--small", 10);
        var large = arguments.Option("--large", 1000);
        var ok = true;
        if (!arguments.Flag("--skip-import"))
            ok &= await ImportAsync(communities);
        if (!arguments.Flag("--skip-scaling"))
            ok &= await ScalingAsync(small, large);
        return ok ? 0 : 1;
    }

    /// <summary>A first import (<c>apply --all</c>) of <paramref name="count"/> communities with the limits on.</summary>
    private static async Task<bool> ImportAsync(int count)
    {
        Console.WriteLine($"First import: apply --all over {count} generated communities, HubSpot limited to {LoadRig.HubSpotLimit} requests per 10 s, Freshdesk to {LoadRig.FreshdeskLimit} per minute.");
        var documents = LoadRig.Repository(count);
        await using var rig = await LoadRig.StartAsync(count, limitsOn: true);
        var clock = Stopwatch.StartNew();
        var report = await rig.ApplyAsync(documents, wholeRepository: true, allowLargeChange: true);
        clock.Stop();
        var loads = rig.Load(rig.Sandbox.Journal.Entries);
        var failed = report.Communities.Count(c => c.Outcome != CommunityOutcome.Applied);
        var issues = report.Communities.Sum(c => c.Steps.Count(s => s.Service == "github" && s.Kind == Core.Planning.StepKind.OpenIssue));

        Console.WriteLine();
        Console.WriteLine(Invariant($"communities: {count} ({count - failed} applied, {failed} failed), {report.ChangeCount} changes, {issues} turnup issues opened"));
        Console.WriteLine(Invariant($"elapsed: {clock.Elapsed.TotalSeconds:0.0} s"));
        Console.WriteLine();
        Console.WriteLine("| service | requests | limit | achieved (average per window over its busy span) | of the limit | 429s | failures |");
        Console.WriteLine("| --- | ---: | --- | --- | ---: | ---: | ---: |");
        foreach (var load in loads)
        {
            Console.WriteLine(Invariant($"| {load.Service} | {load.Requests} | {load.Limit} per {Words(load.Window)} | {load.PerWindow:0.0} per {Words(load.Window)} over {load.Span.TotalSeconds:0} s | {load.ShareOfLimit * 100:0.0}% | {load.RateLimited} | {load.Failed} |"));
        }

        var bottleneck = loads.MaxBy(l => l.ShareOfLimit)!;
        var refused = loads.Sum(l => l.RateLimited);
        var met = refused == 0 && failed == 0 && bottleneck.ShareOfLimit >= 0.9;
        Console.WriteLine();
        Console.WriteLine(Invariant($"bottleneck: {bottleneck.Service} at {bottleneck.ShareOfLimit * 100:0.0}% of its limit; requests refused for rate: {refused}; failed communities: {failed}."));
        Console.WriteLine(met
            ? "Goal met: no request refused for rate, and at least 90% of the bottleneck's limit used."
            : "Goal NOT met: the goal is no request refused for rate, no failure, and at least 90% of the bottleneck's limit used.");
        var entries = rig.Sandbox.Journal.Entries;
        foreach (var refusal in entries.Where(e => e.Status == 429).Take(5))
        {
            var window = loads.Single(l => l.Service == refusal.Service).Window;
            var before = entries.Count(e => e.Service == refusal.Service && e.At > refusal.At - window && e.At <= refusal.At);
            Console.WriteLine(Invariant($"  429 from {refusal.Service} at {refusal.At:HH:mm:ss.fff}: {refusal.Method} {refusal.Path}, {before} of its requests answered in the window before"));
        }

        foreach (var failure in report.Communities.Where(c => c.Error is not null).Take(5))
            Console.WriteLine($"  {failure.Name}: {failure.Error}");
        return met;
    }

    /// <summary>The requests for one changed community in a repository of <paramref name="small"/> and of <paramref name="large"/>.</summary>
    private static async Task<bool> ScalingAsync(int small, int large)
    {
        Console.WriteLine();
        Console.WriteLine($"One changed community (c000001: a new long name and a second technical contact), applied as a push that changed only its manifest, in a repository of {small} and of {large} communities.");
        Console.WriteLine("The other communities' state is put in first by applying them all with the emulators' rate limits off and the clients' pace raised (not timed, not counted).");
        var counts = new List<(int Size, IReadOnlyList<ServiceLoad> Loads, bool Succeeded)>();
        foreach (var size in new[] { small, large })
        {
            var clock = Stopwatch.StartNew();
            var (loads, applied) = await OneChangeAsync(size);
            Console.WriteLine(Invariant($"  repository of {size}: seeded and measured in {clock.Elapsed.TotalSeconds:0} s"));
            counts.Add((size, loads, applied));
        }

        Console.WriteLine();
        Console.WriteLine($"| requests for one changed community | {string.Join(" | ", counts.Select(c => $"repository of {c.Size}"))} |");
        Console.WriteLine($"| --- | {string.Join(" | ", counts.Select(_ => "---:"))} |");
        foreach (var service in counts[0].Loads.Select(l => l.Service))
            Console.WriteLine($"| {service} | {string.Join(" | ", counts.Select(c => c.Loads.Single(l => l.Service == service).Requests))} |");
        Console.WriteLine($"| total | {string.Join(" | ", counts.Select(c => c.Loads.Sum(l => l.Requests)))} |");

        var equal = counts[0].Loads.Select(l => l.Requests).SequenceEqual(counts[1].Loads.Select(l => l.Requests));
        var succeeded = counts.All(c => c.Succeeded);
        Console.WriteLine();
        Console.WriteLine(equal && succeeded
            ? "Goal met: the same requests per service, whatever the repository's size."
            : $"Goal NOT met: {(succeeded ? "" : "an apply failed; ")}{(equal ? "" : "the counts differ.")}");
        return equal && succeeded;
    }

    private static async Task<(IReadOnlyList<ServiceLoad> Loads, bool Succeeded)> OneChangeAsync(int size)
    {
        var state = Path.Combine(Path.GetTempPath(), "onboarding-load-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(state);
        try
        {
            await using (var seeding = await LoadRig.StartAsync(size, limitsOn: false, state))
            {
                var seeded = await seeding.SeedAsync(LoadRig.Repository(size));
                if (!seeded.Succeeded)
                    throw new InvalidOperationException($"Seeding {size} communities failed: {seeded.Communities.First(c => c.Error is not null).Error}");
            }

            await using var rig = await LoadRig.StartAsync(size, limitsOn: true, state);
            var changed = LoadRig.Repository(size, changed: 1).Where(d => d.Path == LoadRig.PathOf(1)).ToList();
            var report = await rig.ApplyAsync(changed, wholeRepository: false, repositorySize: size);
            var loads = rig.Load(rig.Sandbox.Journal.Entries);
            return (loads, report.Succeeded && report.ChangeCount > 0 && loads.All(l => l.RateLimited == 0));
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    private static string Words(TimeSpan window) => window.TotalMinutes >= 60 ? $"{window.TotalHours:0} h" : window.TotalSeconds >= 60 ? $"{window.TotalMinutes:0} min" : $"{window.TotalSeconds:0} s";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
