using Onboarding.Core.Turnup;

namespace Onboarding.Core.Tests.Turnup;

public sealed class TurnupMarkerTests
{
    [Fact]
    public void Turnup_PerClusterAndPerRequest_CommentLinesAndKeys()
    {
        // Given / When
        var cluster = TurnupMarker.Turnup("tidepool", "tidepool", null, ["staging", "prod"], TurnupPhase.Cluster);
        var hubs = TurnupMarker.Turnup("tidepool", "tidepool", "2026-11-02", ["staging", "prod"], TurnupPhase.HubSetup);

        // Then
        cluster.Line.ShouldBe("<!-- onboarding:turnup community=tidepool cluster=tidepool hubs=staging,prod phase=2 -->");
        cluster.Key.ShouldBe("github:issue:tidepool:cluster:tidepool:phase-2");
        hubs.Line.ShouldBe("<!-- onboarding:turnup community=tidepool cluster=tidepool request=2026-11-02 hubs=staging,prod phase=3 -->");
        hubs.Key.ShouldBe("github:issue:tidepool:cluster:tidepool:request:2026-11-02:phase-3");
    }

    [Fact]
    public void Key_ClusterPhases_DoNotDependOnTheHubs()
    {
        // Given a hub added to a cluster whose setup is not done yet
        var before = TurnupMarker.Turnup("tidepool", "tidepool", null, ["prod"], TurnupPhase.CloudAccount);

        // When
        var after = TurnupMarker.Turnup("tidepool", "tidepool", null, ["staging", "prod"], TurnupPhase.CloudAccount);

        // Then it is still the same issue
        after.Key.ShouldBe(before.Key);
        after.Line.ShouldNotBe(before.Line);
    }

    [Theory]
    [InlineData("Tidepool", "tidepool", "prod", "2026-11-02", TurnupPhase.HubSetup)]
    [InlineData("tidepool", "tide pool", "prod", "2026-11-02", TurnupPhase.HubSetup)]
    [InlineData("tidepool", "tidepool", "prod -->", "2026-11-02", TurnupPhase.HubSetup)]
    [InlineData("tidepool", "tidepool", "", "2026-11-02", TurnupPhase.HubSetup)]
    [InlineData("tidepool", "tidepool", "prod", null, TurnupPhase.HubSetup)]
    [InlineData("tidepool", "tidepool", "prod", "soon", TurnupPhase.SyncChat)]
    [InlineData("tidepool", "tidepool", "prod", "2026-11-02", TurnupPhase.CloudAccount)]
    [InlineData("tidepool", "tidepool", "prod", null, TurnupPhase.Decommission)]
    public void Turnup_NotMachineNamesOrTheWrongRequest_Throws(string community, string cluster, string hub, string? request, TurnupPhase phase)
    {
        // Given / When / Then
        Should.Throw<ArgumentException>(() => TurnupMarker.Turnup(community, cluster, request, [hub], phase));
    }

    [Theory]
    [InlineData("<!-- onboarding:turnup community=tidepool cluster=tidepool request=2026-11-02 hubs=staging,prod phase=3 -->\n### Context")]
    [InlineData("<!-- onboarding:turnup community=tidepool cluster=tidepool request=2026-11-02 hubs=staging,prod phase=3 -->\r\nbody")]
    [InlineData("\uFEFF<!-- onboarding:turnup community=tidepool cluster=tidepool request=2026-11-02 hubs=staging,prod phase=3 -->  ")]
    public void Parse_MarkerOnFirstLine_Read(string body)
    {
        // Given / When
        var marker = TurnupMarker.Parse(body);

        // Then
        marker.ShouldNotBeNull();
        (marker.Community, marker.Cluster, marker.Request, marker.Phase, marker.IsLegacy).ShouldBe(("tidepool", "tidepool", "2026-11-02", TurnupPhase.HubSetup, false));
        marker.Hubs.ShouldBe(["staging", "prod"]);
    }

    [Fact]
    public void Parse_MarkerOfAnIssueOpenedOneSetPerHub_ReadAsLegacyWithItsOldKey()
    {
        // Given / When
        var marker = TurnupMarker.Parse("<!-- onboarding:turnup community=tidepool hub=prod phase=1 -->\n**Status: READY**");

        // Then
        marker.ShouldNotBeNull();
        marker.IsLegacy.ShouldBeTrue();
        (marker.Community, marker.Phase).ShouldBe(("tidepool", TurnupPhase.CloudAccount));
        marker.Hubs.ShouldBe(["prod"]);
        marker.Key.ShouldBe("github:issue:tidepool:prod:phase-1");
        marker.Line.ShouldBe("<!-- onboarding:turnup community=tidepool hub=prod phase=1 -->");
    }

    [Fact]
    public void Parse_DecommissionMarker_Read()
    {
        // Given / When
        var marker = TurnupMarker.Parse("<!-- onboarding:decommission community=tidepool cluster=2i2c hub=staging -->\n### Summary");

        // Then
        marker.ShouldNotBeNull();
        (marker.Phase, marker.Cluster, marker.Key).ShouldBe((TurnupPhase.Decommission, "2i2c", "github:issue:tidepool:decommission:staging"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Some issue\n<!-- onboarding:turnup community=tidepool cluster=tidepool hubs=prod phase=1 -->")]
    [InlineData("```\n<!-- onboarding:turnup community=tidepool cluster=tidepool hubs=prod phase=1 -->\n```")]
    [InlineData("<!-- onboarding:turnup community=tidepool cluster=tidepool hubs=prod phase=7 -->")]
    [InlineData("<!-- onboarding:turnup community=Tidepool cluster=tidepool hubs=prod phase=1 -->")]
    [InlineData("<!-- onboarding:turnup community=tidepool cluster=tidepool hubs=prod phase=1 --> extra")]
    [InlineData("<!-- onboarding:turnup community=tidepool cluster=tidepool hubs=prod phase=3 -->")]
    [InlineData("<!-- onboarding:turnup community=tidepool cluster=tidepool request=2026-11-02 hubs=prod phase=1 -->")]
    [InlineData("<!-- onboarding:turnup community=tidepool cluster=tidepool request=2026-11-02 hubs=prod,prod phase=3 -->")]
    [InlineData("<!-- onboarding:turnup community=tidepool cluster=tidepool request=2026-11-02 hubs= phase=3 -->")]
    [InlineData("<!-- onboarding:turnup community=tidepool hub=prod -->")]
    public void Parse_NoMarkerOnFirstLine_Null(string? body)
    {
        // Given / When / Then
        TurnupMarker.Parse(body).ShouldBeNull();
    }

    [Fact]
    public void Parse_WhatTurnupWrites_RoundTrips()
    {
        // Given
        var written = TurnupMarker.Turnup("heliolab", "2i2c-aws-us", IssueMarker.Undated, ["staging-2"], TurnupPhase.SyncChat);

        // When
        var read = TurnupMarker.Parse(written.Line + "\nbody");

        // Then
        read.ShouldNotBeNull();
        read.Line.ShouldBe(written.Line);
        read.Key.ShouldBe(written.Key);
    }
}
