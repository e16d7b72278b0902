using Onboarding.Core.Apply;
using Onboarding.Core.Configuration;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

/// <summary>A run that would not fit its share of the services' limits says so before it starts, and does what fits.</summary>
public sealed class BudgetTests
{
    private static readonly string[] Names = ["alpha", "beta", "delta", "epsilon", "eta", "gamma", "theta", "zeta"];

    [Fact]
    public void ApplyAll_MoreThanTheBudgetFits_SaysSoFirstAndAppliesTheDaysTurnInNameOrder()
    {
        // Given seventy communities (read in bulk), a Trial helpdesk (50 a minute, half of it ours) and runs of one minute
        var names = Enumerable.Range(1, 70).Select(i => $"c{i:D2}").ToList();
        using var repo = new TempGitRepository();
        foreach (var name in names)
            repo.Write($"communities/{name}.yaml", ManifestText.Another(name));
        repo.Write("onboarding.yaml", ConfigText.Minimal.Replace("  domain: sandbox\n", "  domain: sandbox\n  plan: trial\n", StringComparison.Ordinal) + "run_minutes: 1\n");
        repo.Commit("seventy communities");
        using var clock = FakeClock.Start();

        // When the nightly apply runs
        var (_, output, error) = CliRun.InRepository(repo, new FakeEnvironment(), clock, "apply", "--sandbox", "--all", "--allow-large-change");

        // Then its first line says what fits and where the next run goes on, and it applied those, in a row in name order
        var trial = ServiceBudget.Of(new OnboardingSettings { Freshdesk = new FreshdeskSettings { Plan = FreshdeskPlan.Trial }, RunMinutes = 1 });
        var fit = RunFit.Of(70, RunCosts.Of(RunKind.Apply, bulk: true), trial, TimeSpan.FromMinutes(1));
        fit.Fits.ShouldBeInRange(50, 69);
        var start = fit.Start(DateOnly.FromDateTime(FakeClock.TestDay.UtcDateTime));
        var chosen = Enumerable.Range(0, fit.Fits).Select(i => names[(start + i) % 70]).ToList();
        var first = output.Split('\n')[0];
        first.ShouldBe(
            $"This apply --all does not fit its budget: Freshdesk's Trial budget allows 25 a minute (0.5 of 50), enough in 1 minute (run_minutes) for {fit.Fits} of the 70 communities, " +
            $"so it does those from {chosen[0]} to {chosen[^1]} in name order and leaves {70 - fit.Fits} for the next run, which goes on after {chosen[^1]} (tomorrow's turn).", error);
        foreach (var name in names)
        {
            if (chosen.Contains(name))
                output.ShouldContain($"(communities/{name}.yaml)");
            else
                output.ShouldNotContain($"(communities/{name}.yaml)");
        }
    }

    [Fact]
    public void ApplyAll_WithinTheBudget_SaysNothingOfIt()
    {
        using var repo = new TempGitRepository();
        foreach (var name in Names.Take(2))
            repo.Write($"communities/{name}.yaml", ManifestText.Another(name));
        repo.Commit("two communities");

        var (_, output, _) = CliRun.InRepository(repo, "apply", "--sandbox", "--all", "--allow-large-change");

        output.ShouldNotContain("does not fit its budget");
        output.ShouldContain("(communities/alpha.yaml)");
        output.ShouldContain("(communities/beta.yaml)");
    }
}
