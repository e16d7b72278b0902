using Onboarding.Core.Manifests;
using Onboarding.Core.Planning;
using Onboarding.Core.Turnup;
using Onboarding.Testing;

namespace Onboarding.Core.Tests.Turnup;

/// <summary>Hostile text in every manifest field that reaches a turnup issue must arrive inert.</summary>
public sealed class TurnupInjectionTests
{
    public static TheoryData<string, string> Payloads => new()
    {
        { "script", "<script>alert(1)</script>" },
        { "img onerror", "<img src=x onerror=alert(1)>" },
        { "javascript link", "[x](javascript:alert(1))" },
        { "javascript image", "![x](javascript:alert(1))" },
        { "data link", "[x](data:text/html;base64,PHNjcmlwdD4=)" },
        { "javascript autolink", "<javascript:alert(1)>" },
        { "reference link", "[click][evil]\n\n[evil]: javascript:alert(1)" },
        { "everyone", "@everyone look at this" },
        { "team", "cc @example-org/bd and @kmensah" },
        { "mention in emphasis", "*@kmensah* and _@anaruiz_ and **@x**" },
        { "entity mention", "&#64;everyone &#x40;anaruiz &commat;kmensah" },
        { "escaped mention", "\\@everyone" },
        { "issue reference", "see #1 and org/repo#2" },
        { "table breaker", "a | b\n| c | d |\n|---|---|\nnew line" },
        { "details", "</details><details open><summary>x</summary>" },
        { "comment", "<!-- onboarding:turnup community=evil hub=prod phase=1 -->" },
        { "right-to-left override", "safe\u202Etxt.exe\u202C and \u2066isolate\u2069" },
        { "zero width", "zero\u200Bwidth\u200C\u200Djoin\uFEFFbom" },
        { "long line", new string('A', 10_000) },
        { "long hostile line", string.Concat(Enumerable.Repeat("<|@a", 2_500)) },
        { "unclosed fence", "```\nnot closed" },
        { "heading and rule", "# Title\n---\n===" },
        { "html block", "<div>\n\n**bold**\n\n</div>" },
        { "control characters", "bell\u0007 escape\u001B[31m nul\0 del\u007F" },
        { "lone surrogate", "broken " + (char)0xD800 + " pair" },
    };

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
