using System.Text;
using System.Text.Json;

namespace Onboarding.Cli.Tests;

public sealed class ConfiguratorCommandTests
{
    private static readonly string Tidepool = Link("""{"tier":"Advanced","selections":{"Advanced":{"cluster:provider":"AWS","cluster:billing":"2i2c-pays","signin:auth":"GitHub - Community","hub:dask":"Enabled","obj:persistent":true}}}""");

    [Fact]
    public void Configurator_ValidLink_PrintsAlignedTable()
    {
        // Given
        var cli = new CliRun();

        // When
        var exit = cli.Invoke("configurator", Tidepool);

        // Then
        exit.ShouldBe(0);
        var lines = cli.Out.Split('\n');
        lines[0].ShouldBe("Tier: Advanced (catalog 2025.08.25); 5 chosen in the link, 20 defaults.");
        lines[1].ShouldBeEmpty();
        lines[2].ShouldStartWith("Group                   Item                                  Id                           Value ");
        lines[2].ShouldEndWith("  From");
        lines[3].ShouldStartWith("Cluster                 Cloud Service Provider                cluster:provider             AWS ");
        lines[3].ShouldEndWith("  link");
        lines[4].ShouldEndWith("  default");
        lines.ShouldContain(l => l.StartsWith("User Environment        2i2c Supported Software Environments  environment:imagelist        Scientific Python / JupyterLab (jupyter/scipy-notebook); R / RStudio (rocker/binder); Pangeo", StringComparison.Ordinal));
        lines.Length.ShouldBe(3 + 25 + 1);
        var from = lines[2].IndexOf("From", StringComparison.Ordinal);
        lines[3..28].Select(l => l.Substring(from)).Distinct().Order(StringComparer.Ordinal).ShouldBe(["default", "link"]);
    }

    [Fact]
    public void Configurator_JsonOutput_MachineForm()
    {
        var cli = new CliRun();

        var exit = cli.Invoke("configurator", Tidepool, "--output", "json");

        exit.ShouldBe(0);
        using var json = JsonDocument.Parse(cli.Out);
        var root = json.RootElement;
        root.GetProperty("valid").GetBoolean().ShouldBeTrue();
        root.GetProperty("tier").GetString().ShouldBe("Advanced");
        root.GetProperty("catalog").GetString().ShouldBe("2025.08.25");
        var items = root.GetProperty("selections").EnumerateArray().ToList();
        items.Count.ShouldBe(25);
        items[0].GetRawText().ShouldBe("""
            {
              "id": "cluster:provider",
              "group": "Cluster",
              "label": "Cloud Service Provider",
              "kind": "select",
              "value": "AWS",
              "valueLabel": "AWS",
              "default": false
            }
            """.Replace("\n", "\n    ", StringComparison.Ordinal));
        var bucket = items.Single(i => i.GetProperty("id").GetString() == "obj:persistent");
        bucket.GetProperty("value").ValueKind.ShouldBe(JsonValueKind.True);
    }

    [Fact]
    public void Configurator_InvalidLink_SentencesOnStderrExitOne()
    {
        var cli = new CliRun();
        var link = Link("""{"tier":"Advanced","selections":{"Advanced":{"cluster:provider":"GCP","reporting:cost":true,"hub:gpu":"A100","x:y":1}}}""");

        var exit = cli.Invoke("configurator", link);

        exit.ShouldBe(1);
        cli.Out.ShouldBeEmpty();
        cli.Error.ShouldBe(
            "onboarding configurator: warning: The configurator link selects \"x:y\", which the Hub Configurator catalog (2025.08.25) does not have; it is ignored.\n" +
            "onboarding configurator: \"GPU\" (hub:gpu) cannot be \"A100\" in the Advanced tier; allowed: \"None\", \"NVIDIA T4\".\n");
    }

    [Fact]
    public void Configurator_ItemWhoseRequirementFails_NotedBelowTheTableExitZero()
    {
        var cli = new CliRun();
        var link = Link("""{"tier":"Advanced","selections":{"Advanced":{"cluster:provider":"GCP","reporting:cost":true,"cluster:csp":"GCP"}}}""");

        var exit = cli.Invoke("configurator", link);

        exit.ShouldBe(0);
        cli.Error.ShouldBe("onboarding configurator: warning: The configurator link selects \"cluster:csp\", the older name of \"Cloud Service Provider\" (cluster:provider); the Hub Configurator catalog (2025.08.25) no longer has it, so its value is ignored.\n");
        var lines = cli.Out.TrimEnd('\n').Split('\n');
        lines[0].ShouldBe("Tier: Advanced (catalog 2025.08.25); 1 chosen in the link, 23 defaults.");
        lines[^2].ShouldBeEmpty();
        lines[^1].ShouldBe("Note: \"Cloud Cost Reporting (Grafana)\" (reporting:cost) does not count: it applies only when Cloud Service Provider is AWS.");
    }

    [Fact]
    public void Configurator_JsonOutput_ReadableTextWarningsAndNotes()
    {
        var cli = new CliRun();
        var link = Link("""{"tier":"Premier","selections":{"Premier":{"cluster:provider":"GCP","hub:count":"Up to 10 hubs — or more","x:y":true}},"catalog":"https://example.org/catalog_20990101.json"}""");

        var exit = cli.Invoke("configurator", link, "--output", "json");

        exit.ShouldBe(0);
        cli.Out.ShouldNotContain("\\u00");
        cli.Out.ShouldNotContain("\\u20");
        cli.Out.ShouldContain("\"valueLabel\": \"Up to 10 hubs — or more\"");
        cli.Out.ShouldContain("\"The configurator link selects \\\"x:y\\\", which the Hub Configurator catalog (2025.08.25) does not have; it is ignored.\"");
        using var json = JsonDocument.Parse(cli.Out);
        var root = json.RootElement;
        root.GetProperty("linkCatalog").GetProperty("address").GetString().ShouldBe("https://example.org/catalog_20990101.json");
        root.GetProperty("linkCatalog").GetProperty("known").GetBoolean().ShouldBeFalse();
        root.GetProperty("warnings").GetArrayLength().ShouldBe(2);
        root.GetProperty("notes").EnumerateArray().Select(n => n.GetString()).ShouldBe(
        [
            "\"Number of hubs configured\" (hub:count) reads \"Up to 10 hubs — or more\" in the configurator link, not the catalog's \"Up to 10 hubs\" for the Premier tier; it is shown as the link gives it.",
            "\"Cloud Cost Reporting (Grafana)\" (reporting:cost) does not count: it applies only when Cloud Service Provider is AWS.",
        ]);
    }

    [Fact]
    public void Configurator_InvalidLinkJson_ErrorsInJsonExitOne()
    {
        var cli = new CliRun();

        var exit = cli.Invoke("configurator", "https://2i2c.org/hub-configurator/", "-o", "json");

        exit.ShouldBe(1);
        using var json = JsonDocument.Parse(cli.Out);
        json.RootElement.GetProperty("valid").GetBoolean().ShouldBeFalse();
        json.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()).ShouldBe(
            ["The configurator link has no state=...; copy the share link from the Hub Configurator page after making the choices."]);
    }

    [Fact]
    public void Configurator_NoUrl_UsageError()
    {
        var cli = new CliRun();

        var exit = cli.Invoke("configurator");

        exit.ShouldBe(2);
    }

    private static string Link(string json) =>
        "https://2i2c.org/hub-configurator/?state=" + Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
