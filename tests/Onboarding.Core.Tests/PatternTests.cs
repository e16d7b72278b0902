using System.Reflection;
using System.Text.RegularExpressions;
using Onboarding.Core.Validation;

namespace Onboarding.Core.Tests;

/// <summary>Regular expressions read manifests, forms, events and what services send: none may backtrack without a bound.</summary>
public sealed class PatternTests
{
    [Fact]
    public void Patterns_EveryRegexOfTheDomain_NonBacktrackingOrWithATimeout()
    {
        // Given every regular expression of Onboarding.Core (generated ones are static methods that return it)
        var patterns = typeof(ManifestValidator).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(m => m.ReturnType == typeof(Regex) && m.GetParameters().Length == 0)
            .Select(m => (Name: $"{m.DeclaringType!.Name}.{m.Name}", Regex: (Regex)m.Invoke(null, null)!))
            .ToList();

        // When those that could backtrack without limit are picked out
        var unbounded = patterns
            .Where(p => !p.Regex.Options.HasFlag(RegexOptions.NonBacktracking) && p.Regex.MatchTimeout == Regex.InfiniteMatchTimeout)
            .Select(p => $"{p.Name}: {p.Regex}")
            .ToList();

        // Then there are none
        patterns.Count.ShouldBeGreaterThan(10, "the patterns were not found");
        unbounded.ShouldBeEmpty();
    }
}
