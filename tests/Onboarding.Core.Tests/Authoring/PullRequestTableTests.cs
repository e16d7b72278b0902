using Onboarding.Core.Authoring;

namespace Onboarding.Core.Tests.Authoring;

/// <summary>The review table of a pull request made from the form shows every field the manifest holds.</summary>
public sealed class PullRequestTableTests
{
    /// <summary>Every question of the form answered.</summary>
    private static readonly string FullForm = FormBodies.Body(
        ("name", "tidalflats"),
        ("long_name", "Tidal Flats Survey Network"),
        ("website", "https://tidalflats.example.org"),
        ("github_organization", "https://github.com/tidal-flats"),
        ("logo", "https://tidalflats.example.org/logo.png"),
        ("representatives", "Rosa Diaz <rosa.diaz@tidalflats.example.org> @rosadiaz\nJun Park <jun.park@tidalflats.example.org>"),
        ("technical_contacts", "Kofi Mensah <kofi.mensah@tidalflats.example.org> @kmensah"),
        ("deals", "57721566490"),
        ("configurator", "https://2i2c.org/hub-configurator/?state=abc123"),
        ("hubs", "staging staging.tidalflats.hubs.example.org\nprod tidalflats.hubs.example.org"),
        ("sign_in", "GitHub: members of the GitHub organisation"),
        ("institutions", "tidalflats.example.edu"),
        ("admins", "@rosadiaz, @kmensah"),
        ("provider", "Google Cloud"),
        ("region", "europe-west1"),
        ("extras", "- [X] Dask, for parallel computing\n- [X] A scratch bucket (files kept for a week)\n- [X] A persistent bucket"),
        ("achieve", "Shared notebooks for survey teams."),
        ("users", "Field scientists."),
        ("mission", "Faster analysis of survey data."),
        ("data", "In a bucket in europe-west1."),
        ("notes", "Renewal expected in spring."),
        ("transcript", "https://docs.example.org/transcript"));

    [Fact]
    public void PullRequestBody_FullFormSubmission_ShowsEveryAnswerInTheTable()
    {
        // Given a form with every question answered
        var conversion = NewCommunityForm.Convert(FullForm, new DateOnly(2026, 11, 20), 12);
        conversion.Problems.ShouldBeEmpty();

        // When
        var body = FormFeedback.PullRequestBody(conversion.Draft, "communities/tidalflats.yaml", 12);

        // Then each field of the manifest is a row, emails, admins and the cloud included
        string[] rows =
        [
            "| `name` | tidalflats |",
            "| `long_name` | Tidal Flats Survey Network |",
            "| `website` | https://tidalflats.example.org |",
            "| `github_organization` | https://github.com/tidal-flats |",
            "| `logo` | https://tidalflats.example.org/logo.png |",
            "| `representatives[0].name` | Rosa Diaz |",
            "| `representatives[0].email` | rosa.diaz@tidalflats.example.org |",
            "| `representatives[0].github` | rosadiaz |",
            "| `representatives[1].email` | jun.park@tidalflats.example.org |",
            "| `technical_contacts[0].email` | kofi.mensah@tidalflats.example.org |",
            "| `deals` | 57721566490 |",
            "| `configurator` | https://2i2c.org/hub-configurator/?state=abc123 |",
            "| `notes` | Renewal expected in spring. |",
            "| `transcript` | https://docs.example.org/transcript |",
            "| `cloud.provider` | gcp |",
            "| `cloud.region` | europe-west1 |",
            "| `hubs[0].name` | staging |",
            "| `hubs[0].domain` | staging.tidalflats.hubs.example.org |",
            "| `hubs[1].domain` | tidalflats.hubs.example.org |",
            "| `hubs[1].status` | requested |",
            "| `hubs[1].requested` | 2026-11-20 |",
            "| `hubs[1].auth.method` | github |",
            "| `hubs[1].auth.organizations` | tidal-flats |",
            "| `hubs[1].auth.admins` | rosadiaz, kmensah |",
            "| `hubs[1].dask` | true |",
            "| `hubs[1].buckets.scratch` | true |",
            "| `hubs[1].buckets.persistent` | true |",
        ];
        foreach (var row in rows)
            body.ShouldContain(row, customMessage: body);
        body.ShouldContain("Shared notebooks for survey teams.");
        body.ShouldContain("Field scientists.");
        body.ShouldContain("Faster analysis of survey data.");
        body.ShouldContain("In a bucket in europe-west1.");
    }

    [Fact]
    public void Fields_EveryFieldOfTheWrittenManifest_IsARow()
    {
        // Given the manifest a full form makes
        var draft = NewCommunityForm.Convert(FullForm, new DateOnly(2026, 11, 20), 12).Draft;
        var manifest = ManifestWriter.Write(draft);

        // When
        var fields = FormFeedback.Fields(draft, "communities/tidalflats.yaml").Select(f => f.Field.Split('.', '[')[0]).ToHashSet();

        // Then every top-level key of the file has a row (a field added later shows without a change here)
        var keys = manifest.Split('\n').Where(l => l.Length > 0 && char.IsAsciiLetterLower(l[0]) && l.Contains(':', StringComparison.Ordinal)).Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]).ToList();
        keys.ShouldNotBeEmpty();
        keys.ShouldAllBe(k => fields.Contains(k));
    }

    [Fact]
    public void PullRequestBody_HugeAnswers_StaysUnderGitHubsLimit()
    {
        // Given fifty representatives with long names
        var people = string.Join('\n', Enumerable.Range(1, 50).Select(i => $"{new string('n', 200)} {i} <person{i}@{new string('d', 60)}.example.org>"));
        var draft = NewCommunityForm.Convert(FormBodies.Body(("representatives", people), ("notes", new string('x', 60_000))), new DateOnly(2026, 11, 20), 12).Draft;

        // When
        var body = FormFeedback.PullRequestBody(draft, "communities/alpha.yaml", 12);

        // Then
        body.Length.ShouldBeLessThan(65_536);
    }
}
