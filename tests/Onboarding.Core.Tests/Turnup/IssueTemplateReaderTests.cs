using System.Text;
using Onboarding.Core.Authoring;
using Onboarding.Core.Manifests;
using Onboarding.Core.Turnup;
using Onboarding.Testing;

namespace Onboarding.Core.Tests.Turnup;

public sealed class IssueTemplateReaderTests
{
    private const string Form = "form.yaml";

    [Fact]
    public void Read_IssueForm_EveryFieldInOrder()
    {
        // When
        var template = Templates.Sample("03_new-hub_phase-1.yaml");

        // Then
        template.Format.ShouldBe(IssueTemplateFormat.Form);
        template.Name.ShouldBe("New Hub Turnup Phase 1 - Cloud Account Setup");
        template.Title.ShouldBe("[New Hub] [Phase 1] Cloud Account Setup - {{community_name}}");
        template.Labels.ShouldBeEmpty();
        template.Body.ShouldBeNull();
        template.Fields.Count.ShouldBe(2);
        var status = template.Fields[0];
        (status.Type, status.Id, status.Label, status.DefaultOption, status.Multiple, status.Required, status.Location).ShouldBe(
            (FormFieldType.Dropdown, "status", "Is this phase ready to be worked on?", 0, false, true, new SourceLocation(5, 3)));
        status.Options.ShouldBe(["NOT READY", "READY"]);
        status.Description.ShouldBe("Choose READY only once every row of the table below has an answer.");
        var table = template.Fields[1];
        table.Type.ShouldBe(FormFieldType.Textarea);
        table.Label.ShouldBe("What we need to know to set up the cloud account of a community with a dedicated cluster.");
        table.Value!.ShouldStartWith("Only communities that get a cluster of their own need this phase.");
        table.Value.ShouldContain("| Hubspot Deal URL | | |\n");
        table.ValueLocation.Line.ShouldBe(24);
        table.Required.ShouldBeTrue();
    }

    [Fact]
    public void Read_MarkdownTemplate_FrontMatterAndBody()
    {
        // When
        var template = Templates.Sample("02_new-hub_phase-0.md");

        // Then
        template.Format.ShouldBe(IssueTemplateFormat.Markdown);
        template.About.ShouldBe("Ask an engineer for a short call when the details of a new hub are not clear enough to open the other phases.");
        template.Title.ShouldBe("[New Hub] [Due by: {{date}}] [Spike: 30mins] Requirements sync before the turnup phases - {{community_name}}");
        template.Labels.ShouldBeEmpty();
        template.Assignees.ShouldBeEmpty();
        template.Fields.ShouldBeEmpty();
        template.Body!.ShouldStartWith("Open this issue when");
        template.Body.ShouldEndWith("- [ ] Phase 3 (template 05_new-hub_phase-3.yaml)");
        template.BodyLocation.ShouldBe(new SourceLocation(12, 1));
    }

    [Theory]
    [InlineData("labels: [new-hub, ' phase-1 ']", new[] { "new-hub", "phase-1" })]
    [InlineData("labels: new-hub, phase-1", new[] { "new-hub", "phase-1" })]
    [InlineData("labels: ''", new string[0])]
    [InlineData("labels:", new string[0])]
    public void Read_Labels_ListOrCommaSeparatedText(string line, string[] labels)
    {
        // When
        var template = Templates.Parse(Form, SmallForm.Replace("labels: [one]", line, StringComparison.Ordinal));

        // Then
        template.Labels.ShouldBe(labels);
    }

    [Fact]
    public void Read_TheRepositorysOwnNewCommunityForm_EveryQuestion()
    {
        // Given a form GitHub really serves (this repository's own)
        var text = File.ReadAllText(RepositoryFiles.PathOf(".github/ISSUE_TEMPLATE/new-community.yml"));

        // When
        var template = Templates.Parse("new-community.yml", text);

        // Then
        template.Labels.ShouldBe([NewCommunityForm.IssueLabel]);
        template.Fields.Where(f => f.Type != FormFieldType.Markdown).Select(f => (f.Id, f.Label))
            .ShouldBe(NewCommunityForm.Questions.Select(q => ((string?)q.Id, q.Label)));
        template.Fields.Single(f => f.Id == NewCommunityForm.Provider.Id).Options.ShouldBe(NewCommunityForm.ProviderChoices.Select(c => c.Choice));
    }

