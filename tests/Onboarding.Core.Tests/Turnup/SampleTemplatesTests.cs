using Onboarding.Core.Turnup;

namespace Onboarding.Core.Tests.Turnup;

/// <summary>
/// The sandbox's sample turnup templates are written in our own words but keep the structure of the infrastructure
/// repository's: the same kinds of fields and the same table questions, which the program maps to manifest values.
/// </summary>
public sealed class SampleTemplatesTests
{
    public static IReadOnlyList<string> PhaseOneQuestions { get; } =
    [
        "Cloud Provider", "Will 2i2c pay for cloud costs?", "Name of cloud account", "Community Representative(s) (GitHub handles or email)",
        "Have the Technical Contacts been added to the AirTable?", "Hubspot Deal URL",
    ];

    public static IReadOnlyList<string> PhaseTwoQuestions { get; } = ["Region/Zone of the cluster", "Name of the cluster", "Are GPUs required?"];

    public static IReadOnlyList<string> PerHubQuestions { get; } =
    [
        "Name of the hub", "Dask gateway?", "Splash image URL", "Homepage URL", "Funded by?", "Authentication Mechanism",
        "Admin Users (GitHub handles or emails, depending on Mechanism)", "Scratch bucket enabled?", "Persistent bucket enabled?",
        "Requester pays requests to external buckets allowed? (GCP only)", "gh-scoped-creds setup?", "Pangeo Notebook?",
        "RStudio (with Rocker)?", "Allow users to specify any image they want to use?", "Max RAM option allowed", "Dynamic Image Building?",
        "GPU enabled?", "Default Interface", "Allow multiple concurrent servers per user?", "List of GitHub Teams to be granted access",
        "Profile options restricted via teams?", "Institution id to be given access", "Custom image to be specified?", "Custom image to be default?",
    ];

    public static TheoryData<string> Files => [.. Templates.SampleFiles];

    [Theory]
    [MemberData(nameof(Files))]
    public void Sample_Reads_WithoutProblems(string file)
    {
        // When
        var template = Templates.Sample(file);

        // Then
        template.Format.ShouldBe(file.EndsWith(".md", StringComparison.Ordinal) ? IssueTemplateFormat.Markdown : IssueTemplateFormat.Form);
        template.Title.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("03_new-hub_phase-1.yaml")]
    [InlineData("04_new-hub_phase-2.yaml")]
    public void Sample_DedicatedClusterPhases_StatusDropdownThenTheQuestionTable(string file)
    {
        // When
        var template = Templates.Sample(file);

        // Then
        template.Fields.Select(f => (f.Type, f.Id)).ShouldBe([(FormFieldType.Dropdown, "status"), (FormFieldType.Textarea, "info-table")]);
        template.Fields[0].Options.ShouldBe([IssueTemplateRenderer.NotReady, IssueTemplateRenderer.Ready]);
    }

    [Theory]
    [InlineData("03_new-hub_phase-1.yaml", 1)]
    [InlineData("04_new-hub_phase-2.yaml", 2)]
    public void Sample_UnansweredPhase_ListsEveryQuestionOfItsTable(string file, int phase)
    {
        // When nothing is answered
        var issue = IssueTemplateRenderer.Render(Templates.Sample(file), new TemplateAnswers());

        // Then
        issue.Unanswered.Where(u => u.Where != "title").Select(u => u.Question).ShouldBe(phase == 1 ? PhaseOneQuestions : PhaseTwoQuestions);
    }

    [Fact]
    public void Sample_Phase3_AsksTheClusterThenEveryQuestionPerHub()
    {
        // Given
        var template = Templates.Sample("05_new-hub_phase-3.yaml");

        // When
        var issue = IssueTemplateRenderer.Render(template, new TemplateAnswers { Hubs = [new HubAnswers("prod", false, new Dictionary<string, TableAnswer>())] });

        // Then
        template.Fields.Select(f => (f.Type, f.Id)).ShouldBe(
            [(FormFieldType.Textarea, "context"), (FormFieldType.Input, "hub-num"), (FormFieldType.Input, "cluster"), (FormFieldType.Textarea, "info-tables")]);
        issue.Unanswered.Where(u => u.Hub is null && u.Where != "title").Select(u => u.Question).ShouldBe(["How many hubs will be deployed?", "Which cluster will the hub(s) be deployed on?"]);
        issue.Unanswered.Where(u => u.Hub == "prod").Select(u => u.Question).ShouldBe(PerHubQuestions);
    }

    [Fact]
    public void Sample_Decommission_MarkdownWithTaskLists()
    {
        // When
        var template = Templates.Sample("06_decommission-hub.md");

        // Then
        template.Title.ShouldBe("[Decommission Hub][{{ deadline }}] {{ HUB NAME }}");
        template.Body!.Split('\n').Count(l => l.TrimStart().StartsWith("- [ ] ", StringComparison.Ordinal)).ShouldBeGreaterThan(10);
    }
}
