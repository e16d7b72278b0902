using Onboarding.Core.Turnup;

namespace Onboarding.Core.Tests.Turnup;

public sealed class DeployerCommandsTests
{
    [Theory]
    [InlineData("r5.xlarge:4", "r5.xlarge:4")]
    [InlineData("Tidepool Consortium", "'Tidepool Consortium'")]
    [InlineData("it's; rm -rf /", "'it'\\''s; rm -rf /'")]
    [InlineData("$(id)\n`id`\u2028x", "'$(id) `id` x'")]
    [InlineData("", "''")]
    public void Quoted_AnyValue_ReadBackByAShellAsOneArgument(string value, string quoted)
    {
        // Given / When / Then
        DeployerCommands.Quoted(value).ShouldBe(quoted);
    }

    [Fact]
    public void Comment_TextWithLineBreaks_OneLineThatRunsNothing()
    {
        // Given / When
        var comment = DeployerCommands.Comment("pays: x\nrm -rf /\u2029" + new string('a', 400));

        // Then
        comment.ShouldStartWith("# pays: x rm -rf / aaa");
        comment.ShouldNotContain('\n');
        comment.Length.ShouldBeLessThan(310);
    }

    [Fact]
    public void HubCommonValues_ValuesNotKnown_LeftOutSoTheDeployerAsks()
    {
        // Given a hub on a shared cluster of unknown provider, without a logo or funder's address
        var command = DeployerCommands.HubCommonValues(null, "2i2c", "github", null, "https://tidepool.example.org", "NSF", null, ["anaruiz"]);

        // Then
        command.ShouldBe("deployer generate hub-asset common-values-file --cluster-name=2i2c --authenticator=github --url=https://tidepool.example.org --funded-by-name=NSF --admin-users=anaruiz");
    }

    [Fact]
    public void DedicatedCluster_Gcp_ProjectIdForTheAccount()
    {
        // Given / When / Then
        DeployerCommands.DedicatedCluster("gcp", "heliolab", "us-central1", "heliolab-hub")
            .ShouldBe("deployer generate dedicated-cluster gcp --cluster-name=heliolab --cluster-region=us-central1 --project-id=heliolab-hub");
    }
}
