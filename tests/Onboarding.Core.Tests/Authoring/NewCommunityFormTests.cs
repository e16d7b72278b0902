using Onboarding.Core.Authoring;
using Onboarding.Core.Text;
using Onboarding.Testing;
using YamlDotNet.RepresentationModel;

namespace Onboarding.Core.Tests.Authoring;

public sealed class NewCommunityFormTests
{
    private static readonly DateOnly Requested = new(2026, 11, 20);

    [Fact]
    public void Questions_SameAsTheIssueForm_LabelsIdsAndChoices()
    {
        // Given the form GitHub shows
        var stream = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(RepositoryFiles.PathOf(".github/ISSUE_TEMPLATE/new-community.yml"))))
            stream.Load(reader);
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var fields = ((YamlSequenceNode)root["body"]).Children.Cast<YamlMappingNode>()
            .Where(f => ((YamlScalarNode)f["type"]).Value != "markdown")
            .ToList();
        string Attribute(YamlMappingNode field, string key) => ((YamlScalarNode)((YamlMappingNode)field["attributes"])[key]).Value!;
        List<string> Options(string id)
        {
            var options = (YamlSequenceNode)((YamlMappingNode)fields.Single(f => ((YamlScalarNode)f["id"]).Value == id)["attributes"])["options"];
            return [.. options.Children.Select(o => o is YamlMappingNode m ? ((YamlScalarNode)m["label"]).Value! : ((YamlScalarNode)o).Value!)];
        }

        // Then the program reads exactly the questions the form asks, in its order
        fields.Select(f => ((YamlScalarNode)f["id"]).Value).ShouldBe(NewCommunityForm.Questions.Select(q => q.Id));
        fields.Select(f => Attribute(f, "label")).ShouldBe(NewCommunityForm.Questions.Select(q => q.Label));
        Options(NewCommunityForm.SignIn.Id).ShouldBe(NewCommunityForm.SignInChoices.Select(c => c.Choice));
        Options(NewCommunityForm.Provider.Id).ShouldBe(NewCommunityForm.ProviderChoices.Select(c => c.Choice));
        Options(NewCommunityForm.Extras.Id).ShouldBe(NewCommunityForm.ExtrasChoices);
        ((YamlSequenceNode)root["labels"]).Children.Select(l => ((YamlScalarNode)l).Value).ShouldBe([NewCommunityForm.IssueLabel]);
        File.ReadAllText(RepositoryFiles.PathOf(".github/workflows/from-issue.yml")).ShouldContain($"'{NewCommunityForm.IssueLabel}'");
    }

    [Fact]
    public void Convert_AnswerContainingAnotherQuestionsHeading_StaysInItsOwnAnswer()
    {
        // Given a context answer that types the Hubs heading and a hub of its own
        var body = FormBodies.Body(("Achieve", "Our plan.\n\n### Hubs\n\nevil evil.example.org"));

        // When
        var (draft, problems) = NewCommunityForm.Convert(body, Requested, 7);

        // Then the real Hubs answer is the one used
        problems.ShouldBeEmpty();
        draft.Hubs.Select(h => h.Domain).ShouldBe(["alpha.hubs.example.org"]);
        draft.Context.ShouldBe("## What do you want to achieve by working with us?\nOur plan.\n\n### Hubs\n\nevil evil.example.org\n");
    }

    [Fact]
    public void Convert_EmptyOptionalAnswersAndUntickedBoxes_LeftOut()
    {
        // Given only the required answers
        var body = FormBodies.Body();

        // When
        var (draft, problems) = NewCommunityForm.Convert(body, Requested, 7);

        // Then nothing is made up
        problems.ShouldBeEmpty();
        draft.Website.ShouldBeNull();
        draft.Context.ShouldBeNull();
        draft.Cloud.Provider.ShouldBeNull();
        draft.Hubs.Single().ShouldBe(new HubDraft { Name = "prod", Domain = "alpha.hubs.example.org", Requested = "2026-11-20" });
    }

    [Fact]
    public void Convert_CheckboxesAndSignIn_OnEveryHub()
    {
        // Given
        var body = FormBodies.Body(
            ("Hubs", "staging staging.alpha.hubs.example.org\nprod alpha.hubs.example.org"),
            ("SignIn", "CILogon: university or institutional accounts"),
            ("Institutions", "https://alpha.example.edu\nbeta.example.ac.uk"),
            ("Admins", "ana@alpha.example.edu"),
            ("Extras", "- [ ] Dask, for parallel computing\n- [x] A scratch bucket (files kept for a week)\n- [ ] A persistent bucket"));

        // When
        var (draft, problems) = NewCommunityForm.Convert(body, Requested, 7);

        // Then
        problems.ShouldBeEmpty();
        draft.Hubs.Count.ShouldBe(2);
        draft.Hubs.ShouldAllBe(h => h.Auth!.Method == "cilogon" && h.Dask == null && h.Buckets!.Scratch == true && h.Buckets.Persistent == null);
        draft.Hubs[0].Auth!.Institutions.ShouldBe(["alpha.example.edu", "beta.example.ac.uk"]);
        draft.Hubs[0].Auth!.Admins.ShouldBe(["ana@alpha.example.edu"]);
    }

    [Fact]
    public void Convert_BodyEditedInABrowser_WindowsLineEndingsReadTheSame()
    {
        // Given the same answers with CRLF line endings, as a body edited in the browser comes back
        var body = FormBodies.Body(("Achieve", "First line.\n\n- a point"), ("Hubs", "staging staging.alpha.hubs.example.org\nprod alpha.hubs.example.org"));

        // When
        var unix = NewCommunityForm.Convert(body, Requested, 7);
        var windows = NewCommunityForm.Convert(body.Replace("\n", "\r\n", StringComparison.Ordinal), Requested, 7);

        // Then
        windows.Problems.ShouldBeEmpty();
        ManifestWriter.Write(windows.Draft).ShouldBe(ManifestWriter.Write(unix.Draft));
        windows.Draft.Hubs.Count.ShouldBe(2);
    }

    [Fact]
    public void Convert_PastedDocumentAsAListAnswer_OneSentenceNotOnePerLine()
    {
        // Given thousands of lines where people are asked for
        var body = FormBodies.Body(("Representatives", string.Join('\n', Enumerable.Repeat("not a person", 5_000))));

        // When
        var (_, problems) = NewCommunityForm.Convert(body, Requested, 7);

        // Then
        problems.ShouldBe([new AnswerProblem("Community representatives", "This answer has 5,000 entries; a request takes at most 50, one per line.")]);
    }

    [Theory]
    [InlineData("representatives[1].email", "Community representatives (line 2)")]
    [InlineData("deals[0]", "HubSpot deals (line 1)")]
    [InlineData("hubs[2].domain", "Hubs (line 3)")]
    [InlineData("hubs[0].auth.admins[1]", "Hub administrators")]
    [InlineData("hubs[0].auth.method", "How will people sign in?")]
    [InlineData("cloud.region", "Cloud region")]
    [InlineData("cloud.provider", "Cloud provider")]
    [InlineData("long_name", "Full name")]
    [InlineData("transcript", "Meeting transcript")]
    [InlineData("technical_contacts[0].github", "Technical contacts (line 1)")]
    [InlineData("context", "Community context (the four questions about the community)")]
    [InlineData("hubs[0].buckets.scratch", "Extras")]
    [InlineData("", "The request as a whole")]
    public void QuestionOf_ManifestField_TheFormsQuestion(string field, string question)
    {
        NewCommunityForm.QuestionOf(field).ShouldBe(question);
    }
}
