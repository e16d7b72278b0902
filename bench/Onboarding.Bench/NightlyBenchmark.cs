using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Onboarding.Core.Apply;
using Onboarding.Core.Configuration;
using Onboarding.Core.Drift;
using Onboarding.Core.FirstValue;
using Onboarding.Sandbox.Infrastructure;
using Onboarding.Services;
using Onboarding.Services.Freshdesk;
using Onboarding.Services.GitHub;
using Onboarding.Services.HubSpot;
using Onboarding.Services.Planning;
using Onboarding.Services.Prometheus;
using Onboarding.Testing;

namespace Onboarding.Bench;

/// <summary>
/// The nightly runs over many communities against the real plans' limits (docs/benchmarks.md, "Nightly"): N generated
/// communities are brought into the sandbox, then a no-op <c>apply --all</c>, <c>drift</c> and <c>first-value</c> run in
/// turn; each prints its requests per service and bucket, its elapsed time under the limits, and the peak use of each limit.
/// </summary>
/// <remarks>
/// The runs go in-process, on the library the CLI runs (the same reader, executor and runners), against emulators and
/// clients with no limits, so a run over 1,000 communities takes seconds of wall time; the journal records every request
/// in order. The elapsed time is then found on a virtual clock: the requests are replayed one after another (the clients
/// send one at a time) with a modelled latency each (<c>--latency-ms</c>, 150 by default: a round trip to a SaaS API from
/// a CI runner), and each waits for a slot exactly as the clients' pace grants it (<c>WindowPacer</c>: request k + L
/// leaves a window and 1% after request k's answer) at this program's share of the plan's limits. GitHub (5,000 an hour)
/// is not the bottleneck and is replayed with latency only; each Prometheus address at its client's 30 a minute.
/// </remarks>
internal static class NightlyBenchmark
{
    public const string Usage = "nightly [--communities 100] [--plan growth] [--share 0.5] [--latency-ms 150] [--output json]";

    private static readonly TimeSpan PrometheusWindow = TimeSpan.FromMinutes(1);
    private const int PrometheusPerMinute = 30;

    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var count = arguments.Option("--communities", 100);
        var planName = arguments.Text("--plan") ?? "growth";
        if (!Enum.TryParse<FreshdeskPlan>(planName, ignoreCase: true, out var plan))
        {
            Console.Error.WriteLine($"nightly: --plan {planName} is not a Freshdesk plan (trial, growth, pro, enterprise, blossom, garden, estate, forest).");
            return 2;
        }

        var share = double.Parse(arguments.Text("--share") ?? "0.5", CultureInfo.InvariantCulture);
        var latency = TimeSpan.FromMilliseconds(arguments.Option("--latency-ms", 150));
        var json = arguments.Text("--output") == "json";
        // As the commands decide (ObservedStateReader.ReadsInBulk); --by-keys measures the reader one community at a time.
        var bulk = !arguments.Flag("--by-keys") && ObservedStateReader.ReadsInBulk(wholeRepository: true, count);
        var settings = new OnboardingSettings { Freshdesk = new FreshdeskSettings { Plan = plan, Share = share } };
        var limits = ServiceBudget.Of(settings);

        var wall = Stopwatch.StartNew();
        var documents = LoadRig.Repository(count);
        await using var rig = await LoadRig.StartAsync(count, limitsOn: false);
        var seeding = await rig.SeedAsync(documents);
        var seeded = seeding.Communities.Count(c => c.Outcome == CommunityOutcome.Applied);

        var runs = new List<RunFigures>();
        // The day the generated manifests and the rig's seeding apply were made for.
        var today = new DateOnly(2026, 11, 24);
        using var clients = new UnpacedClients(rig);
        runs.Add(await MeasureAsync(rig, "apply --all", RunKind.Apply, count, bulk, limits, latency, async () =>
            await new ApplyRunner(clients.Reader(wholeRepository: true, bulk), new PlanExecutor(clients.HubSpot, clients.Freshdesk, clients.GitHub, rig.Settings), rig.Settings, TurnupFixtures.Templates, today)
                .RunAsync([.. documents.Select(d => new Core.Planning.PlanInput(d, null))], [], new ApplyGuard(count, true, null))));
        runs.Add(await MeasureAsync(rig, "drift", RunKind.Drift, count, bulk, limits, latency, async () =>
            await new DriftRunner(clients.Reader(wholeRepository: false, bulk), clients.HubSpot, rig.Settings, TurnupFixtures.Templates).RunAsync(documents, "communities", [])));
        runs.Add(await MeasureAsync(rig, "first-value", RunKind.FirstValue, count, bulk, limits, latency, async () =>
            await new FirstValueRunner(clients.Prometheus, clients.HubSpot, clients.GitHub, rig.Settings) { Bulk = bulk }.RunAsync([.. documents.Select(d => d.Community)], DateTimeOffset.UtcNow)));
        wall.Stop();

