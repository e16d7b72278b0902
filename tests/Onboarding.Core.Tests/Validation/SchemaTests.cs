using System.Text;
using Newtonsoft.Json.Linq;
using Onboarding.Core.Manifests;
using Onboarding.Testing;

namespace Onboarding.Core.Tests.Validation;

public sealed class SchemaTests
{
    private const string File = "communities/alpha.yaml";

    [Fact]
    public void Schema_IsDraft07()
    {
        var schema = JObject.Parse(System.IO.File.ReadAllText(RepositoryFiles.PathOf("schemas/community.schema.json")));

        schema["$schema"]!.Value<string>().ShouldBe("http://json-schema.org/draft-07/schema#");
    }

    [Fact]
    public void Schema_EmbeddedCopy_IsTheRepositoryFile()
    {
        SchemaValidator.ReadEmbeddedSchema().ShouldBe(System.IO.File.ReadAllText(RepositoryFiles.PathOf("schemas/community.schema.json")));
    }

    [Fact]
    public void Schema_EveryPropertyHasDescriptionAndExamples_AndObjectsAreClosed()
    {
        // Given the schema
        var schema = JObject.Parse(System.IO.File.ReadAllText(RepositoryFiles.PathOf("schemas/community.schema.json")));
        var missing = new List<string>();

        // When every property and object is walked
        void Walk(JObject node, string path)
        {
            if (node["$ref"] is null && node["type"]?.ToString() == "object" && node["additionalProperties"]?.Value<bool>() != false)
                missing.Add($"{path}: additionalProperties is not false");
            if (node["properties"] is JObject properties)
            {
                foreach (var (name, value) in properties)
                {
                    var property = Resolve(schema, (JObject)value!);
                    if (property["description"] is null)
                        missing.Add($"{path}.{name}: no description");
                    if (property["examples"] is not JArray { Count: > 0 })
                        missing.Add($"{path}.{name}: no examples");
                    Walk(property, $"{path}.{name}");
                }
            }

            if (node["items"] is JObject items)
                Walk(Resolve(schema, items), path + "[]");
        }

        Walk(schema, "$");

        // Then nothing is missing
        missing.ShouldBeEmpty();
    }

    /// <summary>Identifiers (emails, handles, hub names and domains, admins) refuse bidi controls and zero-width
    /// characters outright: shown inert they would still name someone or something other than they seem to.</summary>
    [Theory]
    [InlineData("email: rep.one@alpha.example.org", "email: \"rep.one\u200B@alpha.example.org\"", "representatives[0].email")]
    [InlineData("email: rep.one@alpha.example.org", "email: \"rep.one@alpha\u202Egro.example.org\"", "representatives[0].email")]
    [InlineData("email: rep.one@alpha.example.org", "email: rep.one@alpha.example.org\n    github: \"rep\u200Done\"", "representatives[0].github")]
    [InlineData("  - name: prod", "  - name: \"pr\u200Bod\"", "hubs[0].name")]
    [InlineData("domain: alpha.hubs.example.org", "domain: \"alpha.hubs\u2066.example.org\"", "hubs[0].domain")]
    [InlineData("admins: [rep-one]", "admins: [\"rep-one\u202E\"]", "hubs[0].auth.admins[0]")]
    [InlineData("admins: [rep-one]", "admins: [\"rep\u200Bone\"]", "hubs[0].auth.admins[0]")]
    [InlineData("admins: [rep-one]", "admins: [\"rep-one\uFEFF\"]", "hubs[0].auth.admins[0]")]
    [InlineData("admins: [rep-one]", "admins: [\"<script>x</script>\"]", "hubs[0].auth.admins[0]")]
    [InlineData("organizations: [alpha-org]", "organizations: [\"alpha\u200B-org\"]", "hubs[0].auth.organizations[0]")]
    public void Validate_InvisibleCharacterInIdentifier_RefusedWithItsField(string find, string replace, string field)
    {
        // Given an identifier with an invisible or reordering character (written as a YAML escape)
        var text = ManifestText.Valid().Replace(find, replace, StringComparison.Ordinal);
        text.ShouldNotBe(ManifestText.Valid());

        // When
        var result = Validate.Files((File, text));

        // Then it is refused, with the field named
        result.Problems.ShouldContain(p => p.Severity == Severity.Error && p.Field == field, string.Join("\n", result.Problems));
    }

    [Fact]
    public void Validate_InvisibleCharacterInFreeText_Accepted()
    {
        // Given free text (names, long name, context) with bidi and zero-width characters: refused nowhere (they are cleaned where they land)
        var text = ManifestText.Valid()
            .Replace("long_name: The alpha community", "long_name: \"The \u202Ealpha\u200B community\"", StringComparison.Ordinal)
            .Replace("  - name: Rep One", "  - name: \"Rep \u2066One\"", StringComparison.Ordinal);

        // When
        var result = Validate.Files((File, text));

        // Then
        result.Problems.Where(p => p.Severity == Severity.Error).ShouldBeEmpty();
    }

    [Fact]
    public void Validate_MissingRequiredField_LocatedAtItsParent()
    {
        var text = ManifestText.Valid().Replace("long_name: The alpha community\n", "", StringComparison.Ordinal);

        var result = Validate.Files((File, text));

        result.Errors().ShouldBe([$"{File}:2:1: error: long_name: \"long_name\" is missing. The community's full formal name, as shown on public web pages. For example: Tidepool Coastal Observatory Consortium"]);
    }

