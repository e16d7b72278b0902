using Onboarding.Cli.Infrastructure;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

/// <summary>Runs <c>onboarding sandbox</c> until it says it is ready, then stops it as Ctrl-C does.</summary>
internal static class SandboxRun
{
    /// <summary>
    /// Runs <c>onboarding sandbox</c> in <paramref name="repo"/> with its state in the repository's <c>.sandbox</c>;
    /// returns its exit code and what it printed.
    /// </summary>
    public static async Task<(int Exit, string Out, string Error)> UntilReadyAsync(TempGitRepository repo, params string[] args)
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