    [Theory]
    [InlineData("name: Small\n", "name: Small\nabout: x\n", "form.yaml:2:1: error: about: \"about\" is not a key of an issue form; it may have name, description, title, labels, assignees, projects, type, body.")]
    [InlineData("name: Small\n", "", "form.yaml:1:1: error: name: \"name\" is missing or empty; it is required here.")]
    [InlineData("name: Small\n", "name: ''\n", "form.yaml:1:7: error: name: \"name\" is missing or empty; it is required here.")]
    [InlineData("name: Small\n", "name: [a, b]\n", "form.yaml:1:7: error: name: \"name\" must be text, not a list or a group of keys.")]
    [InlineData("- type: input\n", "- type: upload\n", "form.yaml:17:9: error: body[2].type: \"upload\" is not a field type the program can fill in; it knows markdown, textarea, input, dropdown and checkboxes.")]
    [InlineData("  id: cluster\n", "  id: the cluster\n", "form.yaml:18:7: error: body[2].id: The id \"the cluster\" may only have letters, digits, \"-\" and \"_\".")]
    [InlineData("  id: cluster\n", "  id: status\n", "form.yaml:17:3: error: body: The id \"status\" is used by two fields (the other on line 9); each field needs its own.")]
    [InlineData("    label: Cluster\n", "    label: Status\n", "form.yaml:17:3: error: body: The label \"Status\" is used by two fields (the other on line 9); each becomes a heading of the issue, so each needs its own.")]
    [InlineData("    label: Cluster\n", "    placeholder: x\n", "form.yaml:20:5: error: body[2].attributes.label: \"label\" is missing or empty; it is required here.")]
    [InlineData("    label: Cluster\n", "    label: Cluster\n    options: [a]\n", "form.yaml:21:5: error: body[2].attributes.options: \"options\" is not a key of an input field; it may have label, description, placeholder, value.")]
    [InlineData("    default: 0\n", "    default: 2\n", "form.yaml:14:14: error: body[1].attributes.default: The default is option 2, counted from 0, but there are only 2 options.")]
    [InlineData("    default: 0\n", "    default: first\n", "form.yaml:14:14: error: body[1].attributes.default: \"default\" must be a whole number from 0 (the first option).")]
    [InlineData("    options: [NOT READY, READY]\n", "    options: [READY, READY]\n", "form.yaml:13:22: error: body[1].attributes.options[1]: The option \"READY\" is listed twice; GitHub needs each option once.")]
    [InlineData("    options: [NOT READY, READY]\n", "    options: []\n", "form.yaml:13:14: error: body[1].attributes.options: \"options\" must be a list with at least one entry.")]
    [InlineData("    required: true\n", "    required: yes\n", "form.yaml:16:15: error: body[1].validations.required: \"required\" must be true or false.")]
    [InlineData("    - label: Deal signed\n", "    - required: true\n", "form.yaml:30:7: error: body[4].attributes.options[0].label: \"label\" is missing or empty; it is required here.")]
    [InlineData("name: Small\n", "name: &a Small\n", "form.yaml:1:7: error: name: The anchor \"&a\" is not allowed; issue templates do not use anchors or aliases. Remove it and write values out in full.")]
    public void Read_BrokenForm_LocatedSentence(string original, string broken, string problem)
    {
        // Given
        var text = SmallForm.Replace(original, broken, StringComparison.Ordinal);
        text.ShouldNotBe(SmallForm);

        // When
        var problems = Templates.Problems(Form, text);

        // Then
        problems.ShouldBe([problem]);
    }

    [Fact]
    public void Read_FormWithoutBody_Refused()
    {
        // When
        var problems = Templates.Problems(Form, "name: Small\ndescription: A form\n");

        // Then
        problems.ShouldBe(["form.yaml:1:1: error: body: The form has no body: the list of fields GitHub shows and turns into the issue."]);
    }

