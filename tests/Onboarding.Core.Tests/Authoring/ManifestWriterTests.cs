using System.Text;
using System.Text.Json;
using Onboarding.Core.Authoring;
using Onboarding.Core.Manifests;
using Onboarding.Core.Validation;
using Onboarding.Testing;

namespace Onboarding.Core.Tests.Authoring;

public sealed class ManifestWriterTests
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepositoryFiles.PathOf("communities"), "*.yaml").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    /// <summary>Texts a YAML writer easily gets wrong: each must read back as itself.</summary>
    public static TheoryData<string> AwkwardTexts() =>
    [
        "yes", "No", "null", "~", "true", "123", "0x1F", "1e3", "2026-11-02", ".inf", "-", "- item", "? key", "a: b", "a:", "x #y",
        "#comment", "\"quoted\"", "'single'", "back\\slash", "line\nbreak", "tab\there", "carriage\rreturn", "crlf\r\n",
        "nul\0byte", "bell\u0007", "del\u007F", "next\u0085line", "sep\u2028line", "bom\uFEFF", "emoji 🎉 ok", "Zoë Ñúñez",
        " leading", "trailing ", "  ", "", "---", "...", "{a: 1}", "[a, b]", "a, b", "*alias", "&anchor", "!tag", "%YAML 1.2",
        "@mention", "`code`", "|", ">", "<!-- onboarding:hidden -->", "a  b", "https://example.org/a?b=c&d=e#f",
    ];

    public static TheoryData<string> AwkwardMarkdown() =>
    [
        "## Heading\nText\n", "no final newline", "two final newlines\n\n", "three\n\n\n", "\nleading blank line\n",
        " indented first line\nnext\n", "   \ncontent after spaces\n", "\tindented with a tab\n", "---\n...\n# not a comment\n",
        "trailing spaces  \nhard break\n", "windows\r\nlines\r\n", "key: value\n- item\n", "\n", "\n\n", "", "end\u2028sep\n",
        "control \u0001 char\n", "```yaml\nname: x\n```\n",
    ];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Write_EveryExample_ValidatesAndBindsToTheSameModel(string fileName)
    {
        // Given an example read into a draft
        var original = ValidateOne("communities/" + fileName, File.ReadAllBytes(RepositoryFiles.PathOf("communities/" + fileName)));
        original.Problems.ShouldBeEmpty();
        var draft = ManifestDraft.FromCommunity(original.Documents.Single().Community);

        // When it is written again
        var text = ManifestWriter.Write(draft);

        // Then the text is a valid manifest (no warning either) that means exactly the same
        var written = ValidateOne("communities/" + fileName, Encoding.UTF8.GetBytes(text));
        written.Problems.Select(p => p.ToString()).ShouldBeEmpty();
        Json(written.Documents.Single().Community).ShouldBe(Json(original.Documents.Single().Community));
        text.ShouldStartWith(ManifestWriter.SchemaLine + "\n");
    }

    [Fact]
    public void Write_Example_QuotesDatesAndDealsAndKeepsMarkdownAsABlock()
    {
        // Given
        var original = ValidateOne("communities/tidepool.yaml", File.ReadAllBytes(RepositoryFiles.PathOf("communities/tidepool.yaml")));
        var draft = ManifestDraft.FromCommunity(original.Documents.Single().Community) with { Summary = "A new community." };

        // When
        var text = ManifestWriter.Write(draft);

        // Then
        text.ShouldContain("\n  - \"31415926535\"\n");
        text.ShouldContain("\n    requested: \"2026-11-02\"\n");
        text.ShouldContain("\ncontext: |\n  ## What do you want to achieve by working with us?\n");
        text.ShouldContain("\nnotes: |\n  They run a field course");
        text.ShouldContain("resources: [\"r5.xlarge:4\", \"r5.4xlarge:2\"]");
        text.ShouldContain(ManifestWriter.SchemaLine + "\n# A new community.\nname: tidepool\n");
    }

    [Fact]
    public void Write_KeysInTheSchemasOrder()
    {
        // Given a draft with every top-level field
        var draft = Full();

        // When
        var keys = ManifestWriter.Write(draft).Split('\n')
            .Where(l => l.Length > 0 && char.IsAsciiLetterLower(l[0]))
            .Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)])
            .ToList();

        // Then
        using var schema = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf("schemas/community.schema.json")));
        var order = schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
        keys.ShouldBe(order);
    }

    [Theory]
    [MemberData(nameof(AwkwardTexts))]
    public void Write_AwkwardText_ReadsBackAsItself(string awkward)
    {
        // Given the text in every kind of place: a top-level value, a person, a list item, a hub field
        var draft = Full() with
        {
            LongName = awkward,
            Website = awkward,
            Representatives = [new Person(awkward, awkward, awkward)],
            Deals = [awkward],
            Hubs = [Full().Hubs[0] with { Name = awkward, Requested = awkward, Auth = new HubAuth(awkward, [awkward], [awkward], [], [awkward, "x"]), Resources = [awkward] }],
        };

        // When
        var community = ReadBack(ManifestWriter.Write(draft));

        // Then
        community.LongName.ShouldBe(awkward);
        community.Website.ShouldBe(awkward);
        community.Representatives.Single().ShouldBe(new Person(awkward, awkward, awkward));
        community.Deals.ShouldBe([awkward]);
        community.Hubs.Single().Name.ShouldBe(awkward);
        community.Hubs.Single().Auth!.Method.ShouldBe(awkward);
        community.Hubs.Single().Auth!.Organizations.ShouldBe([awkward]);
        community.Hubs.Single().Auth!.Teams.ShouldBe([awkward]);
        community.Hubs.Single().Auth!.Admins.ShouldBe([awkward, "x"]);
        community.Hubs.Single().Resources.ShouldBe([awkward]);
    }

    [Theory]
    [MemberData(nameof(AwkwardMarkdown))]
    public void Write_AwkwardMarkdown_ReadsBackAsItself(string markdown)
    {
        // Given
        var draft = Full() with { Context = markdown, Notes = markdown };

        // When
        var community = ReadBack(ManifestWriter.Write(draft));

        // Then
        community.Context.ShouldBe(markdown);
        community.Notes.ShouldBe(markdown);
    }

    [Fact]
    public void Write_SummaryWithLineBreaksAndControls_StaysAComment()
    {
        // Given a summary that tries to become a field
        var draft = Full() with { Summary = "first\nname: evil\r\u2028\u0000website: x" };

        // When
        var text = ManifestWriter.Write(draft);

        // Then
        text.ShouldContain("# first\n# name: evil\n# website: x\nname: alpha\n");
        ReadBack(text).Name.ShouldBe("alpha");
    }

    [Fact]
    public void Write_MissingRequiredAnswers_ValidatorNamesEachField()
    {
        // Given an empty draft (a form with nothing filled in)
        var text = ManifestWriter.Write(new ManifestDraft());

        // When
        var result = ValidateOne("communities/x.yaml", Encoding.UTF8.GetBytes(text));

        // Then every required field is reported by name, on its own line of the file
        var fields = result.Problems.Select(p => p.Field).ToList();
        fields.ShouldContain("name");
        fields.ShouldContain("long_name");
        fields.ShouldContain("representatives");
        fields.ShouldContain("deals");
        fields.ShouldContain("hubs");
        result.Problems.ShouldAllBe(p => p.Location.Line > 1);
    }

    private static ManifestDraft Full() => new()
    {
        Name = "alpha",
        LongName = "The Alpha Community",
        Website = "https://alpha.example.org",
        GitHubOrganization = "https://github.com/alpha-org",
        Logo = "https://alpha.example.org/logo.png",
        Context = "## Who are your users?\nStudents.\n",
        Representatives = [new Person("Rep One", "rep.one@alpha.example.org", "rep-one")],
        TechnicalContacts = [new Person("Tech One", "tech.one@alpha.example.org", null)],
        Deals = ["1001"],
        Configurator = "https://2i2c.org/hub-configurator/?state=eyJ0aWVyIjoiRXNzZW50aWFsIn0",
        Notes = "Nothing else.\n",
        Transcript = "https://docs.example.org/transcript",
        Cloud = new CloudSettings("aws", "us-west-2", "2i2c-managed", null, "2i2c-pays"),
        Hubs =
        [
            new HubDraft
            {
                Name = "prod",
                Domain = "alpha.hubs.example.org",
                Requested = "2026-11-02",
                Auth = new HubAuth("github", ["alpha-org"], [], [], ["rep-one"]),
                Resources = ["r5.xlarge:4"],
                Dask = true,
                Buckets = new Buckets(true, false),
            },
        ],
    };

    private static Community ReadBack(string text)
    {
        var (root, problems) = YamlReader.Read(new SourceFile("communities/alpha.yaml", Encoding.UTF8.GetBytes(text)));
        problems.Select(p => p.ToString()).ShouldBeEmpty();
        return CommunityBinder.Bind(root!);
    }

    private static ValidationResult ValidateOne(string path, byte[] bytes) => Validate.Bytes(path, bytes);

    private static string Json(Community community) => JsonSerializer.Serialize(community);
}
