using System.Text;
using Onboarding.Core.Configurator;
using Onboarding.Testing;

namespace Onboarding.Core.Tests.Configurator;

public sealed class HubConfiguratorTests
{
    [Fact]
    public void Embedded_CatalogWithTrailingCommas_Loads()
    {
        // When
        var catalog = Catalog.Embedded;

        // Then
        catalog.Version.ShouldBe("2025.08.25");
        File.Exists(RepositoryFiles.PathOf($"src/Onboarding.Core/Reference/{catalog.FileName}")).ShouldBeTrue();
        catalog.Items.Count.ShouldBe(25);
        catalog.Items.ShouldAllBe(i => Catalog.Tiers.All(t => i.PerTier.ContainsKey(t)));
        catalog.Find("reporting:cost")!.PerTier["Advanced"].Requires.ShouldBe(
            new Compare("cluster:provider", ConditionOp.In, null), new RequiresComparer());
    }

    [Fact]
    public void Read_TidepoolLink_AdvancedAwsWithDask()
    {
        // Given the link in communities/tidepool.yaml
        var link = ExampleLink("tidepool");

        // When
        var result = HubConfigurator.Read(link);

        // Then
        result.Errors.ShouldBeEmpty();
        var selections = result.Selections!;
        selections.Tier.ShouldBe("Advanced");
        selections.Items.Count.ShouldBe(25);
        selections.Items.Where(i => !i.IsDefault).Select(i => (i.Id, i.Value)).ShouldBe(
        [
            ("cluster:provider", "AWS"),
            ("cluster:billing", "2i2c-pays"),
            ("signin:auth", "GitHub - Community"),
            ("hub:dask", "Enabled"),
            ("obj:persistent", "true"),
        ]);
        selections.Find("signin:auth")!.ValueLabel.ShouldBe("GitHub (community-managed organization)");
        selections.Find("reporting:cost")!.ShouldBe(new ConfiguratorSelection(
            "reporting:cost", "Reporting", "Cloud Cost Reporting (Grafana)", ItemKind.Flag, "true", "Included", IsDefault: true));
    }

    [Fact]
    public void Read_HeliolabLink_PremierGcpWithoutCostReporting()
    {
        // Given the link in communities/heliolab.yaml
        var link = ExampleLink("heliolab");

        // When
        var selections = HubConfigurator.Read(link).Selections!;

        // Then
        selections.Tier.ShouldBe("Premier");
        selections.Find("cluster:provider")!.Value.ShouldBe("GCP");
        selections.Find("hub:gpu")!.ShouldBe(new ConfiguratorSelection("hub:gpu", "JupyterHub", "GPU", ItemKind.Select, "NVIDIA T4", "Available (NVIDIA T4)", IsDefault: false));
        selections.Find("cluster:account")!.Value.ShouldBe("community-managed");
        selections.Find("reporting:cost").ShouldBeNull();
        selections.Items.Count.ShouldBe(24);
    }

    [Fact]
    public void Read_TierOnly_EveryItemTakesItsDefault()
    {
        // Given the schema's example: {"tier":"Essential"}
        var link = "https://2i2c.org/hub-configurator/?state=eyJ0aWVyIjoiRXNzZW50aWFsIn0";

        // When
        var selections = HubConfigurator.Read(link).Selections!;

        // Then
        selections.Tier.ShouldBe("Essential");
        selections.Items.ShouldAllBe(i => i.IsDefault);
        selections.Items.Select(i => i.Id).ShouldBe(Catalog.Embedded.Items.Select(i => i.Id));
        selections.Find("cluster:provider")!.ShouldBe(new ConfiguratorSelection("cluster:provider", "Cluster", "Cloud Service Provider", ItemKind.Single, "AWS", "AWS", true));
        selections.Find("signin:auth")!.Value.ShouldBe("CILogon - Institutional");
        selections.Find("hub:dask")!.ShouldBe(new ConfiguratorSelection("hub:dask", "JupyterHub", "Dask Gateway", ItemKind.Flag, "false", "Not included", true));
        selections.Find("hub:gpu")!.Value.ShouldBe("None");
        selections.Find("hub:count")!.Value.ShouldBe("1 hub only");
    }

