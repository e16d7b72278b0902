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
        var bytes = File.ReadAllBytes(RepositoryFiles.PathOf("communities/" + fileName));
        var original = ValidateOne("communities/" + fileName, bytes);
        original.Problems.ShouldBeEmpty();
        var draft = ReadDraft(bytes);

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
        var draft = ReadDraft(File.ReadAllBytes(RepositoryFiles.PathOf("communities/tidepool.yaml"))) with { Summary = "A new community." };

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
    public void Write_EveryField_CommentsQuotingAndLayoutAsPinned()
    {
        // Given a draft with every field
        var draft = Full();

        // When
        var text = ManifestWriter.Write(draft);

        // Then the text is exactly this: a comment before each section, dates, deal ids and words a reader could take
        // for numbers quoted, lists inside a hub on one line
        text.ShouldBe("""
            # yaml-language-server: $schema=../schemas/community.schema.json
            name: alpha
            long_name: The Alpha Community
            # Our people who answer for this community, as GitHub logins.
            owners:
              bd: "@kmensah"
              technical: jun
            # While set, plan, apply, drift and First Value skip this community; remove it to resume.
            paused: Contract under review
            website: https://alpha.example.org
            github_organization: https://github.com/alpha-org
            logo: https://alpha.example.org/logo.png
            # Answers to the community-context questions, in Markdown.
            context: |
              ## Who are your users?
              Students.
            # People who may authorise changes for the community (at least one).
            representatives:
              - name: Rep One
                email: rep.one@alpha.example.org
                github: rep-one
            # People told about infrastructure changes and when a hub is ready.
            technical_contacts:
              - name: Tech One
                email: tech.one@alpha.example.org
            # HubSpot deal ids (the number at the end of the deal's address), quoted; a renewal adds its deal.
            deals:
              - "1001"
            configurator: https://2i2c.org/hub-configurator/?state=eyJ0aWVyIjoiRXNzZW50aWFsIn0
            # Anything else the infrastructure team should know; carried into the turnup issues.
            notes: |
              Nothing else.
            transcript: https://docs.example.org/transcript
            sync_chat: true
            # Where the hubs run and who pays; anything left out gets a stated default.
            cloud:
              provider: aws
              region: us-west-2
              account: "2i2c-managed"
              account_name: acct
              billing: "2i2c-pays"
            # One entry per hub (1 to 10). Dates are "YYYY-MM-DD".
            hubs:
              - name: prod
                domain: alpha.hubs.example.org
                status: requested
                cluster: "2i2c"
                requested: "2026-11-02"
                deployed: "2026-11-03"
                url: https://alpha.hubs.example.org
                auth:
                  method: github
                  organizations: [alpha-org]
                  teams: ["alpha-org:team"]
                  institutions: [alpha.edu]
                  admins: [rep-one]
                image: quay.io/x/y:1
                profiles:
                  images: [pangeo, rstudio]
                  any_image: true
                  default_interface: rstudio
                  named_servers: true
                  custom_image_default: false
                  dynamic_image_building: true
                gpu:
                  type: nvidia-t4
                  team: alpha:gpu
                resources: ["r5.xlarge:4"]
                dask: true
                buckets:
                  scratch: true
                  persistent: false
                  requester_pays: true
                scoped_credentials: true
                funded_by: NSF

            """);
    }

    [Fact]
    public void Write_NothingOptional_RequiredListsEmptyAndTheRestLeftOut()
    {
        // Given a draft with nothing but empty required answers, an empty cloud and an empty bucket choice
        var draft = new ManifestDraft { Hubs = [new HubDraft { Buckets = new Buckets(null, null) }] };

        // When
        var text = ManifestWriter.Write(draft);

        // Then
        text.ShouldBe("""
            # yaml-language-server: $schema=../schemas/community.schema.json
            name: ""
            long_name: ""
            # People who may authorise changes for the community (at least one).
            representatives: []
            # HubSpot deal ids (the number at the end of the deal's address), quoted; a renewal adds its deal.
            deals: []
            # One entry per hub (1 to 10). Dates are "YYYY-MM-DD".
            hubs:
              - name: ""
                domain: ""
                status: requested

            """);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("No")]
    [InlineData("on")]
    [InlineData("OFF")]
    [InlineData("y")]
    [InlineData("null")]
    [InlineData("True")]
    public void Write_WordYaml11ReadsAsABooleanOrNull_Quoted(string word)
    {
        // Given text that YAML 1.2 reads as text but a YAML 1.1 reader (PyYAML, many editors) as a boolean or null
        var draft = Full() with { LongName = word };

        // When
        var text = ManifestWriter.Write(draft);

        // Then every reader sees text
        text.ShouldContain($"\nlong_name: \"{word}\"\n");
    }

    [Fact]
    public void Write_MarkdownWithAnEmoji_StaysALiteralBlock()
    {
        // Given Markdown with a character beyond U+FFFF (it used to make the whole answer one double-quoted line)
        var draft = Full() with { Notes = "Field school 🌊 in June.\n\n- bring boots\n" };

        // When
        var text = ManifestWriter.Write(draft);

        // Then
        text.ShouldContain("\nnotes: |\n  Field school 🌊 in June.\n\n  - bring boots\n");
        ReadBack(text).Notes.ShouldBe(draft.Notes);
    }

    [Fact]
    public void Write_LoneSurrogate_ReplacementCharacterInstead()
    {
        // Given text with half a character (no UTF-8 file can hold it)
        var draft = Full() with { LongName = "Alpha \uD800 Community", Notes = "Half \uDC00 a character.\n" };

        // When
        var text = ManifestWriter.Write(draft);

        // Then the file holds U+FFFD where it was, and everything else as given
        ReadBack(text).LongName.ShouldBe("Alpha \uFFFD Community");
        ReadBack(text).Notes.ShouldBe("Half \uFFFD a character.\n");
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

    /// <summary>A draft with every field.</summary>
    private static ManifestDraft Full() => new()
    {
        Name = "alpha",
        LongName = "The Alpha Community",
        Owners = new Owners("@kmensah", "jun"),
        Paused = "Contract under review",
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
        SyncChat = true,
        Cloud = new CloudSettings("aws", "us-west-2", "2i2c-managed", "acct", "2i2c-pays"),
        Hubs =
        [
            new HubDraft
            {
                Name = "prod",
                Domain = "alpha.hubs.example.org",
                Requested = "2026-11-02",
                Deployed = "2026-11-03",
                Url = "https://alpha.hubs.example.org",
                Auth = new HubAuth("github", ["alpha-org"], ["alpha-org:team"], ["alpha.edu"], ["rep-one"]),
                Cluster = "2i2c",
                Image = "quay.io/x/y:1",
                Profiles = new HubProfiles(["pangeo", "rstudio"], AnyImage: true, DefaultInterface: "rstudio", NamedServers: true, CustomImageDefault: false, DynamicImageBuilding: true),
                Gpu = new GpuAccess("nvidia-t4", "alpha:gpu"),
                Resources = ["r5.xlarge:4"],
                Dask = true,
                Buckets = new Buckets(true, false, RequesterPays: true),
                ScopedCredentials = true,
                FundedBy = "NSF",
            },
        ],
    };

    private static Community ReadBack(string text)
    {
        var (root, problems) = YamlReader.Read(new SourceFile("communities/alpha.yaml", Encoding.UTF8.GetBytes(text)));
        problems.Select(p => p.ToString()).ShouldBeEmpty();
        return CommunityBinder.Bind(root!);
    }

    private static ManifestDraft ReadDraft(byte[] bytes) => ManifestDraft.Read(YamlReader.Read(new SourceFile("communities/x.yaml", bytes)).Root!);

    private static ValidationResult ValidateOne(string path, byte[] bytes) => Validate.Bytes(path, bytes);

    private static string Json(Community community) => JsonSerializer.Serialize(community);
}
