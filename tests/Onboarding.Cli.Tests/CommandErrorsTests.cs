using Microsoft.Extensions.Time.Testing;
using Onboarding.Cli.Infrastructure;
using Onboarding.Core.Services;
using Onboarding.Sandbox;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

/// <summary>
/// Whatever stops a command, the user reads one sentence after the command's name and gets the exit code the README
/// gives for it; never a stack trace, never a secret.
/// </summary>
public sealed class CommandErrorsTests
{
    private const string Stopped = "stopped before it finished. Run it again: what is already done is found by its key, never done twice.";

    [Theory]
    [InlineData("git", 2, "git does not know 'origin/main' here; fetch it first (in GitHub Actions: actions/checkout with fetch-depth: 0) or pass another --base.")]
    [InlineData("service", 1, "HubSpot did not answer in time when reading community alpha; nothing was changed.")]
    [InlineData("sandbox state", 1, "The sandbox state file .sandbox/hubspot.json cannot be used: it is not valid JSON at line 1. Run with --reset to start the sandbox afresh.")]
    [InlineData("file", 1, "No space left on device : '/home/runner/work/onboarding/.git/index'")]
    [InlineData("access", 1, "Access to the path '/home/runner/work/onboarding/.git' is denied.")]
    public async Task Plan_FailsWithAKnownKind_ItsSentenceAfterTheCommandAndItsExitCode(string kind, int expectedExit, string message)
    {
        // Given git that fails as a broken checkout, a service, the sandbox or the disk would
        Exception failure = kind switch
        {
            "git" => new GitException(message),
            "service" => new ServiceException("HubSpot", "read community", null, message),
            "sandbox state" => new SandboxStateException(message, ".sandbox/hubspot.json"),
            "file" => new IOException(message),
            _ => new UnauthorizedAccessException(message),
        };

        // When
        var (exit, error) = await RunAsync(new FailingGit(failure), new FakeEnvironment(), "plan", "--base", "origin/main");

        // Then
        exit.ShouldBe(expectedExit);
        error.ShouldBe($"onboarding plan: {message}\n");
    }

    [Fact]
    public async Task Plan_UnexpectedFailure_OneSentenceAskingForAReportWithoutStackTrace()
    {
        // Given a failure nobody foresaw, thrown (so it has a stack trace)
        var failure = new InvalidOperationException("Sequence contains no elements");

        // When
        var (exit, error) = await RunAsync(new FailingGit(failure), new FakeEnvironment(), "plan", "--base", "origin/main");

        // Then
        exit.ShouldBe(1);
        error.ShouldBe(
            "onboarding plan: an internal error stopped the command (InvalidOperationException: Sequence contains no elements). Please report it with the command you ran.\n");
    }

    [Fact]
    public async Task Plan_FailureMessageHoldsASecret_TheSecretIsRedacted()
    {
        // Given a token in the environment, and a failure that quotes it
        const string token = "pat-na1-0f7e3c1d-canary";
        var environment = new FakeEnvironment().Set("HUBSPOT_TOKEN", token);
        var failure = new InvalidOperationException($"The header value 'Bearer {token}' is not valid");

        // When
        var (exit, error) = await RunAsync(new FailingGit(failure), environment, "plan", "--base", "origin/main");

        // Then
        exit.ShouldBe(1);
        error.ShouldNotContain(token);
        error.ShouldContain("(InvalidOperationException: The header value 'Bearer ***' is not valid)");
    }

    [Fact]
    public async Task Plan_StoppedWhileWaitingForGit_SaysItStoppedAndExitsOne()
    {
        // Given a plan waiting for git's answer
        var git = new WaitingGit();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        using var error = new StringWriter();
        var run = App.RunAsync(["plan", "--base", "origin/main"], Context(git, new FakeEnvironment(), error), stop.Token);
        await git.Asked.Task.WaitAsync(TestContext.Current.CancellationToken);

        // When Ctrl-C (or SIGTERM, or a cancelled workflow) stops it
        await stop.CancelAsync();

        // Then
        (await run).ShouldBe(1);
        error.ToString().ReplaceLineEndings("\n").ShouldBe($"onboarding plan: {Stopped}\n");
    }

