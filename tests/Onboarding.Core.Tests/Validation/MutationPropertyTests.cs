using System.Text;
using Onboarding.Testing;

namespace Onboarding.Core.Tests.Validation;

/// <summary>
/// Mutated manifests (the fuzz benchmark's mutator and pipeline, bounded): whatever the bytes, validation answers with
/// located sentences, and whatever validates is planned and rendered without an exception.
/// </summary>
public sealed class MutationPropertyTests
{
    /// <summary>A fixed seed, so CI sees the same inputs on every run and a failure reproduces with
    /// <c>dotnet run -c Release --project bench/Onboarding.Bench -- fuzz --seed 0 --index N</c>.</summary>
    private const int Seed = 0;

    private const int Count = 1000;

    [Fact]
    public void Validate_MutatedManifests_NoExceptionAndEveryProblemLocated()
    {
        // Given 1,000 manifests mutated from valid ones (structure, bytes and values)
        var fuzzer = new ManifestFuzzer(ManifestFuzzer.DefaultBases(RepositoryFiles.Examples()), Seed);

        // When each is validated, and planned and rendered when it validates
        var outcomes = Enumerable.Range(0, Count).Select(fuzzer.Run).ToList();

        // Then nothing escapes, every problem is located, and both valid and invalid inputs were exercised
        var failures = outcomes.Where(o => o.Failed).Select(Describe).ToList();
        failures.ShouldBeEmpty(string.Join("\n", failures.Take(5)));
        outcomes.Count(o => o.Valid).ShouldBeGreaterThan(Count / 20, "too few mutants validate to exercise planning and rendering");
        outcomes.Count(o => !o.Valid).ShouldBeGreaterThan(Count / 2);
    }

    private static string Describe(FuzzOutcome outcome) =>
        $"index {outcome.Index} ({string.Join(", ", outcome.Mutations)}): " +
        (outcome.Escaped?.ToString() ?? string.Join("; ", outcome.Unlocated)) +
        $"\ninput: {Encoding.UTF8.GetString(outcome.Input)[..Math.Min(2000, outcome.Input.Length)]}";
}
