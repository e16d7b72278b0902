using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Onboarding.Sandbox;
using Onboarding.Sandbox.Freshdesk;
using Onboarding.Sandbox.Infrastructure;
using Onboarding.Sandbox.Inspection;

namespace Onboarding.Bench;

/// <summary>
/// The fault soak (docs/reliability.md): every run of a scenario is applied once to an undisturbed sandbox, then to
/// another one through random faults and killed processes until an apply succeeds; after each run the two sandboxes
/// must hold the same things, none twice and none missing.
/// </summary>
internal static class SoakBenchmark
{
    public const string Usage = "soak [--runs 10] [--communities 0] [--seed 1] [--attempts 8] [--fault-rate 0.08]";

    private static readonly TimeSpan ChildLimit = TimeSpan.FromMinutes(3);

    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var runs = arguments.Option("--runs", 10);
        var generated = arguments.Option("--communities", 0);
        var seed = arguments.Option("--seed", 1);
        var attempts = arguments.Option("--attempts", 8);
        var faultRate = double.Parse(arguments.Text("--fault-rate") ?? "0.08", CultureInfo.InvariantCulture);
        if (runs < 1 || generated < 0 || attempts < 2 || faultRate is < 0 or > 1)
            return BenchArguments.PrintUsage(Usage);