    [Fact]
    public void Read_FormThatOnlyShowsText_Refused()
    {
        // When
        var problems = Templates.Problems(Form, "name: Small\ndescription: A form\nbody:\n- type: markdown\n  attributes:\n    value: Hello\n");

        // Then
        problems.ShouldBe(["form.yaml:4:1: error: body: The form only shows text; it needs at least one field to fill in (textarea, input, dropdown or checkboxes)."]);
    }

    [Fact]
    public void Read_EmptyForm_SaysWhatAFormNeeds()
    {
        // When
        var problems = Templates.Problems(Form, "# nothing yet\n");

        // Then
        problems.ShouldBe(["form.yaml:1:1: error: The file is empty. An issue form needs at least name, description and body."]);
    }

    [Theory]
    [InlineData("Just a body.\n", "md.md:1:1: error: A Markdown issue template starts with front matter: a line \"---\", then name, about, title and labels, then another line \"---\".")]
    [InlineData("---\nname: x\nabout: y\n", "md.md:1:1: error: A Markdown issue template starts with front matter: a line \"---\", then name, about, title and labels, then another line \"---\".")]
    [InlineData("---\nname: x\nabout: y\nlabel: z\n---\nBody\n", "md.md:4:1: error: label: \"label\" is not a key of the front matter of a Markdown template; it may have name, about, title, labels, assignees, projects, type.")]
    [InlineData("---\nname: x\n---\nBody\n", "md.md:2:1: error: about: \"about\" is missing or empty; it is required here.")]
    [InlineData("---\nname: x\nabout: [y\n---\nBody\n", "md.md:3:1: error: The YAML is not well-formed here: While parsing a flow sequence, did not find expected ',' or ']'. Check the indentation and quoting on this line and the one before.")]
    [InlineData("---\n---\nBody\n", "md.md:2:1: error: The front matter is empty; it needs at least name and about.")]
    public void Read_BrokenMarkdownTemplate_LocatedSentence(string text, string problem)
    {
        // When
        var problems = Templates.Problems("md.md", text);

        // Then
        problems.ShouldBe([problem]);
    }

    [Fact]
    public void Read_OtherFile_NotATemplate()
    {
        // When
        var problems = Templates.Problems("config.json", "{}");

        // Then
        problems.ShouldBe(["config.json:1:1: error: An issue template is an issue form (.yml or .yaml) or a Markdown template (.md); GitHub does not offer this file as a template."]);
    }

    [Fact]
    public void Read_BinaryMarkdown_Refused()
    {
        // When
        var (template, problems) = IssueTemplateReader.Read(new SourceFile("t.md", [0x2D, 0x2D, 0x2D, 0x0A, 0xFF, 0x00]));

        // Then
        template.ShouldBeNull();
        problems.Select(p => p.ToString()).ShouldBe(["t.md:1:1: error: The file is not UTF-8 text; save it as UTF-8."]);
    }

    [Fact]
    public void Read_HugeFile_RefusedUnread()
    {
        // Given the first bytes of a file far larger than any template, as the readers pass them on
        var head = Encoding.UTF8.GetBytes("name: x\n");

        // When
        var (_, problems) = IssueTemplateReader.Read(new SourceFile("big.yaml", head, 10 * 1024 * 1024));

        // Then
        problems.Select(p => p.ToString()).ShouldBe(["big.yaml:1:1: error: The file is 10240 KiB; an issue template may be at most 256 KiB."]);
    }

    /// <summary>A form with a markdown field and one field of each kind that can be answered (lines 6, 9, 17, 21 and 25).</summary>
    internal const string SmallForm = """
        name: Small
        description: A small form
        title: "[Small] {{community_name}}"
        labels: [one]
        body:
        - type: markdown
          attributes:
            value: Shown on the form only.
        - type: dropdown
          id: status
          attributes:
            label: Status
            options: [NOT READY, READY]
            default: 0
          validations:
            required: true
        - type: input
          id: cluster
          attributes:
            label: Cluster
        - type: textarea
          id: context
          attributes:
            label: Context
        - type: checkboxes
          id: checks
          attributes:
            label: Checks
            options:
            - label: Deal signed
            - label: Contacts known
        """;
}
