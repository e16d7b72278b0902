using System.Text;
using Onboarding.Core.Configuration;
using Onboarding.Core.Manifests;
using Onboarding.Testing;

namespace Onboarding.Core.Tests.Configuration;

/// <summary><c>turnup.templates</c>: which file of the infrastructure repository each phase's template is, and where the copy lives.</summary>
public sealed class TurnupTemplateSettingsTests
{
    private const string File = "onboarding.yaml";

    [Fact]
    public void Read_NoTemplatesSection_TheCurrentFileNamesAndTheCommittedCopy()
    {
        // Given a configuration that says nothing about templates
        // When
        var (settings, problems) = Read(ConfigText.Minimal);

        // Then the names are the infrastructure repository's current ones, and the copy is the committed folder
        problems.ShouldBeEmpty();
        var files = settings!.Turnup.Templates;
        files.ByKey.Select(f => f.FileName).ShouldBe(["02_new-hub_phase-0.md", "03_new-hub_phase-1.yaml", "04_new-hub_phase-2.yaml", "05_new-hub_phase-3.yaml", "06_decommission-hub.md"]);
        files.Copy.ShouldBe(".github/turnup-templates");
        foreach (var (_, name) in files.ByKey)
            System.IO.File.Exists(RepositoryFiles.PathOf($"{files.Copy}/{name}")).ShouldBeTrue($"the committed copy has {name}");
    }

    [Fact]
    public void Read_TemplatesGiven_BindsEachPhaseAndTheCopy()
    {
        // Given an organisation whose phase 3 template has another name, with its copy elsewhere
        var text = ConfigText.Minimal + "turnup:\n  templates:\n    hub_setup: hub-setup.yml\n    copy: infra/templates/\n";

        // When
        var (settings, problems) = Read(text);

        // Then
        problems.ShouldBeEmpty();
        var files = settings!.Turnup.Templates;
        (files.HubSetup, files.Copy, files.Cluster).ShouldBe(("hub-setup.yml", "infra/templates", "04_new-hub_phase-2.yaml"));
    }

    [Theory]
    [InlineData("    hub_setup: 04_new-hub_phase-2.yaml\n",
        "onboarding.yaml:13:16: error: turnup.templates.hub_setup: \"04_new-hub_phase-2.yaml\" is already the template of cluster (by default); each phase needs its own.")]
    [InlineData("    copy: .github/ISSUE_TEMPLATE\n",
        "onboarding.yaml:13:11: error: turnup.templates.copy: GitHub offers the files in .github/ISSUE_TEMPLATE as this repository's own issue templates; keep the copy in another folder, such as .github/turnup-templates.")]
    [InlineData("    copy: ../elsewhere\n",
        "onboarding.yaml:13:11: error: turnup.templates.copy: The copy is a folder inside this repository, written from its root without '.', '..' or an empty part, such as .github/turnup-templates.")]
    [InlineData("    hub_setup: .github/ISSUE_TEMPLATE/05_new-hub_phase-3.yaml\n",
        "onboarding.yaml:13:16: error: turnup.templates.hub_setup: This value is not in the expected form. Phase 3's template (the hubs of one request on one cluster): a file name in .github/ISSUE_TEMPLATE/. Default: 05_new-hub_phase-3.yaml. For example: 05_new-hub_phase-3.yaml")]
    public void Read_TemplatesMistake_OneLocatedSentence(string line, string expected)
    {
        // Given one mistake in turnup.templates
        var text = ConfigText.Minimal + "turnup:\n  templates:\n" + line;

        // When
        var (settings, problems) = Read(text);

        // Then
        settings.ShouldBeNull();
        problems.Select(p => p.ToString()).ShouldBe([expected]);
    }

    private static (OnboardingSettings? Settings, IReadOnlyList<Problem> Problems) Read(string text) =>
        SettingsReader.Read(new SourceFile(File, Encoding.UTF8.GetBytes(text)));
}
