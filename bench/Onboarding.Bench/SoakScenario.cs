using System.Globalization;
using Onboarding.Sandbox.HubSpot;
using Onboarding.Testing;

namespace Onboarding.Bench;

/// <summary>
/// The communities of every run of the soak: the examples plus generated ones, then a few changes before each later
/// run (a person added, a hub deployed, a long name changed, a new community that lacks a technical contact), drawn
/// from the seed so the undisturbed reference and the soak see the same sequence.
/// </summary>
internal sealed class SoakScenario
{
    private readonly List<Dictionary<string, string>> _runs = [];
    private readonly List<IReadOnlyList<string>> _changes = [];

    private SoakScenario(int generated, int extra)
    {
        Generated = generated;
        Extra = extra;
    }

    /// <summary>Generated communities at the start.</summary>
    public int Generated { get; }

    /// <summary>Generated communities that may be added later (their deals are seeded too).</summary>
    public int Extra { get; }

    public int Runs => _runs.Count;

    public int Examples { get; private set; }

    /// <summary>What changed just before run <paramref name="run"/> (none before the first).</summary>
    public IReadOnlyList<string> ChangesBefore(int run) => _changes[run];

    public int CommunitiesIn(int run) => _runs[run].Count;

    public static SoakScenario Create(string root, int runs, int generated, Random random, DateOnly today)
    {
        // One: every community costs apply about seven Freshdesk requests a run, and the client paces Freshdesk at 40 a
        // minute, so a few more communities would make every attempt wait most of a minute for its last requests.
        const int extra = 1;
        var scenario = new SoakScenario(generated, extra);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.GetFiles(Path.Combine(root, "communities"), "*.yaml").Order(StringComparer.Ordinal))
            files[Path.GetFileName(path)] = File.ReadAllText(path);
        scenario.Examples = files.Count;
        for (var n = 0; n < generated; n++)
            files[FileName(n)] = ManifestText.Generated(n);
        scenario._runs.Add(new(files, StringComparer.Ordinal));
        scenario._changes.Add([]);

        var added = 0;
        var people = 0;
        for (var run = 1; run < runs; run++)
        {
            var changes = new List<string>();
            var touched = new HashSet<string>(StringComparer.Ordinal);
            var count = 1 + random.Next(2);
            for (var c = 0; c < count; c++)
            {
                var kind = random.Next(4);
                if (kind == 0 && added < extra)
                {
                    // Every third generated community is deployed long ago; this one's hub is still requested, so a later
                    // run can deploy it (the hub-available email, the BD note and the phase 3 comment).
                    var n = generated + added++;
                    if (n % 3 == 0)
                        n++;
                    files[FileName(n)] = WithoutTechnicalContacts(ManifestText.Generated(n));
                    touched.Add(FileName(n));
                    changes.Add($"{FileName(n)} added without a technical contact");
                    continue;
                }

                // One change per community per run, so a community added in this run is first applied as added.
                var generatedNames = files.Keys.Where(f => f.StartsWith('c') && !touched.Contains(f)).ToList();
                if (generatedNames.Count == 0)
                    continue;
                var name = generatedNames[random.Next(generatedNames.Count)];
                var text = files[name];
                var community = name[..^".yaml".Length];
                touched.Add(name);
                if (kind == 1 && text.Contains(RequestedHub, StringComparison.Ordinal))
                {
                    files[name] = text.Replace(RequestedHub, DeployedHub(community, today.AddDays(-1)), StringComparison.Ordinal);
                    changes.Add($"{community}: hub prod deployed");
                }
                // At most three added people a community: each costs every later attempt a Freshdesk read under its pace.
                else if (kind == 2 || CountOf(text, "email: extra") >= 3)
                {
                    files[name] = text.Replace("long_name: Generated Community", $"long_name: Renamed ({run}) Generated Community", StringComparison.Ordinal)
                        .Replace("long_name: Renamed (", $"long_name: Renamed ({run}, ", StringComparison.Ordinal);
                    changes.Add($"{community}: long name changed");
                }
                else
                {
                    files[name] = WithTechnicalContact(text, $"Extra Person {++people}", $"extra{people}@{community}.example.org");
                    changes.Add($"{community}: technical contact added");
                }
            }

            scenario._runs.Add(new(files, StringComparer.Ordinal));
            scenario._changes.Add(changes);
        }

        return scenario;
    }

    /// <summary>Deals for every generated community the scenario may hold, in stages that let turnup issues open.</summary>
    public IEnumerable<HubSpotSeedDeal> Deals() =>
        Enumerable.Range(0, Generated + Extra + 1).Select(n => new HubSpotSeedDeal(
            (100000 + n).ToString(CultureInfo.InvariantCulture),
            $"Generated Community {n} – hub",
            HubSpotSeed.OnboardingPipelineId,
            n % 2 == 0 ? HubSpotSeed.ContractAdminStageId : HubSpotSeed.ClosedWonStageId,
            "10000"));

    /// <summary>Replaces <c>communities/</c> under <paramref name="directory"/> with the manifests of <paramref name="run"/>.</summary>
    public void Write(string directory, int run)
    {
        var communities = Path.Combine(directory, "communities");
        if (Directory.Exists(communities))
            Directory.Delete(communities, recursive: true);
        Directory.CreateDirectory(communities);
        foreach (var (name, text) in _runs[run])
            File.WriteAllText(Path.Combine(communities, name), text);
    }

    private const string RequestedHub = "    status: requested\n    requested: \"2026-02-01\"\n";

    private static string DeployedHub(string community, DateOnly deployed) =>
        $"    status: deployed\n    requested: \"2026-02-01\"\n    deployed: \"{deployed:yyyy-MM-dd}\"\n    url: https://{community}.hubs.example.org\n";

    private static int CountOf(string text, string value) =>
        (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;

    private static string FileName(int n) => $"c{n.ToString("D6", CultureInfo.InvariantCulture)}.yaml";

    private static string WithoutTechnicalContacts(string text)
    {
        var start = text.IndexOf("technical_contacts:\n", StringComparison.Ordinal);
        var end = text.IndexOf("deals:", StringComparison.Ordinal);
        return start < 0 || end < start ? text : text.Remove(start, end - start);
    }

    private static string WithTechnicalContact(string text, string name, string email)
    {
        var entry = $"  - name: {name}\n    email: {email}\n";
        const string Heading = "technical_contacts:\n";
        var at = text.IndexOf(Heading, StringComparison.Ordinal);
        return at >= 0
            ? text.Insert(at + Heading.Length, entry)
            : text.Insert(text.IndexOf("deals:", StringComparison.Ordinal), Heading + entry);
    }
}
