using Onboarding.Core.Turnup;

namespace Onboarding.Core.Tests.Turnup;

public sealed class TurnupMarkerTests
{
    [Fact]
    public void For_Names_CommentLine()
    {
        // Given / When
        var marker = TurnupMarker.For("tidepool", "prod", 1);

        // Then
        marker.ShouldBe("<!-- onboarding:turnup community=tidepool hub=prod phase=1 -->");
    }

    [Theory]
    [InlineData("Tidepool", "prod", 1)]
    [InlineData("tide pool", "prod", 1)]
    [InlineData("tidepool", "prod -->", 1)]
    [InlineData("tidepool", "", 1)]
    [InlineData("tidepool", "prod", 4)]
    [InlineData("tidepool", "prod", -1)]
    public void For_NotMachineNameOrPhase_Throws(string community, string hub, int phase)
    {
        // Given / When / Then
        Should.Throw<ArgumentException>(() => TurnupMarker.For(community, hub, phase));
    }

    [Theory]
    [InlineData("<!-- onboarding:turnup community=tidepool hub=prod phase=3 -->\n**Status: READY**")]
    [InlineData("<!-- onboarding:turnup community=tidepool hub=prod phase=3 -->\r\nbody")]
    [InlineData("\uFEFF<!-- onboarding:turnup community=tidepool hub=prod phase=3 -->  ")]
    public void TryParse_MarkerOnFirstLine_Read(string body)
    {
        // Given / When
        var found = TurnupMarker.TryParse(body, out var community, out var hub, out var phase);

        // Then
        found.ShouldBeTrue();
        (community, hub, phase).ShouldBe(("tidepool", "prod", 3));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Some issue\n<!-- onboarding:turnup community=tidepool hub=prod phase=3 -->")]
    [InlineData("```\n<!-- onboarding:turnup community=tidepool hub=prod phase=3 -->\n```")]
    [InlineData("<!-- onboarding:turnup community=tidepool hub=prod phase=7 -->")]
    [InlineData("<!-- onboarding:turnup community=Tidepool hub=prod phase=1 -->")]
    [InlineData("<!-- onboarding:turnup community=tidepool hub=prod phase=1 --> extra")]
    [InlineData("<!-- onboarding:turnup community=tidepool hub=prod -->")]
    public void TryParse_NoMarkerOnFirstLine_False(string? body)
    {
        // Given / When
        var found = TurnupMarker.TryParse(body, out var community, out var hub, out var phase);

        // Then
        found.ShouldBeFalse();
        (community, hub, phase).ShouldBe(("", "", -1));
    }

    [Fact]
    public void TryParse_WhatForWrites_RoundTrips()
    {
        // Given
        var marker = TurnupMarker.For("heliolab", "staging-2", 0);

        // When
        var found = TurnupMarker.TryParse(marker + "\nbody", out var community, out var hub, out var phase);

        // Then
        found.ShouldBeTrue();
        (community, hub, phase).ShouldBe(("heliolab", "staging-2", 0));
    }
}
