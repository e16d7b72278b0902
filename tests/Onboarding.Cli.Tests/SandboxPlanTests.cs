using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

/// <summary><c>onboarding sandbox --freshdesk-plan</c> and <c>--hubspot-daily-limit</c>: the limits its emulators enforce.</summary>
public sealed class SandboxPlanTests
{
    [Fact]
    public async Task Sandbox_FreshdeskPlanAndDailyLimit_SaysWhichLimitsItEnforces()
    {
        using var repo = new TempGitRepository();

        var (exit, output, _) = await SandboxRun.UntilReadyAsync(repo, "--freshdesk-plan", "estate", "--hubspot-daily-limit", "1000000");

        exit.ShouldBe(0, output);
        output.ShouldContain("Limits: Freshdesk's estate plan (--freshdesk-plan), HubSpot's 100 per 10 s, search 5 a second and 1,000,000 a day (--hubspot-daily-limit).");
    }

    [Fact]
    public async Task Sandbox_UnknownFreshdeskPlan_IsAUsageError()
    {
        using var repo = new TempGitRepository();

        var (exit, _, error) = await SandboxRun.UntilReadyAsync(repo, "--freshdesk-plan", "premium");

        exit.ShouldBe(2);
        error.ShouldContain("premium");
    }
}
