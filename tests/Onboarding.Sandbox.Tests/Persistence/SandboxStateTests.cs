using System.Net;

namespace Onboarding.Sandbox.Tests.Persistence;

public sealed class SandboxStateTests : IDisposable
{
    private readonly StateFolder _folder = new();

    /// <summary>The state version this build writes, as it appears in a state file.</summary>
    private static readonly string Current = SandboxStateFiles.CurrentVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task StartAsync_AfterAStop_ServesWhatTheFirstRunWroteUnderTheSameIds()
    {
        // Given a first run that creates a community, a contact and an issue
        var (community, contact, issue) = await FirstRunAsync("New Hub Turnup: pangeo");

        // When the sandbox starts again from the same folder
        await using var second = await StartAsync();
        using var again = new SandboxClient(second);

        // Then all three are there under the same ids
        second.StateRestored.ShouldBeTrue();
        (await again.CommunityNameAsync(community)).ShouldBe("pangeo");
        (await again.ContactStatusAsync(contact)).ShouldBe(HttpStatusCode.OK);
        (await again.IssueTitleAsync(issue.Number)).ShouldBe("New Hub Turnup: pangeo");
    }

    [Fact]
    public async Task StartAsync_AfterAStop_ContinuesTheIdsWithoutReusingOne()
    {
        // Given a first run that created one of each
        var (community, contact, issue) = await FirstRunAsync("First");

        // When the second run creates one more of each
        await using var second = await StartAsync();
        using var again = new SandboxClient(second);
        var nextCommunity = await again.CreateCommunityAsync("cryo");
        var nextContact = await again.CreateContactAsync("Grace Hopper", "grace@example.org");
        var nextIssue = await again.CreateIssueAsync("Second");

        // Then each id follows on from the first run's
        long.Parse(nextCommunity, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(long.Parse(community, System.Globalization.CultureInfo.InvariantCulture));
        nextContact.ShouldBeGreaterThan(contact);
        nextIssue.Id.ShouldBeGreaterThan(issue.Id);
        nextIssue.Number.ShouldBe(issue.Number + 1);
    }

    [Fact]
    public async Task SaveAsync_WhileRunning_WritesTheFourFilesAndNoTemporaryOnes()
    {
        // Given a running sandbox that keeps its state
        await using var sandbox = await StartAsync();
        using var client = new SandboxClient(sandbox);
        await client.CreateContactAsync("Ada Lovelace", "ada@example.org");

        // When it saves
        await sandbox.SaveAsync();

        // Then the folder holds exactly the four state files, each with its version
        Directory.GetFiles(_folder.Path).Select(Path.GetFileName).Order().ShouldBe(["freshdesk.json", "github.json", "hubspot.json", "prometheus.json"]);
        (await File.ReadAllTextAsync(_folder.File("freshdesk.json"))).ShouldContain($"\"version\": {Current}");
    }

    [Fact]
    public async Task ResetState_AfterARun_StartsFromTheSeedsAgain()
    {
        // Given a first run that created a community, a contact and an issue
        var (community, contact, _) = await FirstRunAsync("New Hub Turnup: pangeo");

        // When the state is reset and the sandbox starts again
        SandboxServer.ResetState(_folder.Path);
        await using var second = await StartAsync();
        using var again = new SandboxClient(second);

        // Then neither is there, and the first new ids are the ones a fresh sandbox gives
        second.StateRestored.ShouldBeFalse();
        (await again.CommunityNameAsync(community)).ShouldBeNull();
        (await again.ContactStatusAsync(contact)).ShouldBe(HttpStatusCode.NotFound);
        (await again.CreateCommunityAsync("cryo")).ShouldBe(community);
        (await again.CreateContactAsync("Grace Hopper", "grace@example.org")).ShouldBe(contact);
    }

    [Fact]
    public async Task StartAsync_AfterARestart_JournalStartsEmpty()
    {
        // Given a first run that served requests
        await using (var first = await StartAsync())
        {
            using var client = new SandboxClient(first);
            await client.CreateContactAsync("Ada Lovelace", "ada@example.org");
            first.Journal.Entries.ShouldNotBeEmpty();
        }

        // When the sandbox starts again
        await using var second = await StartAsync();

        // Then it remembers the data but not the requests of the last run
        second.StateRestored.ShouldBeTrue();
        second.Journal.Entries.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("hubspot.json", "{ \"format\": \"onboarding-sandbox-state\", \"version\": CURRENT, \"service\": \"hubs")]
    [InlineData("freshdesk.json", "not json at all")]
    [InlineData("github.json", "[1, 2, 3]")]
    [InlineData("hubspot.json", "{ \"format\": \"onboarding-sandbox-state\", \"version\": CURRENT, \"service\": \"hubspot\", \"state\": { \"Schemas\": 7 } }")]
    [InlineData("freshdesk.json", "{ \"format\": \"onboarding-sandbox-state\", \"version\": CURRENT, \"service\": \"github\", \"state\": {} }")]
    [InlineData("hubspot.json", "{ \"format\": \"onboarding-sandbox-state\", \"version\": CURRENT, \"service\": \"hubspot\", \"state\": {} }")]
    [InlineData("github.json", "{ \"format\": \"onboarding-sandbox-state\", \"version\": \"one\", \"service\": \"github\", \"state\": {} }")]
    public async Task StartAsync_DamagedStateFile_SaysWhichFileAndSuggestsReset(string file, string content)
    {
        // Given a state file that is not what the sandbox wrote (CURRENT: this version's number)
        await File.WriteAllTextAsync(_folder.File(file), content.Replace("CURRENT", Current, StringComparison.Ordinal));

        // When the sandbox starts from the folder
        var error = await Should.ThrowAsync<SandboxStateException>(() => StartAsync());

        // Then the message names the file and the way out
        error.Message.ShouldStartWith($"The sandbox state file {_folder.File(file)} cannot be used: ");
        error.Message.ShouldEndWith("Run with --reset to start the sandbox afresh.");
        error.Path.ShouldBe(_folder.File(file));
    }

    [Fact]
    public async Task StartAsync_StateFromAnOlderVersion_AsksForReset()
    {
        // Given a state folder saved by this version, then marked as written by an older one
        await using (await StartAsync())
        {
        }

        var path = _folder.File("github.json");
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path)).Replace($"\"version\": {Current}", $"\"version\": {SandboxStateFiles.CurrentVersion - 1}", StringComparison.Ordinal));

        // When the sandbox starts from it
        var error = await Should.ThrowAsync<SandboxStateException>(() => StartAsync());

        // Then it refuses with the sentence a user can act on
        error.Message.ShouldBe($"The sandbox state in {_folder.Path} was written by an older version; run with --reset.");
    }

    [Fact]
    public async Task StartAsync_StateFromANewerVersion_AsksForUpdateOrReset()
    {
        // Given a state file from a future version
        await using (await StartAsync())
        {
        }

        var path = _folder.File("hubspot.json");
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path)).Replace($"\"version\": {Current}", "\"version\": 99", StringComparison.Ordinal));

        // When the sandbox starts from it
        var error = await Should.ThrowAsync<SandboxStateException>(() => StartAsync());

        // Then it refuses rather than misreading it
        error.Message.ShouldBe($"The sandbox state in {_folder.Path} was written by a newer version of onboarding; update onboarding, or run with --reset.");
    }

    [Fact]
    public async Task SaveAsync_WithoutStateDirectory_SaysItHasNowhereToSave()
    {
        // Given a sandbox that keeps no state (as the tests use it)
        await using var sandbox = await SandboxServer.StartAsync();

        // When it is asked to save
        var error = await Should.ThrowAsync<InvalidOperationException>(() => sandbox.SaveAsync());

        // Then it says it has nowhere to save to
        error.Message.ShouldContain("StateDirectory");
    }

    /// <summary>A first run that creates the community pangeo, a contact and an issue titled <paramref name="issueTitle"/>, then stops.</summary>
    private async Task<(string Community, long Contact, (long Id, int Number) Issue)> FirstRunAsync(string issueTitle)
    {
        await using var first = await StartAsync();
        using var client = new SandboxClient(first);
        var community = await client.CreateCommunityAsync("pangeo");
        var contact = await client.CreateContactAsync("Ada Lovelace", "ada@example.org");
        var issue = await client.CreateIssueAsync(issueTitle);
        return (community, contact, issue);
    }

    private Task<SandboxServer> StartAsync() => SandboxServer.StartAsync(new SandboxOptions { StateDirectory = _folder.Path });
}
