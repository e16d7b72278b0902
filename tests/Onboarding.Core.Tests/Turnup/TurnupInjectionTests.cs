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
        };
        var facts = TurnupFixtures.Facts(
            community,
            blockers: [new Blocker(payload, payload), new Blocker("hubs[0].auth", payload)],
            assumptions: [new Assumption("cloud.region", payload, payload), new Assumption("hubs[0]." + payload, payload, payload)]);
        facts = facts with { Deals = [new DealFact("31415926535", payload, payload, true, false)] };
        var resolved = TurnupFixtures.Resolved(hub) with
        {
            AuthMethod = new Sourced<string>(payload, Provenance.Manifest),
            Gpu = new Sourced<bool>(true, Provenance.Manifest),
        };

        // When
        var issues = TurnupRenderer.Render(facts, resolved);

        // Then
        issues.Count.ShouldBe(4);
        foreach (var issue in issues)
        {
            RenderedMarkdown.ShouldBeInert(issue.Body, issue.Marker);
            TurnupMarker.TryParse(issue.Body, out var parsedCommunity, out var parsedHub, out var phase).ShouldBeTrue();
            (parsedCommunity, parsedHub, phase).ShouldBe(("tidepool", "prod", issue.Phase));
            issue.Body.Split('\n').Count(line => line.Contains("onboarding:turnup", StringComparison.Ordinal) && line.StartsWith("<!--", StringComparison.Ordinal)).ShouldBe(1);
            foreach (var line in issue.Body.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)))
                line.Length.ShouldBeLessThan(8_000, "every cell is cut to a bounded length");
        }
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
        var body = TurnupRenderer.Render(TurnupFixtures.Facts(community), TurnupFixtures.Resolved())[0].Body;

        // Then
        TurnupRendererTests.Section(body, "Community context").ShouldBe("> &lt;script>alert(1)&lt;/script>\n>\n> \\[x](javascript\\:alert(1)) @\u2060everyone");
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
        Should.Throw<ArgumentException>(() => TurnupRenderer.Render(facts, TurnupFixtures.Resolved()));
    }
}
