using Onboarding.Core.Authoring;
using Onboarding.Core.Configuration;
using Onboarding.Core.Manifests;
using Onboarding.Core.Planning;
using Onboarding.Core.Tests.Authoring;
using Onboarding.Core.Turnup;
using Onboarding.Testing;

namespace Onboarding.Core.Tests.Turnup;

/// <summary>
/// What GitHub shows of the text the program writes there, rendered by GitHub's own renderer (cmark-gfm, see
/// <see cref="GitHubMarkdown"/>): turnup issues, the plan comment and the pull request made from the form, with hostile
/// text in every field. No image, no link whose words hide its address, no raw HTML, no live mention or reference, and
/// no closing keyword in a pull request. These tests fail, saying so, where cmark-gfm is not installed.
/// </summary>
public sealed class GitHubRenderingTests
{
    private static readonly OnboardingSettings Settings = new();

    /// <summary>Deal links go to HubSpot's page of the deal, under the deal's id: the program's own link, not the manifest's.</summary>
    /// <summary>Links the program itself writes: the deal's, and those in the templates' own prose (the organisation's text, not the manifest's).</summary>
    private static readonly Func<string, bool> DealLink = href =>
        href.StartsWith(Settings.HubSpot.DealUrl(""), StringComparison.Ordinal) || href == "https://airtable.com/";

    [Theory]
    [MemberData(nameof(TurnupInjectionTests.Payloads), MemberType = typeof(TurnupInjectionTests))]
    public void Render_HostileTextInEveryField_GitHubShowsNothingActive(string name, string payload)
    {
        // Given every text field of the manifest holding the payload, and an address field holding an issue's address
        _ = name;
        var hub = TurnupFixtures.Hub() with { FundedBy = payload, Image = payload, Url = payload, Gpu = new GpuAccess(payload, payload) };
        var community = TurnupFixtures.Community(hub) with
        {
            LongName = payload, Website = "https://github.com/org/repo/issues/9", Logo = payload, Context = payload, Notes = payload,
            Transcript = payload, Representatives = [new Person(payload, "ana@example.org", null)], Cloud = new CloudSettings(payload, payload, null, payload, null),
        };

        // When its issues are rendered, and GitHub renders their bodies
        var issues = TurnupFixtures.Issues(TurnupFixtures.Facts(community));

        // Then
        foreach (var issue in issues)
            Inertness.OfGitHubHtml(GitHubMarkdown.ToHtml(issue.Body), DealLink).ShouldBeEmpty($"phase {issue.Phase}");
    }

    [Fact]
    public void Render_LinkWhoseWordsHideItsAddressAndAnImage_EachShownWithItsAddress()
    {
        // Given community Markdown with a link labelled as something else and a tracking pixel
        var community = TurnupFixtures.Community() with
        {
            Context = "[Reset your password](https://phish.example/reset)\n\n![](https://track.example/pixel.gif) and ![our logo](https://cdn.example/logo.png)",
        };

        // When
        var html = GitHubMarkdown.ToHtml(string.Join("\n\n", TurnupFixtures.Issues(TurnupFixtures.Facts(community)).Select(i => i.Body)));

        // Then the words stay, each address is shown as itself, and nothing is fetched
        html.ShouldContain("Reset your password (<a href=\"https://phish.example/reset\">https://phish.example/reset</a>)");
        html.ShouldContain("<a href=\"https://track.example/pixel.gif\">https://track.example/pixel.gif</a> and our logo (<a href=\"https://cdn.example/logo.png\">https://cdn.example/logo.png</a>)");
        html.ShouldNotContain("<img");
    }

    [Fact]
    public void Render_ReferencesToOtherIssues_NoneLive()
    {
        // Given references to other issues in every form GitHub links them
        var references = "See #12, org/repo#13, GH-14, https://github.com/org/repo/issues/15 and www.github.com/org/repo/pull/16.";
        var community = TurnupFixtures.Community() with
        {
            LongName = references,
            Context = references + "\n\n<https://github.com/org/repo/discussions/17> and [the issue](https://github.com/org/repo/issues/18)",
            Transcript = "https://github.com/org/repo/issues/19",
        };

        // When
        var html = GitHubMarkdown.ToHtml(string.Join("\n\n", TurnupFixtures.Issues(TurnupFixtures.Facts(community)).Select(i => i.Body)));

        // Then each reads the same, and none is a reference (an address of an issue is shown as code)
        Inertness.OfGitHubHtml(html, DealLink).ShouldBeEmpty();
        html.ShouldContain("the issue (<code>https://github.com/org/repo/issues/18</code>)");
    }

