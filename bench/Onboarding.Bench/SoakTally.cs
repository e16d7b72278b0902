using Onboarding.Sandbox.Infrastructure;
using Onboarding.Sandbox.Inspection;

namespace Onboarding.Bench;

/// <summary>What the soak counted, and the summary it prints.</summary>
internal sealed class SoakTally
{
    private const int MaxListed = 20;

    // Each distinct difference once, with the first run that showed it.
    private readonly Dictionary<string, (int Run, SnapshotDifference Difference)> _differences = new(StringComparer.Ordinal);
    private Dictionary<string, int> _faults = [];
    private int _requests;
    private int _rateLimited;

    public int Attempts { get; set; }

    public int Kills { get; set; }

    public int KillsAfterDelay { get; set; }

    public int KillsAfterRequests { get; set; }

    public int FailedApplies { get; set; }

    public int TimedOut { get; set; }

    public List<int> Unfinished { get; } = [];

    public bool Clean => _differences.Count == 0 && Unfinished.Count == 0;

    public void Record(int run, IEnumerable<SnapshotDifference> differences)
    {
        foreach (var difference in differences)
            _differences.TryAdd(difference.ToString(), (run, difference));
    }

    public void Count(IReadOnlyList<JournalEntry> journal)
    {
        _requests = journal.Count;
        _faults = journal.Where(e => e.Fault is not null).GroupBy(e => e.Fault!).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        _rateLimited = journal.Count(e => e.Fault is null && e.Status == 429);
    }

    public void Print(int runs, string elapsed, int facts)
    {
        int Of(SnapshotDifferenceKind kind) => _differences.Values.Where(d => d.Difference.Kind == kind).Sum(d => d.Difference.Count);

        var faults = _faults.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key} {f.Value}");
        Console.WriteLine();
        Console.WriteLine("Fault soak summary");
        Console.WriteLine($"  runs                {runs} ({Unfinished.Count} did not finish within the attempts{(Unfinished.Count > 0 ? ": run " + string.Join(", ", Unfinished) : "")})");
        Console.WriteLine($"  attempts            {Attempts} ({Attempts - runs} re-runs by a fresh process)");
        Console.WriteLine($"  kills               {Kills} ({KillsAfterDelay} after a random delay, {KillsAfterRequests} after the Nth request)");
        Console.WriteLine($"  failed applies      {FailedApplies} (exit 1: a service failed for a community), {TimedOut} stopped at the time limit");
        Console.WriteLine($"  requests            {_requests}, of which {_rateLimited} refused by the emulated rate limits");
        Console.WriteLine($"  faults injected     {_faults.Values.Sum()}: {string.Join(", ", faults)}");
        Console.WriteLine($"  facts compared      {facts} after the last run (every run compared)");
        Console.WriteLine($"  duplicates found    {Of(SnapshotDifferenceKind.Duplicate)}");
        Console.WriteLine($"  missing items       {Of(SnapshotDifferenceKind.Missing)}");
        Console.WriteLine($"  other differences   {Of(SnapshotDifferenceKind.Unexpected) + Of(SnapshotDifferenceKind.Changed)}");
        Console.WriteLine($"  time                {elapsed}");
        foreach (var (run, difference) in _differences.Values.OrderBy(d => d.Run).Take(MaxListed))
            Console.WriteLine($"  run {run}: {difference}");
        if (_differences.Count > MaxListed)
            Console.WriteLine($"  … and {_differences.Count - MaxListed} more differences.");
        Console.WriteLine(Clean
            ? "Result: after every run, every service held exactly what the undisturbed run left."
            : "Result: the soak found differences (see above).");
    }
}
