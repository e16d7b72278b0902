using System.Diagnostics;
using System.Globalization;
using System.Text;
using Onboarding.Testing;

namespace Onboarding.Bench;

/// <summary>
/// Mutated manifests through validation, and the valid ones through planning and rendering (docs/reliability.md):
/// no exception may escape, and every problem must be located.
/// </summary>
internal static class FuzzBenchmark
{
    public const string Usage = "fuzz [--count 100000] [--seed 0] [--index N (one input, printed)]";

    private const int MaxReported = 20;

    public static int Run(BenchArguments arguments)
    {
        var count = arguments.Option("--count", 100_000);
        var seed = arguments.Option("--seed", 0);
        var fuzzer = new ManifestFuzzer(ManifestFuzzer.DefaultBases(ManifestFuzzer.Examples(arguments.Root)), seed);
        if (arguments.Text("--index") is not null)
            return One(fuzzer, seed, arguments.Option("--index", 0));

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Fuzzing {count:N0} mutated manifests from seed {seed} on {Environment.ProcessorCount} cores ..."));
        var clock = Stopwatch.StartNew();
        var outcomes = Enumerable.Range(0, count).AsParallel().AsOrdered().Select(fuzzer.Run)
            .Select(o => o with { Input = o.Failed ? o.Input : [] }) // keep memory flat: only failures keep their bytes
            .ToList();
        clock.Stop();

        var valid = outcomes.Count(o => o.Valid);
        var escaped = outcomes.Where(o => o.Escaped is not null).ToList();
        var unlocated = outcomes.Where(o => o.Unlocated.Count > 0).ToList();
        var mutations = outcomes.SelectMany(o => o.Mutations).Where(m => m != "none")
            .Select(m => m.StartsWith("value: hostile text", StringComparison.Ordinal) ? "value: hostile text" : m)
            .GroupBy(m => m).OrderByDescending(g => g.Count()).ToList();

        Console.WriteLine();
        Console.WriteLine(Line($"inputs:                         {count:N0}"));
        Console.WriteLine(Line($"valid (planned and rendered):   {valid:N0}"));
        Console.WriteLine(Line($"invalid:                        {count - valid:N0}"));
        Console.WriteLine(Line($"problems reported:              {outcomes.Sum(o => o.Problems):N0} ({outcomes.Sum(o => o.WholeFileProblems):N0} about the whole file, without a field)"));
        Console.WriteLine(Line($"escaped exceptions:             {escaped.Count:N0}"));
        Console.WriteLine(Line($"problems without location:      {unlocated.Sum(o => o.Unlocated.Count):N0}"));
        Console.WriteLine(Line($"inputs per second:              {count / clock.Elapsed.TotalSeconds:N0} ({clock.Elapsed.TotalSeconds:N1} s)"));
        Console.WriteLine(Line($"mutations made:                 {string.Join(", ", mutations.Select(g => $"{g.Key} {g.Count():N0}"))}"));

        foreach (var outcome in escaped.Concat(unlocated).Take(MaxReported))
        {
            Console.WriteLine();
            Console.WriteLine(Line($"FAILED: seed {seed} index {outcome.Index} ({string.Join(", ", outcome.Mutations)}); reproduce with: fuzz --seed {seed} --index {outcome.Index}"));
            Console.WriteLine(outcome.Escaped is { } e ? $"  {e.GetType().Name}: {e.Message}" : "  " + string.Join("\n  ", outcome.Unlocated));
        }

        return escaped.Count + unlocated.Count == 0 ? 0 : 1;
    }

    /// <summary>One input, printed with what it did, for reproducing a failure.</summary>
    private static int One(ManifestFuzzer fuzzer, int seed, int index)
    {
        var outcome = fuzzer.Run(index);
        Console.WriteLine(Line($"seed {seed} index {index}: {string.Join(", ", outcome.Mutations)}"));
        Console.WriteLine("---- input (escaped) ----");
        Console.WriteLine(Printable(outcome.Input));
        Console.WriteLine("---- outcome ----");
        Console.WriteLine(Line($"valid: {outcome.Valid}, problems: {outcome.Problems}"));
        foreach (var problem in outcome.Unlocated)
            Console.WriteLine($"without location: {problem}");
        if (outcome.Escaped is { } e)
            Console.WriteLine(e.ToString());
        return outcome.Failed ? 1 : 0;
    }

    private static string Printable(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 8_000)]);
        var builder = new StringBuilder();
        foreach (var c in text)
        {
            if (c == '\n' || (!char.IsControl(c) && char.GetUnicodeCategory(c) != UnicodeCategory.Format))
                builder.Append(c);
            else
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
        }

        return bytes.Length > 8_000 ? builder.Append(CultureInfo.InvariantCulture, $"\n... ({bytes.Length:N0} bytes in all)").ToString() : builder.ToString();
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