    [Theory]
    [MemberData(nameof(TurnupInjectionTests.Payloads), MemberType = typeof(TurnupInjectionTests))]
    public async Task PlanComment_HostileTextInEveryField_GitHubShowsNothingActive(string name, string payload)
    {
        // Given a manifest with every field, every text holding the payload (as if validation had let it through;
        // the names of the community, its hubs and clusters are identifiers that the renderer refuses outright)
        _ = name;
        var tree = SchemaExamples.Manifest(f => f.Kind == FieldKind.Text && f.Path is not ("name" or "hubs[].name" or "hubs[].cluster")
            ? new YamlScalar(SourceLocation.Start, payload, IsPlain: false)
            : null);
        var document = new ManifestDocument("communities/tidepool.yaml", CommunityBinder.Bind(tree), YamlJson.Locate(tree));

        // When it is planned and the plan comment rendered
        var plan = await PlanBuilder.BuildAsync([new PlanInput(document, null)], null, Settings, TurnupFixtures.Templates, [payload], Validate.Today);
        var html = GitHubMarkdown.ToHtml(PlanRenderer.Markdown(plan));

        // Then
        Inertness.OfGitHubHtml(html, DealLink, ownElements: ["details", "summary", "b"]).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TurnupInjectionTests.Payloads), MemberType = typeof(TurnupInjectionTests))]
    public void PullRequestFromTheForm_HostileAnswers_GitHubShowsNothingActiveAndClosesNothing(string name, string payload)
    {
        // Given a form whose free answers hold the payload
        _ = name;
        var body = FormBodies.Body(
            ("long_name", payload), ("representatives", $"{payload} <ana@alpha.example.edu>"), ("hubs", "prod alpha.hubs.example.org"),
            ("achieve", payload), ("notes", payload));
        var (draft, _) = NewCommunityForm.Convert(body, Validate.Today, 7);

        // When the pull request's title and body are written, and GitHub renders the body
        var title = FormFeedback.PullRequestTitle(draft);
        var html = GitHubMarkdown.ToHtml(FormFeedback.PullRequestBody(draft, "communities/alpha.yaml", 7));

        // Then only the program's own "Closes #7" closes anything
        Inertness.OfGitHubHtml(html, allowed: ["Closes #7", "#7", "close and reopen"], pullRequest: true).ShouldBeEmpty();
        Inertness.OfPlainText(title, pullRequest: true).ShouldBeEmpty("the title");
    }

    [Fact]
    public void PullRequestFromTheForm_ClosingKeywordsInTheAnswers_ReadTheSameButCloseNothing()
    {
        // Given a long name that would close other issues once the pull request is merged
        var body = FormBodies.Body(("long_name", "Fixes #3, closes org/repo#4 and resolves https://github.com/org/repo/issues/5"));
        var (draft, _) = NewCommunityForm.Convert(body, Validate.Today, 7);

        // When
        var title = FormFeedback.PullRequestTitle(draft);
        var text = FormFeedback.PullRequestBody(draft, "communities/alpha.yaml", 7);

        // Then the words are there, broken by an invisible joiner, and the only closing keyword is the program's
        title.Replace("\u2060", "", StringComparison.Ordinal).ShouldBe("Add community alpha: Fixes #3, closes org/repo#4 and resolves https://github.com/org/repo/issues/5");
        Inertness.OfGitHubHtml(GitHubMarkdown.ToHtml(text), allowed: ["Closes #7", "#7", "close and reopen"], pullRequest: true).ShouldBeEmpty();
        Inertness.OfPlainText(title, pullRequest: true).ShouldBeEmpty("the title");
    }
}
