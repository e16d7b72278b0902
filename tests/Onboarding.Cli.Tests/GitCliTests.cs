using Onboarding.Cli.Infrastructure;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

/// <summary>When git says each manifest last changed: what apply tells a hand edit from an unapplied change by.</summary>
public sealed class GitCliTests
{
    private static readonly DateTimeOffset First = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Second = First.AddDays(1);
    private static readonly DateTimeOffset Third = First.AddDays(2);

    [Fact]
    public async Task LastChanged_HistoryWithoutMerges_EachPathsLastCommitUpToTheCommitAsked()
    {
        // Given alpha and beta committed, beta changed, then gamma added
        using var repo = new TempGitRepository();
        repo.Write("communities/alpha.yaml", "a").Write("communities/beta.yaml", "b").Write("onboarding.yaml", "c").Commit("first", First);
        var second = repo.Write("communities/beta.yaml", "b2").Commit("second", Second);
        repo.Write("communities/gamma.yaml", "g").Commit("third", Third);

        // When asked as of the second commit, with one path spelled the long way
        var times = await new GitCli(repo.Root).LastChangedAsync(
            second, ["communities/alpha.yaml", "communities/beta.yaml", "communities/gamma.yaml", "./onboarding.yaml"], TestContext.Current.CancellationToken);

        // Then each path has its own last change, and gamma, not committed yet then, has none
        times.ShouldBe(new Dictionary<string, DateTimeOffset>
        {
            ["communities/alpha.yaml"] = First,
            ["communities/beta.yaml"] = Second,
            ["./onboarding.yaml"] = First,
        }, ignoreOrder: true);
    }

    [Fact]
    public async Task LastChanged_SameContentReachedOnTwoBranches_SameAsGitLogForEachPath()
    {
        // Given a merge whose parents both changed alpha to the same text (at different times), one of them beta too:
        // git follows a different parent for alpha alone than for alpha and beta together
        using var repo = new TempGitRepository();
        repo.Write("communities/alpha.yaml", "a").Write("communities/beta.yaml", "b").Commit("first", First);
        repo.Git("checkout", "-q", "-b", "topic");
        repo.Write("communities/alpha.yaml", "a2").Write("communities/beta.yaml", "b2").Commit("topic", Third);
        repo.Git("checkout", "-q", "main");
        repo.Write("communities/alpha.yaml", "a2").Commit("main", Second);
        repo.Git("merge", "-q", "--no-ff", "-m", "merge", "topic");
        string[] paths = ["communities/alpha.yaml", "communities/beta.yaml"];

        // When
        var times = await new GitCli(repo.Root).LastChangedAsync("HEAD", paths, TestContext.Current.CancellationToken);

        // Then each is what git log says for that path alone
        foreach (var path in paths)
            times[path].ShouldBe(DateTimeOffset.Parse(repo.Git("log", "-1", "--format=%cI", "HEAD", "--", path).Trim(), System.Globalization.CultureInfo.InvariantCulture), path);
        times["communities/alpha.yaml"].ShouldBe(Second);
        times["communities/beta.yaml"].ShouldBe(Third);
    }

    [Fact]
    public async Task LastChanged_UnknownCommit_NoTimes()
    {
        // Given
        using var repo = new TempGitRepository();
        repo.Write("communities/alpha.yaml", "a").Commit("first", First);

        // When
        var times = await new GitCli(repo.Root).LastChangedAsync("no-such-branch", ["communities/alpha.yaml"], TestContext.Current.CancellationToken);

        // Then
        times.ShouldBeEmpty();
    }
}
