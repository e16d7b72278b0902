using Onboarding.Cli.Infrastructure;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

/// <summary><c>onboarding sandbox --freshdesk-plan</c> and <c>--hubspot-daily-limit</c>: the limits its emulators enforce.</summary>
public sealed class SandboxPlanTests
{
    [Fact]
    public async Task Sandbox_FreshdeskPlanAndDailyLimit_SaysWhichLimitsItEnforces()
    {
        using var repo = new TempGitRepository();

        var (exit, output, _) = await RunSandboxAsync(repo, "--freshdesk-plan", "estate", "--hubspot-daily-limit", "1000000");

        exit.ShouldBe(0, output);
        output.ShouldContain("Limits: Freshdesk's estate plan (--freshdesk-plan), HubSpot's 100 per 10 s, search 5 a second and 1,000,000 a day (--hubspot-daily-limit).");
    }

    [Fact]
    public async Task Sandbox_UnknownFreshdeskPlan_IsAUsageError()
    {
        using var repo = new TempGitRepository();

        var (exit, _, error) = await RunSandboxAsync(repo, "--freshdesk-plan", "premium");

        exit.ShouldBe(2);
        error.ShouldContain("premium");
    }

    private static async Task<(int Exit, string Out, string Error)> RunSandboxAsync(TempGitRepository repo, params string[] args)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        using var output = new StopWhenReady(stop);
        using var error = new StringWriter();
        await using var clock = FakeClock.Start();
        var context = new CliContext(output, error, new PhysicalFileSystem(repo.Root), new FakeEnvironment(), clock.Time);
        var exit = await App.RunAsync(["sandbox", "--state", Path.Combine(repo.Root, ".sandbox"), .. args], context, stop.Token);
        return (exit, output.ToString().ReplaceLineEndings("\n"), error.ToString());
    }

    /// <summary>Output that stops the sandbox command as soon as it says it is ready.</summary>
    private sealed class StopWhenReady(CancellationTokenSource stop) : StringWriter(System.Globalization.CultureInfo.InvariantCulture)
    {
        public override void Write(string? value)
        {
            base.Write(value);
            if (value?.Contains("Press Ctrl-C", StringComparison.Ordinal) == true)
                stop.Cancel();
        }

        public override void WriteLine(string? value)
        {
            Write(value);
            Write(Environment.NewLine);
        }
    }
}