    [Fact]
    public void Validate_Typo_SuggestsTheField()
    {
        var text = ManifestText.Valid().Replace("website:", "websit:", StringComparison.Ordinal);

        var result = Validate.Files((File, text));

        result.Errors().ShouldBe([$"{File}:4:1: error: websit: \"websit\" is not a field here (did you mean \"website\"?). Check the spelling, or remove it."]);
    }

    [Fact]
    public void Validate_NestedWrongEnum_ListsAllowedValues()
    {
        var text = ManifestText.Valid().Replace("status: requested", "status: live", StringComparison.Ordinal);

        var result = Validate.Files((File, text));

        result.Errors().ShouldBe([$"{File}:15:13: error: hubs[0].status: This must be one of: requested, deployed, decommissioned."]);
    }

    [Fact]
    public void Validate_WrongType_SaysWhatKindOfValue()
    {
        var text = ManifestText.Valid().Replace("deals: [\"1001\"]", "deals: \"1001\"", StringComparison.Ordinal);

        var result = Validate.Files((File, text));

        result.Errors().Single().ShouldStartWith($"{File}:11:8: error: deals: This should be a list (lines starting with \"- \").");
    }

    [Fact]
    public void Validate_PatternMismatch_ExplainsWithDescriptionAndExample()
    {
        var text = ManifestText.Valid().Replace("domain: alpha.hubs.example.org", "domain: Alpha Hub", StringComparison.Ordinal);

        var result = Validate.Files((File, text));

        result.Errors().ShouldBe([$"{File}:14:13: error: hubs[0].domain: This value is not in the expected form. The hub's domain name. Unique across all communities. For example: staging.tidepool.hubs.example.org"]);
    }

    [Fact]
    public void Validate_BadEmail_OneSentence()
    {
        var text = ManifestText.Valid().Replace("email: rep.one@alpha.example.org", "email: rep.one at alpha", StringComparison.Ordinal);

        var result = Validate.Files((File, text));

        result.Errors().ShouldBe([$"{File}:7:12: error: representatives[0].email: This is not a valid email address (it should look like name@example.org)."]);
    }

    [Fact]
    public void Validate_NoRepresentatives_NeedsAtLeastOne()
    {
        var text = ManifestText.Valid().Replace("representatives:\n  - name: Rep One\n    email: rep.one@alpha.example.org\n", "representatives: []\n", StringComparison.Ordinal);

        var result = Validate.Files((File, text));

        result.Errors().Single().ShouldStartWith($"{File}:5:18: error: representatives: This list needs at least 1 entry.");
    }

    [Fact]
    public void Validate_YesIsNotABoolean_InYaml12()
    {
        var text = ManifestText.Valid().Replace("resources: [\"r5.xlarge:4\"]", "resources: [\"r5.xlarge:4\"]\n    dask: yes", StringComparison.Ordinal);

        var result = Validate.Files((File, text));

        result.Errors().Single().ShouldStartWith($"{File}:22:11: error: hubs[0].dask: This should be true or false.");
    }

    [Fact]
    public void Validate_EveryProblemOfAFile_NotTheFirst()
    {
        var text = ManifestText.Valid()
            .Replace("website: https://alpha.example.org", "website: alpha", StringComparison.Ordinal)
            .Replace("status: requested", "status: live", StringComparison.Ordinal)
            .Replace("email: tech.one@alpha.example.org", "email: nope", StringComparison.Ordinal);

        var result = Validate.Files((File, text));

        result.Problems.Select(p => p.Field).ShouldBe(["website", "technical_contacts[0].email", "hubs[0].status"]);
    }

    private static JObject Resolve(JObject root, JObject node)
    {
        while (node["$ref"]?.Value<string>() is { } reference)
            node = (JObject)root.SelectToken(reference.TrimStart('#').TrimStart('/').Replace('/', '.'))!;
        return node;
    }

    [Fact]
    public void YamlJson_PlainScalars_FollowYaml12CoreSchema()
    {
        var (root, _) = YamlReader.Read(new SourceFile("x.yaml", Encoding.UTF8.GetBytes("a: yes\nb: true\nc: 012\nd: '12'\ne: ~\nf: 1.5\ng: 12345678901234567890\nh: 123456789012345678901234\n")));

        var json = (JObject)YamlJson.ToJson(root!);

        json["a"]!.Type.ShouldBe(JTokenType.String);
        json["b"]!.Type.ShouldBe(JTokenType.Boolean);
        json["c"]!.Type.ShouldBe(JTokenType.Integer);
        json["d"]!.Type.ShouldBe(JTokenType.String);
        json["e"]!.Type.ShouldBe(JTokenType.Null);
        json["f"]!.Type.ShouldBe(JTokenType.Float);
        json["g"]!.Type.ShouldBe(JTokenType.Integer);
        json["h"]!.Type.ShouldBe(JTokenType.Float);
    }

    [Theory]
    [InlineData("long_name: 99999999999999999999999", "long_name")]
    [InlineData("long_name: 9999999999999999999999999999999999999999", "long_name")]
    public void Validate_NumberBeyond64Bits_IsATypeErrorNotACrash(string line, string field)
    {
        var text = ManifestText.Valid().Replace("long_name: The alpha community", line, StringComparison.Ordinal);

        var result = Validate.Files((File, text));

        result.Problems.ShouldHaveSingleItem().Field.ShouldBe(field);
        result.Problems[0].Message.ShouldStartWith("This should be text.");
    }

    [Fact]
    public void Validate_LineBreakInAFieldName_StaysOneLine()
    {
        var text = ManifestText.Valid() + "\"a\\nb\": 1\n";

        var line = Validate.Files((File, text)).Lines().Single();

        line.ShouldNotContain("\n");
        line.ShouldContain("a\\nb");
    }
}
