using Onboarding.Core.Manifests;
using Onboarding.Core.Text;
using Onboarding.Core.Turnup;
using Onboarding.Testing;

namespace Onboarding.Core.Tests.Turnup;

/// <summary>Hostile text in every manifest field that reaches a turnup issue must arrive inert.</summary>
public sealed class TurnupInjectionTests
{
    /// <summary>The shared hostile texts (<see cref="HostileText"/>), which the fuzzer uses as well.</summary>
    public static TheoryData<string, string> Payloads
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (name, text) in HostileText.Payloads)
                data.Add(name, text);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Render_HostileTextInEveryField_NothingActive(string name, string payload)
    {
        // Given every text field of the manifest (and the text the services and planner add) carries the payload
        _ = name;
        var hub = TurnupFixtures.Hub() with
        {
            FundedBy = payload,
            Image = payload,
            Url = payload,
            Auth = new HubAuth(payload, [payload], [payload, payload], [payload], [payload, "anaruiz"]),
            Gpu = new GpuAccess(payload, payload),
            Profiles = new HubProfiles([payload], DefaultInterface: payload),
            Resources = [payload],
        };
        var community = TurnupFixtures.Community(hub) with
        {
            LongName = payload,
            Website = payload,
            GitHubOrganization = payload,
            Logo = payload,
            Context = payload,
            Notes = payload,
            Transcript = payload,
            Representatives = [new Person(payload, payload, payload)],
            TechnicalContacts = [new Person(payload, payload, payload), new Person("Kofi", "kofi@example.org", null)],
            Cloud = new CloudSettings(payload, payload, payload, payload, payload),
            SyncChat = true,
        };
        var facts = TurnupFixtures.Facts(
            community,
            blockers: [new Blocker(payload, payload), new Blocker("hubs[0].auth", payload)],
            assumptions: [new Assumption("cloud.region", payload, payload), new Assumption("hubs[0]." + payload, payload, payload)]);
        var resolved = facts.Hubs[0] with
        {
            AuthMethod = new Sourced<string>(payload, Provenance.Manifest),
            Gpu = new Sourced<bool>(true, Provenance.Manifest),
            Cluster = new ResolvedCluster("tidepool", true, payload, Live: false),
            Resources = new Sourced<IReadOnlyList<string>>([payload], Provenance.Manifest),
            Images = new Sourced<IReadOnlyList<string>>([payload, "pangeo"], Provenance.Manifest),
            DefaultInterface = new Sourced<string>(payload, Provenance.Manifest),
            FundedBy = new Sourced<string>(payload, Provenance.Manifest),
        };
        facts = facts with
        {
            Deals = [new DealFact("31415926535", payload, payload, true, false)],
            Hubs = [resolved],
            MissingInformationTicket = new Uri("https://sandbox.freshdesk.com/a/tickets/42"),
        };

        // When
        var issues = TurnupFixtures.Issues(facts);

        // Then
        issues.Select(i => i.Phase).ShouldBe([TurnupPhase.SyncChat, TurnupPhase.CloudAccount, TurnupPhase.Cluster, TurnupPhase.HubSetup]);
        foreach (var issue in issues)
        {
            RenderedMarkdown.ShouldBeInert(issue.Body, issue.Marker);
            TurnupMarker.Parse(issue.Body)!.Key.ShouldBe(issue.Key);
            Inertness.WithoutCode(issue.Body).Split('\n').Count(line => line.Contains("onboarding:", StringComparison.Ordinal) && line.StartsWith("<!--", StringComparison.Ordinal)).ShouldBe(1);
            Inertness.WithoutCode(issue.Body).Split('\n').Count(line => line.StartsWith("### ", StringComparison.Ordinal) && !line.StartsWith("### Hub 1: ", StringComparison.Ordinal))
                .ShouldBe(TurnupFixtures.Templates.For(issue.Phase)!.Fields.Count(f => f.Type != FormFieldType.Markdown) + (issue.Phase == TurnupPhase.SyncChat ? 2 : 0),
                    "no heading but the form's own (phase 0's template has two of its own)");
            foreach (var line in issue.Body.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)))
                line.Length.ShouldBeLessThan(8_000, "every cell is cut to a bounded length");
        }
    }

    [Fact]
    public void Render_HostileValuesInTheCommands_EachStaysOneQuotedArgument()
    {
        // Given a funder and an admin that try to start a second command
        var hub = TurnupFixtures.Hub() with { FundedBy = "Evil'; rm -rf / #", Auth = new HubAuth("github", ["tidepool-observatory"], [], [], ["a$(whoami)"]) };
        var facts = TurnupFixtures.Facts(TurnupFixtures.Community(hub));

        // When
        var body = TurnupFixtures.Issues(facts)[2].Body;

        // Then
        body.ShouldContain("--funded-by-name='Evil'\\''; rm -rf / #' ");
        body.ShouldContain("--admin-users='a$(whoami)'\n");
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Html_HostileMarkdown_OnlyMarkdownElementsAndSafeLinks(string name, string payload)
    {
        // Given community Markdown on its way into a Freshdesk email or ticket
        _ = name;

        // When
        var html = MarkdownText.Html(payload + "\n\n" + payload);

        // Then
        Inertness.OfHtml(html).ShouldBeEmpty();
        html.ShouldNotContain("<script", Case.Insensitive);
    }

    [Fact]
    public void Render_HostileContext_ShownAsTextInsideTheQuote()
    {
        // Given
        var community = TurnupFixtures.Community() with { Context = "<script>alert(1)</script>\n\n[x](javascript:alert(1)) @everyone" };

        // When
        var body = TurnupFixtures.Issues(TurnupFixtures.Facts(community))[2].Body;

        // Then
        TurnupRendererTests.Answer(body, "Context").ShouldStartWith("> &lt;script>alert(1)&lt;/script>\n>\n> \\[x](javascript\\:alert(1)) @\u2060everyone\n");
    }

    [Theory]
    [InlineData("x y")]
    [InlineData("Tidepool")]
    [InlineData("evil -->")]
    [InlineData("")]
    public void Render_NameThatIsNotAMachineName_Refused(string name)
    {
        // Given a community whose name escaped validation
        var facts = TurnupFixtures.Facts(TurnupFixtures.Community() with { Name = name });

        // When / Then
        Should.Throw<ArgumentException>(() => TurnupRenderer.Render(facts, TurnupFixtures.Templates));
    }
}
