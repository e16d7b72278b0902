using Onboarding.Sandbox.Inspection;
using Onboarding.Sandbox.Tests.Persistence;

namespace Onboarding.Sandbox.Tests.Inspection;

public sealed class SnapshotComparisonTests
{
    [Fact]
    public async Task Compare_SameThingsMadeInAnotherOrder_NoDifference()
    {
        // Given two sandboxes that were given the same records in a different order, so every id differs
        await using var first = await SandboxServer.StartAsync();
        await using var second = await SandboxServer.StartAsync();
        using (var client = new SandboxClient(first))
        {
            await client.CreateCommunityAsync("alpha");
            await client.CreateCommunityAsync("beta");
            await client.CreateContactAsync("Ana", "ana@alpha.example.org");
            await client.CreateContactAsync("Ben", "ben@beta.example.org");
            await client.CreateIssueAsync("Turnup alpha");
        }

        using (var client = new SandboxClient(second))
        {
            await client.CreateIssueAsync("Turnup alpha");
            await client.CreateContactAsync("Ben", "ben@beta.example.org");
            await client.CreateContactAsync("Ana", "ana@alpha.example.org");
            await client.CreateCommunityAsync("beta");
            await client.CreateCommunityAsync("alpha");
        }

        // When their snapshots are compared
        var expected = SandboxSnapshot.Capture(first);
        var differences = SnapshotComparison.Compare(expected, SandboxSnapshot.Capture(second));

        // Then nothing differs, and the records were compared
        differences.ShouldBeEmpty();
        expected.CountByKind()["hubspot community"].ShouldBe(SandboxSeeds.HubSpot().Communities.Count + 2, "the two made here besides the seeded ones");
        expected.CountByKind()["freshdesk contact"].ShouldBe(2);
        expected.CountByKind()["github issue"].ShouldBe(1);
    }

    [Fact]
    public async Task Compare_IssueOpenedTwice_ReportsOneDuplicate()
    {
        // Given an issue the expected state holds once and the actual state twice
        await using var expected = await SandboxServer.StartAsync();
        await using var actual = await SandboxServer.StartAsync();
        using (var client = new SandboxClient(expected))
            await client.CreateIssueAsync("Turnup alpha");
        using (var client = new SandboxClient(actual))
        {
            await client.CreateIssueAsync("Turnup alpha");
            await client.CreateIssueAsync("Turnup alpha");
        }

        // When they are compared
        var differences = SnapshotComparison.Compare(SandboxSnapshot.Capture(expected), SandboxSnapshot.Capture(actual));

        // Then the second issue is reported as a duplicate, and nothing else
        var difference = differences.ShouldHaveSingleItem();
        difference.Kind.ShouldBe(SnapshotDifferenceKind.Duplicate);
        difference.FactKind.ShouldBe("github issue");
        difference.Key.ShouldBe("example-org/infrastructure Turnup alpha");
        difference.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Compare_ContactNeverMade_ReportsItMissing()
    {
        // Given a Freshdesk contact only the expected state holds
        await using var expected = await SandboxServer.StartAsync();
        await using var actual = await SandboxServer.StartAsync();
        using (var client = new SandboxClient(expected))
        {
            await client.CreateContactAsync("Ana", "ana@alpha.example.org");
            await client.CreateContactAsync("Ben", "ben@beta.example.org");
        }

        using (var client = new SandboxClient(actual))
            await client.CreateContactAsync("Ben", "ben@beta.example.org");

        // When they are compared
        var differences = SnapshotComparison.Compare(SandboxSnapshot.Capture(expected), SandboxSnapshot.Capture(actual));

        // Then the missing contact is named
        var difference = differences.ShouldHaveSingleItem();
        difference.Kind.ShouldBe(SnapshotDifferenceKind.Missing);
        difference.ToString().ShouldBe("missing: freshdesk contact ana@alpha.example.org (0 held instead of 1)");
    }

    [Fact]
    public async Task Compare_SameKeyOtherContent_ReportsAChange()
    {
        // Given a contact with the same email but another name
        await using var expected = await SandboxServer.StartAsync();
        await using var actual = await SandboxServer.StartAsync();
        using (var client = new SandboxClient(expected))
            await client.CreateContactAsync("Ana Ruiz", "ana@alpha.example.org");
        using (var client = new SandboxClient(actual))
            await client.CreateContactAsync("Ana Ruis", "ana@alpha.example.org");

        // When they are compared
        var differences = SnapshotComparison.Compare(SandboxSnapshot.Capture(expected), SandboxSnapshot.Capture(actual));

        // Then it is one change that shows both names
        var difference = differences.ShouldHaveSingleItem();
        difference.Kind.ShouldBe(SnapshotDifferenceKind.Changed);
        difference.Detail.ShouldContain("Ana Ruiz");
        difference.Detail.ShouldContain("Ana Ruis");
    }
}
