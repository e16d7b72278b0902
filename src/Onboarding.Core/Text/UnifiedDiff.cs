using System.Globalization;

namespace Onboarding.Core.Text;

/// <summary>
/// The lines that differ between two texts, as a unified diff (<c>@@ -a,b +c,d @@</c> hunks, a space, <c>-</c> or
/// <c>+</c> before each line) kept short: a few lines of context around each change and, past a cap, a count of what
/// was left out. For a reviewer to see what changes in a text, the way <c>terraform plan</c> shows a resource.
/// </summary>
public static class UnifiedDiff
{
    /// <summary>Above this many line pairs left to compare, the differing middle is shown as removed and added whole.</summary>
    private const long MaxComparisons = 4_000_000;

    /// <summary>The diff of <paramref name="before"/> to <paramref name="after"/>, or null when their lines are the same.</summary>
    /// <param name="context">Unchanged lines shown around each change.</param>
    /// <param name="maxLines">Lines shown at most (hunk headers included); the rest is counted in a last line.</param>
    public static string? Of(string before, string after, int context = 2, int maxLines = 40)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentOutOfRangeException.ThrowIfNegative(context);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLines, 1);
        var a = Lines(before);
        var b = Lines(after);
        var edits = Edits(a, b);
        if (edits.All(e => e.Kind == ' '))
            return null;

        var shown = new List<string>();
        foreach (var (start, end) in Hunks(edits, context))
        {
            var oldStart = edits[start].OldLine;
            var newStart = edits[start].NewLine;
            var oldCount = edits.Skip(start).Take(end - start).Count(e => e.Kind != '+');
            var newCount = edits.Skip(start).Take(end - start).Count(e => e.Kind != '-');
            shown.Add($"@@ -{Range(oldStart, oldCount)} +{Range(newStart, newCount)} @@");
            for (var i = start; i < end; i++)
                shown.Add(edits[i].Kind + edits[i].Text);
        }

        if (shown.Count <= maxLines)
            return string.Join('\n', shown);
        var kept = shown.Take(maxLines - 1).ToList();
        kept.Add($"… {(shown.Count - kept.Count).ToString(CultureInfo.InvariantCulture)} more lines");
        return string.Join('\n', kept);
    }

    /// <summary>How many lines were removed and added, e.g. "+3 -1 lines"; "no line" when nothing differs.</summary>
    public static string Summary(string before, string after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var edits = Edits(Lines(before), Lines(after));
        var added = edits.Count(e => e.Kind == '+');
        var removed = edits.Count(e => e.Kind == '-');
        return added + removed == 0
            ? "no line"
            : $"+{added.ToString(CultureInfo.InvariantCulture)} -{removed.ToString(CultureInfo.InvariantCulture)} line{(added + removed == 1 ? "" : "s")}";
    }

    private static string Range(int start, int count) =>
        count == 1 ? start.ToString(CultureInfo.InvariantCulture) : $"{(count == 0 ? start - 1 : start).ToString(CultureInfo.InvariantCulture)},{count.ToString(CultureInfo.InvariantCulture)}";

    private static string[] Lines(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');

    /// <summary>One line of the diff, with its line numbers (1-based) in the old and new text.</summary>
    private readonly record struct Edit(char Kind, string Text, int OldLine, int NewLine);

    /// <summary>Every line of both texts in order: kept (' '), removed ('-') or added ('+').</summary>
    private static List<Edit> Edits(string[] a, string[] b)
    {
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
            prefix++;
        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)])
            suffix++;

        var edits = new List<Edit>(a.Length + b.Length);
        for (var i = 0; i < prefix; i++)
            edits.Add(new Edit(' ', a[i], i + 1, i + 1));
        Middle(a, b, prefix, a.Length - suffix, prefix, b.Length - suffix, edits);
        for (var k = suffix; k > 0; k--)
            edits.Add(new Edit(' ', a[^k], a.Length - k + 1, b.Length - k + 1));
        return edits;
    }

    /// <summary>The differing middle, by the longest common subsequence of its lines (or removed and added whole when too large).</summary>
    private static void Middle(string[] a, string[] b, int aStart, int aEnd, int bStart, int bEnd, List<Edit> edits)
    {
        int n = aEnd - aStart, m = bEnd - bStart;
        if ((long)n * m > MaxComparisons)
        {
            for (var i = aStart; i < aEnd; i++)
                edits.Add(new Edit('-', a[i], i + 1, bStart + 1));
            for (var j = bStart; j < bEnd; j++)
                edits.Add(new Edit('+', b[j], aEnd + 1, j + 1));
            return;
        }

        // lcs[i, j]: the longest common subsequence of a[aStart+i..aEnd) and b[bStart+j..bEnd).
        var lcs = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
                lcs[i, j] = a[aStart + i] == b[bStart + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        }

        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && a[aStart + x] == b[bStart + y])
            {
                edits.Add(new Edit(' ', a[aStart + x], aStart + x + 1, bStart + y + 1));
                x++;
                y++;
            }
            else if (x < n && (y == m || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                // Removed lines before added ones, as diff shows them.
                edits.Add(new Edit('-', a[aStart + x], aStart + x + 1, bStart + y + 1));
                x++;
            }
            else
            {
                edits.Add(new Edit('+', b[bStart + y], aStart + x + 1, bStart + y + 1));
                y++;
            }
        }
    }

    /// <summary>The runs of edits to show: each change with up to <paramref name="context"/> kept lines around it;
    /// changes closer than twice that share one run.</summary>
    private static List<(int Start, int End)> Hunks(List<Edit> edits, int context)
    {
        var changed = Enumerable.Range(0, edits.Count).Where(i => edits[i].Kind != ' ').ToList();
        var hunks = new List<(int Start, int End)>();
        var first = 0;
        for (var k = 1; k <= changed.Count; k++)
        {
            if (k < changed.Count && changed[k] - changed[k - 1] <= 2 * context + 1)
                continue;
            hunks.Add((Math.Max(0, changed[first] - context), Math.Min(edits.Count, changed[k - 1] + context + 1)));
            first = k;
        }

        return hunks;
    }
}