    [Fact]
    public void Read_OtherTiersSelections_Ignored()
    {
        // Given junk under a tier that is not active
        var link = Links.Of("""{"tier":"Advanced","selections":{"Premier":{"nonsense":42,"hub:gpu":"H100"},"Advanced":{"hub:dask":"Enabled"}}}""");

        // When
        var result = HubConfigurator.Read(link);

        // Then
        result.IsValid.ShouldBeTrue();
        result.Selections!.Find("hub:dask")!.Value.ShouldBe("Enabled");
    }

    [Fact]
    public void Read_CatalogUrlAndPaddingAndPercentEncoding_Accepted()
    {
        // Given a state with a catalog link, padded and percent-encoded as some mail clients do
        var json = """{"tier":"Premier","selections":{"Premier":{}},"catalog":"https://example.org/catalog.json"}""";
        var padded = Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).Replace('+', '-').Replace('/', '_');
        var link = "https://2i2c.org/hub-configurator/?json=true&state=" + Uri.EscapeDataString(padded) + "#top";

        // When
        var result = HubConfigurator.Read(link);

        // Then
        result.Errors.ShouldBeEmpty();
        result.Selections!.Tier.ShouldBe("Premier");
    }

    [Fact]
    public void Read_CostReportingOnGcp_DoesNotCountAndIsNoted()
    {
        // Given reporting:cost requires provider in [AWS], left out of one link and given in the other (as the page does)
        var absent = Links.Tier("Advanced", """ "cluster:provider":"GCP" """);
        var given = Links.Tier("Advanced", """ "cluster:provider":"GCP","reporting:cost":true """);

        // When
        var withoutIt = HubConfigurator.Read(absent);
        var withIt = HubConfigurator.Read(given);

        // Then
        foreach (var result in new[] { withoutIt, withIt })
        {
            result.Errors.ShouldBeEmpty();
            result.Selections!.Find("reporting:cost").ShouldBeNull();
            result.Notes.ShouldBe(["\"Cloud Cost Reporting (Grafana)\" (reporting:cost) does not count: it applies only when Cloud Service Provider is AWS."]);
        }
    }

    [Fact]
    public void Read_UnknownIds_IgnoredWithWarnings()
    {
        // Given a link from before cluster:csp was renamed cluster:provider, and an id no catalog had
        var link = Links.Tier("Advanced", """ "cluster:csp":"AWS (2i2c-managed)","x:y":1,"hub:dask":"Enabled" """);

        // When
        var result = HubConfigurator.Read(link);

        // Then
        result.IsValid.ShouldBeTrue();
        result.Warnings.ShouldBe(
        [
            "The configurator link selects \"cluster:csp\", the older name of \"Cloud Service Provider\" (cluster:provider); the Hub Configurator catalog (2025.08.25) no longer has it, so its value is ignored.",
            "The configurator link selects \"x:y\", which the Hub Configurator catalog (2025.08.25) does not have; it is ignored.",
        ]);
        result.Selections!.Find("cluster:provider")!.ShouldBe(new ConfiguratorSelection("cluster:provider", "Cluster", "Cloud Service Provider", ItemKind.Select, "AWS", "AWS", IsDefault: true));
        result.Selections.Find("hub:dask")!.Value.ShouldBe("Enabled");
    }

    [Fact]
    public void Read_SingleWithOtherText_ShownAsGivenWithNote()
    {
        // Given a fixed text that differs from the catalog's (the catalog changed after the link was made), with a hidden character
        var link = Links.Tier("Essential", """ "hub:count":"Up to 10 hubs\u202E" """);

        // When
        var result = HubConfigurator.Read(link);

        // Then
        result.IsValid.ShouldBeTrue();
        result.Selections!.Find("hub:count")!.ShouldBe(new ConfiguratorSelection("hub:count", "JupyterHub", "Number of hubs configured", ItemKind.Single, "Up to 10 hubs", "Up to 10 hubs", IsDefault: false));
        result.Notes.ShouldBe(["\"Number of hubs configured\" (hub:count) reads \"Up to 10 hubs\" in the configurator link, not the catalog's \"1 hub only\" for the Essential tier; it is shown as the link gives it."]);
    }

    [Fact]
    public void Read_NullValue_TakesTheDefault()
    {
        // Given null, which the page writes for an item that has nothing in a tier
        var link = Links.Tier("Advanced", """ "hub:gpu":null,"hub:dask":null """);

        // When
        var result = HubConfigurator.Read(link);

        // Then
        result.IsValid.ShouldBeTrue();
        result.Selections!.Find("hub:gpu")!.ShouldBe(new ConfiguratorSelection("hub:gpu", "JupyterHub", "GPU", ItemKind.Select, "None", "None", IsDefault: true));
        result.Selections.Find("hub:dask")!.IsDefault.ShouldBeTrue();
    }

    [Theory]
    [InlineData("https://2i2c.github.io/hub-configurator/catalogs/catalog_20250825.json", true)]
    [InlineData("catalogs/catalog_20250825.json", true)]
    [InlineData("https://example.org/catalogs/catalog_20260101.json?x=1", false)]
    public void Read_LinkNamingItsCatalog_SaysWhichAndWhetherKnown(string address, bool known)
    {
        // Given a link made on the page opened with ?catalog=
        var link = Links.Of("{\"tier\":\"Advanced\",\"selections\":{\"Advanced\":{}},\"catalog\":\"" + address + "\"}");

        // When
        var result = HubConfigurator.Read(link);

        // Then
        result.IsValid.ShouldBeTrue();
        result.Selections!.MadeWith.ShouldBe(new LinkCatalog(address, known));
        if (known)
        {
            result.Warnings.ShouldBeEmpty();
            result.Notes.ShouldBe([$"The configurator link was made with the catalog at {address}, which is the Hub Configurator catalog 2025.08.25 (catalog_20250825.json), the one the program reads."]);
        }
        else
        {
            result.Warnings.ShouldBe([$"The configurator link was made with the catalog at {address}, which the program does not know; its selections were read against the Hub Configurator catalog 2025.08.25 (catalog_20250825.json)."]);
        }
    }

    [Fact]
    public void Read_LinkWithoutCatalog_MadeWithNothing()
    {
        // When
        var result = HubConfigurator.Read(Links.Tier("Premier"));

        // Then
        result.Selections!.MadeWith.ShouldBeNull();
        result.Warnings.ShouldBeEmpty();
    }

    public static TheoryData<string, string> TiersAndProviders()
    {
        var data = new TheoryData<string, string>();
        foreach (var tier in Catalog.Tiers)
        {
            var rule = Catalog.Embedded.Find("cluster:provider")!.PerTier[tier];
            foreach (var provider in rule.Kind == ItemKind.Single ? [rule.Text!] : rule.Options.Select(o => o.Value))
                data.Add(tier, provider);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TiersAndProviders))]
    public void Read_LinkAsThePageBuildsIt_DecodesForEveryTierAndProvider(string tier, string provider)
    {
        // Given every item of every tier written, defaults included, as the page writes its links
        var link = Links.AsThePageBuilds(Catalog.Embedded, tier, new Dictionary<string, object> { ["cluster:provider"] = provider });

        // When
        var result = HubConfigurator.Read(link);

        // Then every item of the tier is either counted or noted as not counting, and nothing is an error
        result.Errors.ShouldBeEmpty();
        result.Warnings.ShouldBeEmpty();
        var selections = result.Selections!;
        selections.Tier.ShouldBe(tier);
        selections.Find("cluster:provider")!.Value.ShouldBe(provider);
        var noted = Catalog.Embedded.Items.Where(i => selections.Find(i.Id) is null).ToList();
        result.Notes.Count.ShouldBe(noted.Count);
        noted.ShouldAllBe(i => result.Notes.Any(n => n.Contains($"({i.Id}) does not count", StringComparison.Ordinal)));
        (selections.Find("reporting:cost") is not null).ShouldBe(provider == "AWS");
    }

    [Fact]
    public void Read_EveryOptionOfEverySelect_Decodes()
    {
        // Given the page's links with each option of each select chosen in turn, in every tier
        foreach (var tier in Catalog.Tiers)
        {
            foreach (var item in Catalog.Embedded.Items.Where(i => i.PerTier[tier].Kind == ItemKind.Select))
            {
                foreach (var option in item.PerTier[tier].Options)
                {
                    // When
                    var result = HubConfigurator.Read(Links.AsThePageBuilds(Catalog.Embedded, tier, new Dictionary<string, object> { [item.Id] = option.Value }));

                    // Then
                    result.Errors.ShouldBeEmpty($"{tier} {item.Id} = {option.Value}");
                    if (result.Selections!.Find(item.Id) is { } selection)
                        selection.Value.ShouldBe(option.Value);
                    else
                        result.Notes.ShouldContain(n => n.Contains($"({item.Id}) does not count", StringComparison.Ordinal));
                }
            }
        }
    }

    [Fact]
    public void Read_CostReportingOnAws_Counts()
    {
        // When
        var result = HubConfigurator.Read(Links.Tier("Premier", """ "cluster:provider":"AWS","reporting:cost":true """));

        // Then
        result.Selections!.Find("reporting:cost")!.IsDefault.ShouldBeFalse();
    }

    [Theory]
    [InlineData("Premier", "\"hub:gpu\":\"NVIDIA A100\"", "\"GPU\" (hub:gpu) cannot be \"NVIDIA A100\" in the Premier tier; allowed: \"None\", \"NVIDIA T4\".")]
    [InlineData("Advanced", "\"cluster:provider\":\"Azure\"", "\"Cloud Service Provider\" (cluster:provider) cannot be \"Azure\" in the Advanced tier; allowed: \"AWS\", \"GCP\".")]
    [InlineData("Advanced", "\"hub:dask\":true", "\"Dask Gateway\" (hub:dask) cannot be true in the Advanced tier; allowed: \"Disabled\", \"Enabled\".")]
    [InlineData("Essential", "\"obj:persistent\":true", "\"Persistent bucket\" (obj:persistent) cannot be true in the Essential tier; allowed: false (it is not included in this tier).")]
    [InlineData("Essential", "\"hub:count\":3", "\"Number of hubs configured\" (hub:count) cannot be 3 in the Essential tier; allowed: \"1 hub only\" (fixed for this tier).")]
    [InlineData("Essential", "\"obj:scratch\":\"yes\"", "\"Scratch Bucket\" (obj:scratch) cannot be \"yes\" in the Essential tier; allowed: true (it is included in this tier).")]
    [InlineData("Advanced", "\"hub:gpu\":[\"None\"]", "\"GPU\" (hub:gpu) cannot be a list in the Advanced tier; allowed: \"None\", \"NVIDIA T4\".")]
    [InlineData("Advanced", "\"hub:gpu\":12", "\"GPU\" (hub:gpu) cannot be 12 in the Advanced tier; allowed: \"None\", \"NVIDIA T4\".")]
    public void Read_ValueNotAllowed_NamesItemValueAndAllowed(string tier, string selection, string error)
    {
        // When
        var result = HubConfigurator.Read(Links.Tier(tier, selection));

        // Then
        result.IsValid.ShouldBeFalse();
        result.Selections.ShouldBeNull();
        result.Errors.ShouldBe([error]);
    }

    [Fact]
    public void Read_SeveralProblems_AllReported()
    {
        // When
        var result = HubConfigurator.Read(Links.Tier("Advanced", """ "x:y":1,"hub:gpu":"A100","cluster:provider":"Moon" """));

        // Then
        result.Errors.Count.ShouldBe(2);
        result.Errors[0].ShouldContain("(cluster:provider)");
        result.Errors[1].ShouldContain("(hub:gpu)");
        result.Warnings.ShouldHaveSingleItem().ShouldContain("\"x:y\"");
    }

    [Fact]
    public void Read_HostileValue_ShownShortOnOneLine()
    {
        // Given a value with a line break and a workflow command, far longer than any option
        var value = "x\\n::error::injected" + new string('a', 500);

        // When
        var error = HubConfigurator.Read(Links.Tier("Advanced", $"\"hub:gpu\":\"{value}\"")).Errors.Single();

        // Then
        error.ShouldNotContain("\n");
        error.ShouldStartWith("\"GPU\" (hub:gpu) cannot be \"x?::error::injected");
        error.Length.ShouldBeLessThan(160);
    }

    [Theory]
    [InlineData("https://2i2c.org/hub-configurator/", "The configurator link has no state=...; copy the share link from the Hub Configurator page after making the choices.")]
    [InlineData("https://2i2c.org/hub-configurator/?state=", "The configurator link has no state=...; copy the share link from the Hub Configurator page after making the choices.")]
    [InlineData("not a link", "\"not a link\" is not a link; paste the whole share link from the Hub Configurator (https://...?state=...).")]
    [InlineData("ftp://2i2c.org/?state=e30", "\"ftp://2i2c.org/?state=e30\" is not a link; paste the whole share link from the Hub Configurator (https://...?state=...).")]
    [InlineData("https://2i2c.org/?state=eyJ0a+WVyIjoi", "The configurator link is damaged: its state has \"+\" at position 6, which base64url text never has. Copy the link again.")]
    [InlineData("https://2i2c.org/?state=eyJ0a%2FWVyIjoi", "The configurator link is damaged: its state has \"/\" at position 6, which base64url text never has. Copy the link again.")]
    [InlineData("https://2i2c.org/?state=eyJ0a", "The configurator link is damaged: its state is cut off or padded wrongly. Copy the whole link again.")]
    [InlineData("https://2i2c.org/?state=e30===", "The configurator link is damaged: its state is cut off or padded wrongly. Copy the whole link again.")]
    public void Read_UndecodableLink_Refused(string link, string error)
    {
        // When
        var result = HubConfigurator.Read(link);

        // Then
        result.Errors.ShouldBe([error]);
    }

    [Theory]
    [InlineData("{\"tier\":\"Advanced\",", "The configurator link is damaged: its state is not valid JSON. Copy the link again from the configurator page.")]
    [InlineData("[\"Advanced\"]", "The configurator link is damaged: its state is not a configuration (it should hold a tier and selections).")]
    [InlineData("\"Advanced\"", "The configurator link is damaged: its state is not a configuration (it should hold a tier and selections).")]
    [InlineData("{\"selections\":{}}", "The configurator link names no tier; it should be one of Essential, Advanced, Premier.")]
    [InlineData("{\"tier\":3}", "The configurator link names no tier; it should be one of Essential, Advanced, Premier.")]
    [InlineData("{\"tier\":\"Gold\"}", "The configurator link's tier \"Gold\" is not one of Essential, Advanced, Premier.")]
    [InlineData("{\"tier\":\"advanced\"}", "The configurator link's tier \"advanced\" is not one of Essential, Advanced, Premier.")]
    [InlineData("{\"tier\":\"Advanced\",\"selections\":[]}", "The configurator link is damaged: its selections are not a list of items and values.")]
    [InlineData("{\"tier\":\"Advanced\",\"selections\":{\"Advanced\":\"all\"}}", "The configurator link is damaged: its Advanced selections are not a list of items and values.")]
    [InlineData("{\"tier\":\"Advanced\",\"catalog\":{}}", "The configurator link is damaged: its catalog is not a link.")]
    [InlineData("{\"tier\":\"Advanced\",\"tier\":\"Premier\"}", "The configurator link is damaged: its state is not valid JSON. Copy the link again from the configurator page.")]
    [InlineData("{\"tier\":\"Advanced\"} trailing", "The configurator link is damaged: its state is not valid JSON. Copy the link again from the configurator page.")]
    public void Read_StateNotAConfiguration_Refused(string json, string error)
    {
        // When
        var result = HubConfigurator.Read(Links.Of(json));

        // Then
        result.Errors.ShouldBe([error]);
    }

    [Fact]
    public void Read_NotUtf8_Refused()
    {
        // Given bytes that are not UTF-8 text
        var link = Links.Page + Links.Encode([0x7B, 0xFF, 0xFE, 0x7D]);

        // When
        var result = HubConfigurator.Read(link);

        // Then
        result.Errors.ShouldBe(["The configurator link is damaged: its state does not decode to text. Copy the whole link again."]);
    }

    [Fact]
    public void Read_DeepJson_RefusedWithoutRecursing()
    {
        // Given a state nested 10,000 levels deep
        var json = "{\"tier\":\"Advanced\",\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}";

        // When
        var result = HubConfigurator.Read(Links.Of(json));

        // Then
        result.Errors.ShouldBe(["The configurator link is damaged: its state is nested deeper than a configuration ever is."]);
    }

    [Fact]
    public void Read_BracketsInsideText_NotTakenForNesting()
    {
        // Given a value made of brackets and an escaped quote
        var value = "\\\"" + new string('[', 20);

        // When
        var error = HubConfigurator.Read(Links.Tier("Advanced", $"\"hub:gpu\":\"{value}\"")).Errors.Single();

        // Then
        error.ShouldStartWith("\"GPU\" (hub:gpu) cannot be \"\"[[[");
    }

    [Fact]
    public void Read_HugeState_RefusedBeforeDecoding()
    {
        // Given a state that decodes to more than 64 KiB
        var json = "{\"tier\":\"Advanced\",\"pad\":\"" + new string('a', HubConfigurator.MaxStateBytes) + "\"}";

        // When
        var result = HubConfigurator.Read(Links.Of(json));

        // Then
        result.Errors.Single().ShouldStartWith("The configurator link's state is too large (");
    }

    [Fact]
    public void Read_EnormousLink_RefusedUnread()
    {
        // When
        var result = HubConfigurator.Read(Links.Page + new string('A', 10_000_000));

        // Then
        result.Errors.ShouldBe(["The configurator link is too long (10000041 characters); a real one is a few thousand at most."]);
    }

    [Fact]
    public void Read_JustUnderTheCap_Accepted()
    {
        // Given a state of nearly 64 KiB: an unknown-to-us key outside the selections is ignored
        var filler = HubConfigurator.MaxStateBytes - 100;
        var json = "{\"tier\":\"Advanced\",\"pad\":\"" + new string('a', filler) + "\"}";

        // When
        var result = HubConfigurator.Read(Links.Of(json));

        // Then
        result.IsValid.ShouldBeTrue();
    }

    private static string ExampleLink(string community)
    {
        var line = File.ReadAllLines(RepositoryFiles.PathOf($"communities/{community}.yaml"))
            .Single(l => l.StartsWith("configurator: ", StringComparison.Ordinal));
        return line["configurator: ".Length..].Trim();
    }

    // Conditions hold JSON values, which compare by reference; this compares what they say.
    private sealed class RequiresComparer : IEqualityComparer<Condition?>
    {
        public bool Equals(Condition? x, Condition? y) =>
            x is Compare a && y is Compare b && a.Id == b.Id && a.Op == b.Op;

        public int GetHashCode(Condition? obj) => 0;
    }
}
