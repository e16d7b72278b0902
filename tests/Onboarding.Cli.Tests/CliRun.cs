using Onboarding.Cli.Infrastructure;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

/// <summary>Runs the real command line in-process against in-memory files and environment.</summary>
internal sealed class CliRun
{
    public InMemoryFileSystem Files { get; } = new();

    public FakeEnvironment Environment { get; } = new();

    public string Out { get; private set; } = "";

    public string Error { get; private set; } = "";

    /// <summary>Runs the command line in a real repository on disk, as a user would from its root.</summary>
    public static (int Exit, string Out, string Error) InRepository(TempGitRepository repo, params string[] args) =>
        InRepository(repo, new FakeEnvironment(), args);

    /// <summary>As <see cref="InRepository(TempGitRepository, string[])"/>, with these environment variables (e.g. a workflow's).</summary>
    public static (int Exit, string Out, string Error) InRepository(TempGitRepository repo, FakeEnvironment environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(output, error, new PhysicalFileSystem(repo.Root), environment, FixedClock.Today) { Git = new GitCli(repo.Root), SandboxState = Path.Combine(repo.Root, ".sandbox") };
        var exit = App.Run(args, context);
        return (exit, output.ToString(), error.ToString());
    }

    public int Invoke(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = App.Run(args, new CliContext(output, error, Files, Environment, FixedClock.Today));
        Out = output.ToString().ReplaceLineEndings("\n");
        Error = error.ToString().ReplaceLineEndings("\n");
        return exit;
    }
}
