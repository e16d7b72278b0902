namespace Onboarding.Cli.Infrastructure;

/// <summary>Everything a command touches outside itself: injected so tests run commands in-process and read what they wrote.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error, IFileSystem Files, IEnvironment Environment, TimeProvider Clock)
{
    public static CliContext Real() =>
        new(Console.Out, Console.Error, new PhysicalFileSystem(Directory.GetCurrentDirectory()), new ProcessEnvironment(), TimeProvider.System)
        {
            SandboxState = Onboarding.Sandbox.SandboxServer.DefaultStateDirectory,
            Terminal = Console.IsInputRedirected || Console.IsOutputRedirected ? null : Spectre.Console.AnsiConsole.Console,
        };

    /// <summary>Where <c>plan --sandbox</c> and <c>apply --sandbox</c> keep the emulators' state between runs; null keeps none.</summary>
    public string? SandboxState { get; init; }

    /// <summary>The terminal a person answers prompts in; null when input or output is redirected (CI, pipes, tests).</summary>
    public Spectre.Console.IAnsiConsole? Terminal { get; init; }

    /// <summary>The repository the command runs in.</summary>
    public IGitRepository Git { get; init; } = new GitCli(Directory.GetCurrentDirectory());

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);
}