    [Fact]
    public async Task Validate_FileSystemRefuses_TheSentenceNamesTheCommand()
    {
        // Given a communities folder that may not be read
        using var error = new StringWriter();
        var context = new CliContext(TextWriter.Null, error, new RefusingFileSystem(), new FakeEnvironment(), new FakeTimeProvider(FakeClock.TestDay));

        // When
        var exit = await App.RunAsync(["validate"], context, TestContext.Current.CancellationToken);

        // Then
        exit.ShouldBe(1);
        error.ToString().ReplaceLineEndings("\n").ShouldBe($"onboarding validate: {RefusingFileSystem.Refusal}\n");
    }

    [Theory]
    [InlineData(new[] { "plan", "--bogus" }, "onboarding plan: Unrecognized command or argument '--bogus'.\nRun 'onboarding plan --help' for usage.\n")]
    [InlineData(new[] { "sandbox", "usage", "--hub", "prod", "--users", "3" },
        "onboarding sandbox usage: Option '--community' is required.\nRun 'onboarding sandbox usage --help' for usage.\n")]
    [InlineData(new[] { "deploy" }, "onboarding: Required command was not provided.\nonboarding: Unrecognized command or argument 'deploy'.\nRun 'onboarding --help' for usage.\n")]
    public void CommandLine_Wrong_EachErrorAfterTheCommandThenWhereItsHelpIsAndExitTwo(string[] args, string expected)
    {
        // Given
        var cli = new CliRun();

        // When
        var exit = cli.Invoke(args);

        // Then
        exit.ShouldBe(2);
        cli.Error.ShouldBe(expected);
    }

    private static async Task<(int Exit, string Error)> RunAsync(IGitRepository git, FakeEnvironment environment, params string[] args)
    {
        using var error = new StringWriter();
        var exit = await App.RunAsync(args, Context(git, environment, error), TestContext.Current.CancellationToken);
        return (exit, error.ToString().ReplaceLineEndings("\n"));
    }

    /// <summary>One valid manifest, no service secrets (so plan works from git alone), and <paramref name="git"/>.</summary>
    private static CliContext Context(IGitRepository git, FakeEnvironment environment, TextWriter error) =>
        new(TextWriter.Null, error, new InMemoryFileSystem().Add("communities/alpha.yaml", ManifestText.Valid()), environment, new FakeTimeProvider(FakeClock.TestDay)) { Git = git };

    /// <summary>A repository whose first question fails with <paramref name="failure"/>.</summary>
    private sealed class FailingGit(Exception failure) : IGitRepository
    {
        public Task<string> MergeBaseAsync(string baseRef, string head, CancellationToken cancellationToken = default) => throw failure;

        public Task<IReadOnlyList<GitChange>> ChangedFilesAsync(string from, string to, string directory, CancellationToken cancellationToken = default) => throw failure;

        public Task<byte[]?> ShowAsync(string commit, string path, CancellationToken cancellationToken = default) => throw failure;
    }

    /// <summary>A repository that never answers: it waits until the command is stopped.</summary>
    private sealed class WaitingGit : IGitRepository
    {
        public TaskCompletionSource Asked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<string> MergeBaseAsync(string baseRef, string head, CancellationToken cancellationToken = default)
        {
            Asked.TrySetResult();
            return new TaskCompletionSource<string>().Task.WaitAsync(cancellationToken);
        }

        public Task<IReadOnlyList<GitChange>> ChangedFilesAsync(string from, string to, string directory, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("plan asks for the merge base first.");

        public Task<byte[]?> ShowAsync(string commit, string path, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("plan asks for the merge base first.");
    }

    /// <summary>A communities folder whose files may not be read.</summary>
    private sealed class RefusingFileSystem : IFileSystem
    {
        public const string Refusal = "Access to the path '/home/runner/work/onboarding/communities' is denied.";

        public bool FileExists(string path) => false;

        public bool DirectoryExists(string path) => path == "communities";

        public IReadOnlyList<string> ListFiles(string directory) => throw new UnauthorizedAccessException(Refusal);

        public (byte[] Head, long Length) ReadHead(string path, int maxBytes) => throw new UnauthorizedAccessException(Refusal);

        public void AppendAllText(string path, string text) => throw new UnauthorizedAccessException(Refusal);

        public void WriteAllText(string path, string text) => throw new UnauthorizedAccessException(Refusal);
    }
}
