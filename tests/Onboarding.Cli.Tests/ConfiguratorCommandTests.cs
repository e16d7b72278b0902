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
        var link = Link("""{"tier":"Advanced","selections":{"Advanced":{"cluster:provider":"GCP","reporting:cost":true,"hub:gpu":"A100"}}}""");

        var exit = cli.Invoke("configurator", link);

        exit.ShouldBe(1);
        cli.Out.ShouldBeEmpty();
        cli.Error.ShouldBe(
            "onboarding configurator: \"GPU\" (hub:gpu) cannot be \"A100\" in the Advanced tier; allowed: \"None\", \"NVIDIA T4\".\n" +
            "onboarding configurator: \"Cloud Cost Reporting (Grafana)\" (reporting:cost) applies only when Cloud Service Provider is AWS, so the configurator link cannot set it; remove it or change that choice.\n");
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
