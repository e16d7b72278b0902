using Onboarding.Core.Configurator;

namespace Onboarding.Core.Tests.Configurator;

public sealed class ConditionTests
{
    private const string Items = """
        {"id":"a:choice","group":"G","label":"Choice","perTier":{"Essential":{"kind":"select","options":[{"value":"X","label":"Ex"},{"value":"Y"},{"value":""}],"default":"X"}}},
        {"id":"a:flag","group":"G","label":"Flag","perTier":{"Essential":{"kind":"flag","available":true}}},
        {"id":"a:off","group":"G","label":"Off","perTier":{"Essential":{"kind":"flag","available":false}}},
        {"id":"a:size","group":"G","label":"Size","perTier":{"Essential":{"kind":"select","options":["1","5","10"],"default":"5"}}},
        """;

    [Theory]
    [InlineData("""{"id":"a:flag","op":"truthy"}""", "", true)]
    [InlineData("""{"id":"a:off","op":"truthy"}""", "", false)]
    [InlineData("""{"id":"a:choice","op":"truthy"}""", "", true)]
    [InlineData("""{"id":"a:choice","op":"truthy"}""", "\"a:choice\":\"\"", false)]
    [InlineData("""{"id":"nope","op":"truthy"}""", "", false)]
    [InlineData("""{"id":"a:off","op":"falsy"}""", "", true)]
    [InlineData("""{"id":"a:flag","op":"falsy"}""", "", false)]
    [InlineData("""{"id":"nope","op":"falsy"}""", "", true)]
    [InlineData("""{"id":"a:choice","op":"eq","value":"X"}""", "", true)]
    [InlineData("""{"id":"a:choice","op":"eq","value":"X"}""", "\"a:choice\":\"Y\"", false)]
    [InlineData("""{"id":"a:choice","value":"Y"}""", "\"a:choice\":\"Y\"", true)]
    [InlineData("""{"id":"a:flag","op":"eq","value":true}""", "", true)]
    [InlineData("""{"id":"a:size","op":"eq","value":5}""", "", true)]
    [InlineData("""{"id":"a:choice","op":"neq","value":"X"}""", "", false)]
    [InlineData("""{"id":"a:choice","op":"neq","value":"X"}""", "\"a:choice\":\"Y\"", true)]
    [InlineData("""{"id":"a:choice","op":"in","value":["X","Y"]}""", "\"a:choice\":\"Y\"", true)]
    [InlineData("""{"id":"a:choice","op":"in","value":["Y"]}""", "", false)]
    [InlineData("""{"id":"nope","op":"in","value":["X"]}""", "", false)]
    [InlineData("""{"id":"a:choice","op":"nin","value":["Y"]}""", "", true)]
    [InlineData("""{"id":"a:choice","op":"nin","value":["X"]}""", "", false)]
    [InlineData("""{"id":"a:size","op":"gt","value":4}""", "", true)]
    [InlineData("""{"id":"a:size","op":"gt","value":5}""", "", false)]
    [InlineData("""{"id":"a:size","op":"gte","value":5}""", "", true)]
    [InlineData("""{"id":"a:size","op":"gte","value":"10"}""", "", false)]
    [InlineData("""{"id":"a:size","op":"lt","value":"10"}""", "\"a:size\":\"1\"", true)]
    [InlineData("""{"id":"a:size","op":"lt","value":1}""", "\"a:size\":\"1\"", false)]
    [InlineData("""{"id":"a:size","op":"lte","value":5}""", "", true)]
    [InlineData("""{"id":"a:size","op":"lte","value":4}""", "", false)]
    [InlineData("""{"id":"a:choice","op":"gt","value":0}""", "", false)]
    [InlineData("""{"id":"a:flag","op":"gte","value":1}""", "", true)]
    [InlineData("""{"allOf":[{"id":"a:flag","op":"truthy"},{"id":"a:choice","op":"eq","value":"X"}]}""", "", true)]
    [InlineData("""{"allOf":[{"id":"a:flag","op":"truthy"},{"id":"a:off","op":"truthy"}]}""", "", false)]
    [InlineData("""{"anyOf":[{"id":"a:flag","op":"falsy"},{"id":"a:choice","op":"eq","value":"X"}]}""", "", true)]
    [InlineData("""{"anyOf":[{"id":"a:flag","op":"falsy"},{"id":"a:off","op":"truthy"}]}""", "", false)]
    [InlineData("""{"not":{"id":"a:off","op":"truthy"}}""", "", true)]
    [InlineData("""{"not":{"id":"a:flag","op":"truthy"}}""", "", false)]
    [InlineData("""{"allOf":[{"anyOf":[{"id":"a:off","op":"truthy"},{"id":"a:size","op":"gt","value":1}]},{"not":{"id":"a:choice","op":"in","value":["Y"]}}]}""", "", true)]
    public void Read_Requirement_ItemCountsOnlyWhenItHolds(string requires, string selections, bool counts)
    {
        // Given an item that depends on the others
        var catalog = CatalogWith(requires);

        // When
        var result = HubConfigurator.Read(Links.Tier("Essential", selections), catalog);

        // Then
        result.Errors.ShouldBeEmpty();
        (result.Selections!.Find("dep") is not null).ShouldBe(counts);
    }