        var header = new Header(count, seeded, plan.ToString().ToLowerInvariant(), share, latency, settings.RunMinutes, wall.Elapsed, bulk);
        Console.Write(json ? Json(header, runs) : Text(header, runs));
        return 0;
    }

    private static async Task<RunFigures> MeasureAsync(LoadRig rig, string name, RunKind kind, int count, bool bulk, IReadOnlyList<BudgetLimit> limits, TimeSpan latency, Func<Task<object>> run)
    {
        var before = rig.Sandbox.Journal.Entries.Count;
        await run();
        var entries = rig.Sandbox.Journal.Entries.Skip(before).ToList();
        return Replay(name, kind, count, bulk, entries, limits, latency);
    }

    /// <summary>The run's requests on the virtual clock, paced as the clients pace them (see the remarks above).</summary>
    internal static RunFigures Replay(string name, RunKind kind, int count, bool bulk, IReadOnlyList<JournalEntry> entries, IReadOnlyList<BudgetLimit> limits, TimeSpan latency)
    {
        var paced = limits.Where(l => l.Window < TimeSpan.FromDays(1)).ToList();
        var finishes = paced.ToDictionary(l => l, _ => new List<TimeSpan>());
        var starts = limits.ToDictionary(l => l, _ => new List<TimeSpan>());
        var prometheusFinishes = new Dictionary<string, List<TimeSpan>>(StringComparer.Ordinal);
        var byService = new Dictionary<string, int>(StringComparer.Ordinal);
        var byBucket = new Dictionary<RequestBucket, int>();
        var waited = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var now = TimeSpan.Zero;
        foreach (var entry in entries)
        {
            byService[entry.Service] = byService.GetValueOrDefault(entry.Service) + 1;
            var bucket = ServiceBudget.BucketOf(entry.Service, entry.Method, entry.Path);
            if (bucket is { } b)
                byBucket[b] = byBucket.GetValueOrDefault(b) + 1;
            var start = now;
            foreach (var limit in paced.Where(l => bucket is { } b2 && l.Counts.Contains(b2)))
            {
                var done = finishes[limit];
                if (done.Count >= limit.Allowed)
                    start = Max(start, done[^limit.Allowed] + limit.Window + Margin(limit.Window));
            }

            // The client paces each Prometheus address apart; the sandbox serves each community's under /<community>/.
            var server = entry.Service == "prometheus" ? entry.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "" : "";
            var prometheus = prometheusFinishes.TryGetValue(server, out var finished) ? finished : prometheusFinishes[server] = [];
            if (entry.Service == "prometheus" && prometheus.Count >= PrometheusPerMinute)
                start = Max(start, prometheus[^PrometheusPerMinute] + PrometheusWindow + Margin(PrometheusWindow));
            waited[entry.Service] = waited.GetValueOrDefault(entry.Service) + (start - now);
            var finish = start + latency;
            foreach (var limit in limits.Where(l => bucket is { } b3 && l.Counts.Contains(b3)))
            {
                starts[limit].Add(start);
                if (finishes.TryGetValue(limit, out var list))
                    list.Add(finish);
            }

            if (entry.Service == "prometheus")
            {
                prometheus.Add(finish);
            }

            now = finish;
        }

        var uses = limits.Select(l => new LimitUse(l, starts[l].Count, Peak(starts[l], l.Window))).ToList();
        var fit = RunFit.Of(count, RunCosts.Of(kind, bulk), limits, TimeSpan.FromMinutes(50));
        return new RunFigures(name, entries.Count, now, byService, byBucket, waited, uses, entries.Count(e => e.Status == 429), fit);
    }

    private static TimeSpan Margin(TimeSpan window) => TimeSpan.FromTicks(Math.Max(window.Ticks / 100, TimeSpan.FromMilliseconds(10).Ticks));

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>The most starts in any window of <paramref name="window"/> (sliding).</summary>
    private static int Peak(List<TimeSpan> starts, TimeSpan window)
    {
        var most = 0;
        for (int from = 0, to = 0; from < starts.Count; from++)
        {
            while (to < starts.Count && starts[to] < starts[from] + window)
                to++;
            most = Math.Max(most, to - from);
        }

        return most;
    }

    private static string Text(Header header, IReadOnlyList<RunFigures> runs)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"Nightly runs over {header.Communities:N0} generated communities ({header.Seeded:N0} brought into the sandbox first); Freshdesk {header.Plan} at a share of {header.Share:0.##}, HubSpot's 100 per 10 s, search 5 a second and 250,000 a day at 0.5. Read {(header.Bulk ? "in bulk" : "one community at a time, by keys")}."));
        text.AppendLine(Invariant($"Elapsed: virtual clock, requests one at a time with {header.Latency.TotalMilliseconds:0} ms latency each, waiting for the pace's slots as the clients do. Wall time of the whole benchmark: {header.Wall.TotalSeconds:0} s ({Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:0} s of CPU)."));
        foreach (var run in runs)
        {
            text.AppendLine();
            text.AppendLine(Invariant($"## {run.Name}: {run.Requests:N0} requests, {Minutes(run.Elapsed)} elapsed{(run.RateLimited > 0 ? $", {run.RateLimited} answered 429" : "")}"));
            text.AppendLine();
            text.AppendLine("| service | requests | per community | waiting for the pace |");
            text.AppendLine("| --- | ---: | ---: | ---: |");
            foreach (var (service, requests) in run.ByService.OrderBy(s => s.Key, StringComparer.Ordinal))
                text.AppendLine(Invariant($"| {service} | {requests:N0} | {(double)requests / header.Communities:0.00} | {Minutes(run.Waited.GetValueOrDefault(service))} |"));
            text.AppendLine();
            text.AppendLine("| limit | requests | peak in a window | of the limit | of our share |");
            text.AppendLine("| --- | ---: | ---: | ---: | ---: |");
            foreach (var use in run.Limits.Where(u => u.Requests > 0))
            {
                text.AppendLine(Invariant($"| {use.Limit.Name}: {use.Limit.Words()} | {use.Requests:N0} | {use.Peak:N0} | {100.0 * use.Peak / use.Limit.Limit:0.0}% | {100.0 * use.Peak / use.Limit.Allowed:0.0}% |"));
            }

            text.AppendLine();
            text.AppendLine(run.Fit.All
                ? Invariant($"Fit before start (run_minutes {header.RunMinutes}, the built-in costs): all {header.Communities:N0} fit.")
                : Invariant($"Fit before start (run_minutes {header.RunMinutes}, the built-in costs): {run.Fit.Fits:N0} of {header.Communities:N0} fit; {run.Fit.Deciding?.Name} decides."));
        }

        return text.ToString();
    }

    private static string Json(Header header, IReadOnlyList<RunFigures> runs)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("communities", header.Communities);
            w.WriteNumber("seeded", header.Seeded);
            w.WriteString("plan", header.Plan);
            w.WriteBoolean("bulk", header.Bulk);
            w.WriteNumber("share", header.Share);
            w.WriteString("clock", "virtual: requests one at a time, each waiting for the pace's slots, plus the latency");
            w.WriteNumber("latencyMs", header.Latency.TotalMilliseconds);
            w.WriteNumber("wallSeconds", Math.Round(header.Wall.TotalSeconds, 1));
            w.WriteStartArray("runs");
            foreach (var run in runs)
            {
                w.WriteStartObject();
                w.WriteString("run", run.Name);
                w.WriteNumber("requests", run.Requests);
                w.WriteNumber("elapsedSeconds", Math.Round(run.Elapsed.TotalSeconds, 1));
                w.WriteNumber("rateLimited", run.RateLimited);
                w.WriteStartObject("services");
                foreach (var (service, requests) in run.ByService.OrderBy(s => s.Key, StringComparer.Ordinal))
                {
                    w.WriteStartObject(service);
                    w.WriteNumber("requests", requests);
                    w.WriteNumber("perCommunity", Math.Round((double)requests / header.Communities, 2));
                    w.WriteNumber("waitingSeconds", Math.Round(run.Waited.GetValueOrDefault(service).TotalSeconds, 1));
                    w.WriteEndObject();
                }

                w.WriteEndObject();
                w.WriteStartObject("buckets");
                foreach (var (bucket, requests) in run.ByBucket.OrderBy(b => b.Key))
                    w.WriteNumber(bucket.ToString(), requests);
                w.WriteEndObject();
                w.WriteStartArray("limits");
                foreach (var use in run.Limits)
                {
                    w.WriteStartObject();
                    w.WriteString("limit", use.Limit.Name);
                    w.WriteNumber("perWindow", use.Limit.Limit);
                    w.WriteNumber("windowSeconds", use.Limit.Window.TotalSeconds);
                    w.WriteNumber("share", use.Limit.Share);
                    w.WriteNumber("requests", use.Requests);
                    w.WriteNumber("peak", use.Peak);
                    w.WriteNumber("ofLimit", Math.Round((double)use.Peak / use.Limit.Limit, 3));
                    w.WriteNumber("ofShare", Math.Round((double)use.Peak / use.Limit.Allowed, 3));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteNumber("fits", run.Fit.Fits);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static string Minutes(TimeSpan elapsed) =>
        elapsed.TotalMinutes >= 1 ? Invariant($"{elapsed.TotalMinutes:0.0} min") : Invariant($"{elapsed.TotalSeconds:0.0} s");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Header(int Communities, int Seeded, string Plan, double Share, TimeSpan Latency, int RunMinutes, TimeSpan Wall, bool Bulk);

    internal sealed record LimitUse(BudgetLimit Limit, int Requests, int Peak);

    internal sealed record RunFigures(
        string Name, int Requests, TimeSpan Elapsed, IReadOnlyDictionary<string, int> ByService, IReadOnlyDictionary<RequestBucket, int> ByBucket,
        IReadOnlyDictionary<string, TimeSpan> Waited, IReadOnlyList<LimitUse> Limits, int RateLimited, RunFit Fit);

    /// <summary>The CLI's clients on the sandbox with paces far beyond any limit: the journal, not the wall clock, is measured.</summary>
    private sealed class UnpacedClients : IDisposable
    {
        private readonly LoadRig _rig;

        public UnpacedClients(LoadRig rig)
        {
            _rig = rig;
            var sandbox = rig.Sandbox;
            HubSpot = new HubSpotClient(new HubSpotOptions
            {
                BaseAddress = sandbox.HubSpot.BaseAddress,
                AccessToken = sandbox.Options.HubSpot.Tokens[0],
                CommunityObjectType = rig.Settings.HubSpot.CommunityObjectType,
                CommunityNameProperty = rig.Settings.HubSpot.Properties.Name,
                RequestsPerWindow = 1_000_000,
                FollowAnnouncedLimit = false,
                SearchPerSecond = 1_000_000,
            });
            Freshdesk = new FreshdeskClient(new FreshdeskClientOptions
            {
                BaseAddress = sandbox.Freshdesk.BaseAddress,
                ApiKey = sandbox.Options.Freshdesk.ApiKey,
                Limits = FreshdeskRateLimits.PerMinute(1_000_000),
                FollowAnnouncedLimit = false,
            });
            var (owner, repository) = ServiceConnections.SplitRepository(rig.Settings.GitHub.InfrastructureRepository);
            var endpoint = GitHubClientOptions.DefaultEndpoint(sandbox.GitHub.BaseAddress) with { RequestsPerWindow = 1_000_000 };
            GitHub = new GitHubClient(new GitHubClientOptions(endpoint, owner, repository, sandbox.Options.GitHub.Tokens[0].Token));
            var access = SandboxAccess.Of(sandbox);
            Prometheus = new PrometheusClient(new PrometheusClientOptions { Address = access.Prometheus!, Logins = access.PrometheusLogins, RequestsPerMinute = 1_000_000 });
        }

        public HubSpotClient HubSpot { get; }

        public FreshdeskClient Freshdesk { get; }

        public GitHubClient GitHub { get; }

        public PrometheusClient Prometheus { get; }

        public ObservedStateReader Reader(bool wholeRepository, bool bulk) => new(HubSpot, Freshdesk, GitHub, _rig.Settings, wholeRepository || bulk) { Bulk = bulk };

        public void Dispose()
        {
            HubSpot.Dispose();
            Freshdesk.Dispose();
            GitHub.Dispose();
            Prometheus.Dispose();
        }
    }
}
