using System.Diagnostics;
using Onboarding.Testing;
using YamlDotNet.RepresentationModel;

namespace Onboarding.Core.Tests.Workflows;

/// <summary>
/// The script of from-issue.yml's publish job, run as the runner would (bash, real git, a stand-in for the gh
/// command) against a repository on disk: an edit of the issue adds a commit on top of what a reviewer saw, never
/// rewriting it.
/// </summary>
public sealed class FromIssuePublishTests : IDisposable
{
    private const string Branch = "onboarding/issue-12";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "onboarding-publish-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly string _remote;

    public FromIssuePublishTests()
    {
        // The repository on "GitHub": main with one community
        using var seed = new TempGitRepository();
        seed.Write("communities/alpha.yaml", "name: alpha\n").Commit("alpha");
        _remote = Path.Combine(_root, "example-org", "onboarding.git");
        Directory.CreateDirectory(Path.GetDirectoryName(_remote)!);
        Run("git", _root, null, "clone", "--quiet", "--bare", seed.Root, _remote);

        // gh, as far as the script uses it: lists no pull request until one is created, and logs every call
        var bin = Directory.CreateDirectory(Path.Combine(_root, "bin")).FullName;
        File.WriteAllText(Path.Combine(bin, "gh"), """
            #!/usr/bin/env bash
            printf '%s\n' "$*" >> "$GH_LOG"
            if [ "$1 $2" = "pr list" ]; then cat "$GH_STATE" 2>/dev/null || true; fi
            if [ "$1 $2" = "pr create" ]; then echo 7 > "$GH_STATE"; fi
            """.Replace("\r", "", StringComparison.Ordinal));
        Run("chmod", bin, null, "+x", "gh").ShouldBe(0);
    }

    [Fact]
    public void Publish_IssueEditedAfterApproval_AddsACommitOnTopAndKeepsTheApprovedOne()
    {
        // Given a first run that opened the pull request, whose commit a reviewer approved
        Publish("communities/tidalflats.yaml", "name: tidalflats\nlong_name: Tidal Flats\n").ShouldBe(0);
        var approved = Head();
        GhCalls().ShouldContain(c => c.StartsWith("pr create ", StringComparison.Ordinal));

        // When the issue is edited and the job runs again, from a fresh checkout of the default branch
        var exit = Publish("communities/tidalflats.yaml", "name: tidalflats\nlong_name: Tidal Flats Network\n");

        // Then the branch has a new commit on top of the approved one, the file follows the edit, and the pull request is edited
        exit.ShouldBe(0);
        var head = Head();
        head.ShouldNotBe(approved);
        Git("merge-base", "--is-ancestor", approved, head).ShouldBe(0, "the approved commit stays in the branch's history");
        Show(head, "communities/tidalflats.yaml").ShouldBe("name: tidalflats\nlong_name: Tidal Flats Network\n");
        GhCalls().ShouldContain(c => c.StartsWith("pr edit 7 ", StringComparison.Ordinal));
    }

    [Fact]
    public void Publish_CommunityRenamed_RemovesTheOldFileInANewCommit()
    {
        // Given
        Publish("communities/tidalflats.yaml", "name: tidalflats\n").ShouldBe(0);
        var first = Head();

        // When the short name changes
        Publish("communities/tidalmarsh.yaml", "name: tidalmarsh\n").ShouldBe(0);

        // Then the branch adds only the new file, and still descends from the first commit
        Git("merge-base", "--is-ancestor", first, Head()).ShouldBe(0);
        Files(Head()).ShouldBe(["communities/alpha.yaml", "communities/tidalmarsh.yaml"]);
    }

    [Fact]
    public void Publish_SameManifestAgain_AddsNoCommit()
    {
        Publish("communities/tidalflats.yaml", "name: tidalflats\n").ShouldBe(0);
        var first = Head();

        Publish("communities/tidalflats.yaml", "name: tidalflats\n").ShouldBe(0);

        Head().ShouldBe(first);
    }

    [Theory]
    [InlineData("../outside.yaml")]
    [InlineData("communities/../README.md")]
    [InlineData(".github/workflows/x.yml")]
    public void Publish_UnexpectedFile_PushesNothing(string file)
    {
        Publish(file, "name: x\n").ShouldBe(1);

        Git("rev-parse", "--verify", "--quiet", $"refs/heads/{Branch}").ShouldNotBe(0);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned by the system later.
        }
    }

    /// <summary>Runs the publish step's script in a fresh clone of the default branch, as the job does.</summary>
    private int Publish(string file, string manifest)
    {
        var checkout = Path.Combine(_root, "checkout-" + Guid.NewGuid().ToString("N")[..8]);
        Run("git", _root, null, "clone", "--quiet", _remote, checkout).ShouldBe(0);
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = Path.Combine(_root, "bin") + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
            ["GH_LOG"] = Path.Combine(_root, "gh.log"),
            ["GH_STATE"] = Path.Combine(_root, "gh.state"),
            ["GH_TOKEN"] = "ghs_test",
            ["GITHUB_SERVER_URL"] = "file://" + _root,
            ["REPOSITORY"] = "example-org/onboarding",
            ["FILE"] = file,
            ["BRANCH"] = Branch,
            ["TITLE"] = "Add community",
            ["BODY"] = "Adds the file. Closes #12.",
            ["MANIFEST"] = manifest,
            ["BASE"] = "main",
            ["ISSUE"] = "12",
            ["GIT_CONFIG_NOSYSTEM"] = "1",
            ["HOME"] = _root,
        };
        return Run("bash", checkout, environment, "-c", Script());
    }

    private static string Script()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(RepositoryFiles.PathOf(".github/workflows/from-issue.yml"))));
        var jobs = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["jobs"];
        var steps = (YamlSequenceNode)((YamlMappingNode)jobs["publish"])["steps"];
        var step = steps.Children.OfType<YamlMappingNode>().Single(s => s.Children.ContainsKey("run"));
        return ((YamlScalarNode)step["run"]).Value!;
    }

    private string Head()
    {
        using var output = new StringWriter();
        Run("git", _remote, null, output, "rev-parse", $"refs/heads/{Branch}").ShouldBe(0);
        return output.ToString().Trim();
    }

    private string Show(string commit, string path)
    {
        using var output = new StringWriter();
        Run("git", _remote, null, output, "show", $"{commit}:{path}").ShouldBe(0);
        return output.ToString();
    }

    private string[] Files(string commit)
    {
        using var output = new StringWriter();
        Run("git", _remote, null, output, "ls-tree", "-r", "--name-only", commit).ShouldBe(0);
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private string[] GhCalls() => File.ReadAllLines(Path.Combine(_root, "gh.log"));

    private int Git(params string[] arguments) => Run("git", _remote, null, arguments);

    private static int Run(string program, string directory, Dictionary<string, string>? environment, params string[] arguments) =>
        Run(program, directory, environment, null, arguments);

    private static int Run(string program, string directory, Dictionary<string, string>? environment, TextWriter? output, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        if (environment is not null)
        {
            start.Environment.Clear();
            foreach (var (name, value) in environment)
                start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within a minute.");
        }

        output?.Write(stdout.GetAwaiter().GetResult());
        TestContext.Current.TestOutputHelper?.WriteLine(stderr.GetAwaiter().GetResult());
        return process.ExitCode;
    }
}