    [Fact]
    public void Read_ValueForItemWhoseRequirementFails_NotCountedNoteDescribesIt()
    {
        // Given
        var catalog = CatalogWith("""{"allOf":[{"id":"a:flag","op":"truthy"},{"anyOf":[{"id":"a:choice","op":"in","value":["Y","Z"]},{"not":{"id":"a:size","op":"lte","value":5}}]}]}""");

        // When
        var result = HubConfigurator.Read(Links.Tier("Essential", "\"dep\":true"), catalog);

        // Then
        result.Errors.ShouldBeEmpty();
        result.Selections!.Find("dep").ShouldBeNull();
        result.Notes.ShouldBe(["\"Dependent\" (dep) does not count: it applies only when Flag is chosen and (Choice is one of Y, Z or not (Size is at most 5))."]);
    }

    [Fact]
    public void Read_OptionWithRequirement_NotCountedWhenItFails()
    {
        // Given an option that needs the flag off
        var catalog = Catalog.Parse("""
            {"name":"t","version":"t1","items":[
            """ + Items + """
            {"id":"opt","group":"G","label":"Picky","perTier":{"Essential":{"kind":"select","default":"plain","options":[
              {"value":"plain"},{"value":"fancy","requires":{"id":"a:flag","op":"falsy"}}]}}},
            ]}
            """);

        // When
        var result = HubConfigurator.Read(Links.Tier("Essential", "\"opt\":\"fancy\""), catalog);

        // Then
        result.Errors.ShouldBeEmpty();
        result.Selections!.Find("opt").ShouldBeNull();
        result.Notes.ShouldBe(["\"Picky\" (opt) does not count: \"fancy\" applies only when Flag is not chosen."]);
    }

    [Fact]
    public void Read_ItemMissingFromTier_RefusedWhenGiven()
    {
        // Given an item only in Premier
        var catalog = Catalog.Parse("""{"items":[{"id":"p","label":"Premier only","perTier":{"Premier":{"kind":"flag","available":true}}}]}""");

        // When
        var result = HubConfigurator.Read(Links.Tier("Essential", "\"p\":true"), catalog);

        // Then
        result.Errors.ShouldBe(["\"Premier only\" (p) is not offered in the Essential tier, but the configurator link gives it a value."]);
    }

    [Theory]
    [InlineData("""{"id":"a:flag","op":"like"}""", "unknown op \"like\"")]
    [InlineData("""{"id":"a:flag","op":"in","value":"X"}""", "without a list of values")]
    [InlineData("""{"allOf":{"id":"a:flag"}}""", "without a list")]
    [InlineData("""["a:flag"]""", "not a condition")]
    public void Parse_BadRequirement_Refused(string requires, string message)
    {
        // When
        var error = Should.Throw<InvalidDataException>(() => CatalogWith(requires));

        // Then
        error.Message.ShouldContain(message);
    }

    private static Catalog CatalogWith(string requires) => Catalog.Parse("""
        {"name":"test","version":"t1","items":[
        """ + Items + """
        {"id":"dep","group":"G","label":"Dependent","perTier":{"Essential":{"kind":"flag","available":true,"requires":
        """ + requires + "}}},\n]}");
}
