using Onboarding.Core.Planning;

namespace Onboarding.Core.Tests.Planning;

public sealed class HelpdeskTagsTests
{
    [Fact]
    public void Tags_LongestNamesAManifestAllows_FitFreshdesksLimitAndStayApart()
    {
        // Given community names up to 40 characters and hub names up to 30, as the schema allows
        var communities = new[] { "ab", "abc", new string('c', 40), new string('c', 39) + "d", "c" + new string('0', 39) };
        var hubs = new[] { "p", "prod", new string('h', 30), new string('h', 29) + "-", "a-b" };

        // When
        var ready = communities.SelectMany(c => hubs.Select(h => HelpdeskTags.HubReady(c, h))).ToList();
        var asked = communities.SelectMany(c => new[] { "0badf00d", "1a2b3c4d" }.Select(d => HelpdeskTags.MissingInformation(c, d))).ToList();

        // Then every tag fits 32 characters, and no two keys share one
        ready.Concat(asked).ShouldAllBe(t => t.Length <= HelpdeskTags.MaxLength);
        ready.Concat(asked).Distinct(StringComparer.OrdinalIgnoreCase).Count().ShouldBe(ready.Count + asked.Count);
        asked.ShouldAllBe(t => communities.Count(c => HelpdeskTags.IsMissingInformation(c, t)) == 1);
    }

    [Fact]
    public void Upgraded_AnEarlierRequestTag_BecomesTheHashedTagOfTheSameSet()
    {
        // Given the tags of a request an earlier version opened, and a tag an agent added
        var tags = new[] { "onboarding-missing-alpha-1a2b3c4d", "vip" };

        // When
        var upgraded = HelpdeskTags.Upgraded("alpha", tags);

        // Then the request is known by the same set under the new scheme, and the agent's tag stays
        upgraded.ShouldBe([HelpdeskTags.MissingInformation("alpha", "1a2b3c4d"), "vip"]);
        upgraded.ShouldAllBe(t => t.Length <= HelpdeskTags.MaxLength);
    }
}