        // The emulators' hosts catch SIGTERM and SIGINT for themselves; the soak stops its apply and ends instead.
        using var stopping = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stopping.Cancel();
        }

        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        var root = arguments.Root;
        var cli = Path.Combine(AppContext.BaseDirectory, "onboarding.dll");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var scenario = SoakScenario.Create(root, runs, generated, new Random(seed), today);
        var work = Path.Combine(root, ".bench", "soak");
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"Fault soak, seed {seed}: {runs} runs over {scenario.Examples} example and {generated} generated communities, " +
            $"{scenario.CommunitiesIn(runs - 1)} by the last run; at most {attempts} attempts a run, fault rate {faultRate.ToString(CultureInfo.InvariantCulture)}.");

        // The undisturbed reference: one apply per run, no faults, no kills.
        var reference = new List<SandboxSnapshot>();
        var referenceRequests = new List<int>();
        var referenceTimes = new List<TimeSpan>();
        var referenceServices = "";
        await using (var sandbox = await StartSandboxAsync(scenario))
        {
            var directory = Prepare(Path.Combine(work, "reference"), sandbox);
            for (var run = 0; run < runs; run++)
            {
                scenario.Write(directory, run);
                var outcome = await SoakChild.RunAsync(cli, directory, run == 0, Secrets(sandbox), sandbox.Journal, KillPlan.None, ChildLimit, stopping.Token);
                if (stopping.IsCancellationRequested)
                    return Stopped();
                if (!outcome.Succeeded)
                {
                    Console.WriteLine($"The undisturbed apply of run {run + 1} failed (exit {outcome.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none"}), so there is nothing to compare with:");
                    Console.WriteLine(outcome.Output);
                    return 1;
                }

                reference.Add(SandboxSnapshot.Capture(sandbox));
                referenceRequests.Add(outcome.Requests);
                referenceTimes.Add(outcome.Elapsed);
            }

            referenceServices = string.Join(", ", sandbox.Journal.Entries.GroupBy(e => e.Service).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
        }

        Console.WriteLine($"Reference: {runs} undisturbed runs, {referenceRequests.Sum()} requests ({referenceServices}), {Seconds(clock.Elapsed)}; " +
            $"the last holds {Describe(reference[^1].CountByKind())}.");

        // The soak: the same runs through faults and kills.
        var random = new Random(seed ^ 0x5eed);
        var tally = new SoakTally();
        await using (var sandbox = await StartSandboxAsync(scenario))
        {
            var directory = Prepare(Path.Combine(work, "soak"), sandbox);
            for (var run = 0; run < runs; run++)
            {
                scenario.Write(directory, run);
                var succeeded = false;
                var notes = new List<string>();
                for (var attempt = 1; attempt <= attempts && !succeeded; attempt++)
                {
                    // The last attempt is undisturbed, so a run that cannot converge is the program's fault, not the dice's.
                    var last = attempt == attempts;
                    var kill = last ? KillPlan.None : ChooseKill(random, referenceRequests[run], referenceTimes[run]);
                    foreach (var host in new[] { sandbox.HubSpot, sandbox.Freshdesk, sandbox.GitHub })
                    {
                        host.Faults.Clear();
                        if (!last)
                            host.Faults.Randomly(random.Next(), faultRate, maxFaults: 50);
                    }

                    var outcome = await SoakChild.RunAsync(cli, directory, run == 0, Secrets(sandbox), sandbox.Journal, kill, ChildLimit, stopping.Token);
                    if (stopping.IsCancellationRequested)
                        return Stopped();
                    tally.Attempts++;
                    if (outcome.Killed)
                    {
                        tally.Kills++;
                        if (kill.AfterDelay is not null)
                            tally.KillsAfterDelay++;
                        else
                            tally.KillsAfterRequests++;
                        notes.Add($"killed ({kill})");
                        // A re-run comes later than a crash: let the emulators finish what the dead process had in flight.
                        await Task.Delay(TimeSpan.FromMilliseconds(300));
                    }
                    else if (outcome.TimedOut)
                    {
                        tally.TimedOut++;
                        notes.Add($"stopped after {Seconds(ChildLimit)}");
                    }
                    else if (!outcome.Succeeded)
                    {
                        tally.FailedApplies++;
                        notes.Add($"exit {outcome.ExitCode}");
                        if (last)
                            Console.WriteLine(outcome.Output);
                    }
                    else
                    {
                        succeeded = true;
                        notes.Add("succeeded");
                    }
                }

                foreach (var host in new[] { sandbox.HubSpot, sandbox.Freshdesk, sandbox.GitHub })
                    host.Faults.Clear();
                if (!succeeded)
                    tally.Unfinished.Add(run + 1);
                var differences = SnapshotComparison.Compare(reference[run], SandboxSnapshot.Capture(sandbox));
                tally.Record(run + 1, differences);
                var changes = scenario.ChangesBefore(run);
                Console.WriteLine($"run {run + 1}/{runs}: {(run == 0 ? "first import" : changes.Count == 0 ? "no change" : string.Join(", ", changes))}; " +
                    $"{string.Join(", ", notes)}; {(differences.Count == 0 ? "same state as undisturbed" : $"{differences.Count} differences")}");
            }

            tally.Count(sandbox.Journal.Entries);
        }

        clock.Stop();
        tally.Print(runs, Seconds(clock.Elapsed), reference[^1].Facts.Count);
        return tally.Clean ? 0 : 1;
    }

    private static int Stopped()
    {
        Console.WriteLine("The soak was stopped before it finished; nothing was compared after the last run.");
        return 1;
    }

    private static KillPlan ChooseKill(Random random, int referenceRequests, TimeSpan referenceTime)
    {
        var roll = random.NextDouble();
        if (roll < 0.3)
            return new KillPlan(AfterDelay: TimeSpan.FromMilliseconds(200 + (random.NextDouble() * Math.Max(200, referenceTime.TotalMilliseconds))));
        if (roll < 0.6 && referenceRequests > 0)
            return new KillPlan(AfterRequests: 1 + random.Next(referenceRequests));
        return KillPlan.None;
    }

    private static async Task<SandboxServer> StartSandboxAsync(SoakScenario scenario)
    {
        var hubSpot = SandboxSeeds.HubSpot();
        return await SandboxServer.StartAsync(new SandboxOptions
        {
            HubSpot = hubSpot with { Deals = [.. hubSpot.Deals, .. scenario.Deals()] },
            // A larger Freshdesk plan (Enterprise, 700 a minute) than the default Growth: the soak starts many short
            // processes in a row, each with a pace of its own, and is about faults rather than the account's budget
            // (the load benchmark's).
            Freshdesk = new FreshdeskSeed { Plan = "enterprise" },
        });
    }

    /// <summary>A working directory whose onboarding.yaml points at <paramref name="sandbox"/>; the communities are written per run.</summary>
    private static string Prepare(string directory, SandboxServer sandbox)
    {
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "onboarding.yaml"), $"""
            # yaml-language-server: $schema=../../../schemas/onboarding.schema.json
            # The soak's emulators on this machine (written by the benchmark; the secrets come from the environment).
            hubspot:
              base_url: {sandbox.HubSpot.BaseAddress}
              community_object_type: "{sandbox.Options.HubSpot.CommunityObjectTypeId}"
              portal_id: {sandbox.Options.HubSpot.PortalId}
            freshdesk:
              base_url: {sandbox.Freshdesk.BaseAddress}
              email_config_id: {sandbox.Options.Freshdesk.EmailConfigs[0].Id}
            github:
              api_url: {sandbox.GitHub.BaseAddress}
              infrastructure_repository: example-org/infrastructure
              bd_team: "@example-org/bd"

            """);
        return directory;
    }

    private static Dictionary<string, string> Secrets(SandboxServer sandbox) =>
        sandbox.Endpoints.Where(e => e.SecretVariable.Length > 0).ToDictionary(e => e.SecretVariable, e => e.Secret, StringComparer.Ordinal);

    private static string Describe(IReadOnlyDictionary<string, int> counts) =>
        string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Value} {c.Key}"));

    internal static string Seconds(TimeSpan time) => string.Create(CultureInfo.InvariantCulture, $"{time.TotalSeconds:0.0} s");
}
