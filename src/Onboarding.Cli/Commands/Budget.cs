using Onboarding.Cli.Infrastructure;
using Onboarding.Core.Apply;
using Onboarding.Core.Configuration;
using Onboarding.Services.Planning;

namespace Onboarding.Cli.Commands;

/// <summary>Fit before start: a run over many communities that would not fit its budget does the part that does.</summary>
internal static class Budget
{
    /// <summary>
    /// Null when every community fits (<see cref="RunFit"/>); otherwise the ones this run does and the sentence that says
    /// so, which text output prints at once, before any request (JSON output keeps stdout for the report).
    /// </summary>
    public static (IReadOnlyList<T> Chosen, string Sentence)? Fit<T>(
        CliContext context, RunKind kind, string what, OnboardingSettings settings, IReadOnlyList<T> communities, Func<T, string> nameOf, OutputFormat output)
    {
        var bulk = ObservedStateReader.ReadsInBulk(wholeRepository: true, communities.Count);
        var fit = RunFit.Of(communities.Count, RunCosts.Of(kind, bulk), ServiceBudget.Of(settings), TimeSpan.FromMinutes(settings.RunMinutes));
        if (fit.All)
            return null;
        var inNameOrder = communities.OrderBy(nameOf, StringComparer.Ordinal).ToList();
        var chosen = fit.Choose(inNameOrder, context.Today);
        var sentence = fit.Sentence(what, nameOf(chosen[0]), nameOf(chosen[^1]))!;
        if (output != OutputFormat.Json)
            context.Out.WriteLine(sentence);
        return (chosen, sentence);
    }
}
