using Onboarding.Cli.Infrastructure;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

/// <summary>
/// Runs the real command line in-process against in-memory files and environment. It waits for each command to end, so
/// a test reads as the commands a person types, one after another; a test that stops a command midway calls
/// <see cref="App.RunAsync"/> with its own token. Commands run on a fake clock: the test's, when the command talks to a
/// sandbox of the test's (the emulators and the clients must count on one clock), or one of their own per run.
/// </summary>
internal sealed class CliRun(FakeClock? clock = null)
{
    public FakeClock? Clock { get; set; } = clock;

    public InMemoryFileSystem Files { get; } = new();

    public FakeEnvironment Environment { get; } = new();

    public string Out { get; private set; } = "";

    public string Error { get; private set; } = "";

    /// <summary>Runs the command line in a real repository on disk, as a user would from its root.</summary>
    public static (int Exit, string Out, string Error) InRepository(TempGitRepository repo, params string[] args) =>
        InRepository(repo, new FakeEnvironment(), null, args);

    /// <summary>As <see cref="InRepository(TempGitRepository, string[])"/>, with these environment variables (e.g. a workflow's).</summary>
    public static (int Exit, string Out, string Error) InRepository(TempGitRepository repo, FakeEnvironment environment, params string[] args) =>
        InRepository(repo, environment, null, args);

    /// <summary>As above, on <paramref name="clock"/> (the clock of a sandbox the command talks to) or a clock of its own.</summary>
    public static (int Exit, string Out, string Error) InRepository(TempGitRepository repo, FakeEnvironment environment, FakeClock? clock, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var own = clock is null ? FakeClock.Start() : null;
        var context = new CliContext(output, error, new PhysicalFileSystem(repo.Root), environment, (clock ?? own!).Time) { Git = new GitCli(repo.Root), SandboxState = Path.Combine(repo.Root, ".sandbox") };
        var exit = Wait(App.RunAsync(args, context, TestContext.Current.CancellationToken));
        return (exit, output.ToString(), error.ToString());
    }

    public int Invoke(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var own = Clock is null ? FakeClock.Start() : null;
        var exit = Wait(App.RunAsync(args, new CliContext(output, error, Files, Environment, (Clock ?? own!).Time), TestContext.Current.CancellationToken));
        Out = output.ToString().ReplaceLineEndings("\n");
        Error = error.ToString().ReplaceLineEndings("\n");
        return exit;
    }

    private static int Wait(Task<int> run) => run.GetAwaiter().GetResult();
}
