namespace Onboarding.Sandbox.Inspection;

/// <summary>One way an actual snapshot departs from the expected one.</summary>
public enum SnapshotDifferenceKind
{
    /// <summary>The key is held more times than expected: something was made twice.</summary>
    Duplicate,
    /// <summary>The key is held fewer times than expected (or not at all).</summary>
    Missing,
    /// <summary>A key that should not exist at all.</summary>
    Unexpected,
    /// <summary>The key is held as often as expected, but what it holds differs.</summary>
    Changed,
}

/// <param name="Count">How many too many (duplicates, unexpected) or too few (missing); 1 for a change.</param>
public sealed record SnapshotDifference(SnapshotDifferenceKind Kind, string FactKind, string Key, int Count, string Detail)
{
    public override string ToString() => Kind switch
    {
        SnapshotDifferenceKind.Duplicate => $"duplicate: {FactKind} {Key} ({Detail})",
        SnapshotDifferenceKind.Missing => $"missing: {FactKind} {Key} ({Detail})",
        SnapshotDifferenceKind.Unexpected => $"unexpected: {FactKind} {Key} ({Detail})",
        _ => $"changed: {FactKind} {Key}: {Detail}",
    };
}

/// <summary>Compares what the services hold with what they should hold, key by key.</summary>
public static class SnapshotComparison
{
    private const int MaxDetail = 240;

    public static IReadOnlyList<SnapshotDifference> Compare(SandboxSnapshot expected, SandboxSnapshot actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        return Compare(expected.Facts, actual.Facts);
    }

    public static IReadOnlyList<SnapshotDifference> Compare(IReadOnlyList<SnapshotFact> expected, IReadOnlyList<SnapshotFact> actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var want = expected.ToLookup(f => (f.Kind, f.Key));
        var have = actual.ToLookup(f => (f.Kind, f.Key));
        var differences = new List<SnapshotDifference>();
        foreach (var key in want.Select(g => g.Key).Union(have.Select(g => g.Key)).OrderBy(k => k.Kind, StringComparer.Ordinal).ThenBy(k => k.Key, StringComparer.Ordinal))
        {
            var wanted = want[key].Select(f => f.Content).Order(StringComparer.Ordinal).ToList();
            var had = have[key].Select(f => f.Content).Order(StringComparer.Ordinal).ToList();
            if (wanted.Count == 0)
                differences.Add(new(SnapshotDifferenceKind.Unexpected, key.Kind, key.Key, had.Count, $"{had.Count} held, none expected"));
            else if (had.Count > wanted.Count)
                differences.Add(new(SnapshotDifferenceKind.Duplicate, key.Kind, key.Key, had.Count - wanted.Count, $"{had.Count} held instead of {wanted.Count}"));
            else if (had.Count < wanted.Count)
                differences.Add(new(SnapshotDifferenceKind.Missing, key.Kind, key.Key, wanted.Count - had.Count, $"{had.Count} held instead of {wanted.Count}"));
            else if (!wanted.SequenceEqual(had, StringComparer.Ordinal))
                differences.Add(new(SnapshotDifferenceKind.Changed, key.Kind, key.Key, 1, FirstDifference(wanted, had)));
        }

        return differences;
    }

    /// <summary>Where the first differing content departs, with a little context either side.</summary>
    private static string FirstDifference(List<string> wanted, List<string> had)
    {
        var (a, b) = wanted.Zip(had).First(p => !string.Equals(p.First, p.Second, StringComparison.Ordinal));
        var at = 0;
        while (at < a.Length && at < b.Length && a[at] == b[at])
            at++;
        var start = Math.Max(0, at - 40);
        return $"expected …{Cut(a, start)}… but found …{Cut(b, start)}…";
    }

    private static string Cut(string text, int start) =>
        start >= text.Length ? "" : text.Substring(start, Math.Min(MaxDetail / 2, text.Length - start)).ReplaceLineEndings("⏎");
}
