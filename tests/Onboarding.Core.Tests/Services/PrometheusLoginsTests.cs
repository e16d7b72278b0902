using Onboarding.Core.Services.Prometheus;

namespace Onboarding.Core.Tests.Services;

public sealed class PrometheusLoginsTests
{
    private static readonly Dictionary<string, string> Shared = new(StringComparer.Ordinal)
    {
        ["PROMETHEUS_USERNAME"] = "org",
        ["PROMETHEUS_PASSWORD"] = "org-password",
    };

    [Fact]
    public void For_OwnLoginSet_UsesItEvenWhereTheSharedOneIsAllowed()
    {
        // Given tidepool's own login, and tidepool listed for the shared one
        var variables = new Dictionary<string, string>(Shared) { ["PROMETHEUS_TIDEPOOL_USERNAME"] = "tide", ["PROMETHEUS_TIDEPOOL_PASSWORD"] = "tide-password" };

        // When
        var choice = PrometheusLogins.FromVariables(variables.GetValueOrDefault, ["tidepool"]).For("tidepool");

        // Then
        choice.Login.ShouldBe(new PrometheusLogin("tide", "tide-password"));
        choice.Source.ShouldBe("PROMETHEUS_TIDEPOOL_USERNAME and PROMETHEUS_TIDEPOOL_PASSWORD");
        choice.Gap.ShouldBeNull();
    }

    [Fact]
    public void For_ListedForTheSharedLogin_UsesTheSharedLogin()
    {
        // When
        var choice = PrometheusLogins.FromVariables(Shared.GetValueOrDefault, ["riverbend"]).For("riverbend");

        // Then
        choice.Login.ShouldBe(new PrometheusLogin("org", "org-password"));
        choice.Source.ShouldBe("PROMETHEUS_USERNAME and PROMETHEUS_PASSWORD");
    }

    [Fact]
    public void For_NotListedAndNoLoginOfItsOwn_GetsNoLoginAndASentenceNamingWhatToSet()
    {
        // When another community is listed, and the shared login is set
        var choice = PrometheusLogins.FromVariables(Shared.GetValueOrDefault, ["riverbend"]).For("heliolab");

        // Then
        choice.Login.ShouldBeNull();
        choice.Gap.ShouldNotBeNull().IsMistake.ShouldBeFalse();
        choice.Gap.Reason.ShouldStartWith("heliolab's Prometheus was not asked: no login is meant for it. Set PROMETHEUS_HELIOLAB_USERNAME and PROMETHEUS_HELIOLAB_PASSWORD");
    }

    [Fact]
    public void For_ListedButTheSharedLoginNotSet_GetsNoLoginAndSaysWhichToSet()
    {
        // When
        var choice = PrometheusLogins.FromVariables(_ => null, ["riverbend"]).For("riverbend");

        // Then
        choice.Login.ShouldBeNull();
        choice.Gap.ShouldNotBeNull().Reason.ShouldBe("riverbend's Prometheus was not asked: prometheus_shared_login lists it, but PROMETHEUS_USERNAME and PROMETHEUS_PASSWORD are not set; set them, or PROMETHEUS_RIVERBEND_USERNAME and PROMETHEUS_RIVERBEND_PASSWORD for its own login.");
    }

    [Theory]
    [InlineData("PROMETHEUS_TIDEPOOL_USERNAME", "PROMETHEUS_TIDEPOOL_PASSWORD")]
    [InlineData("PROMETHEUS_TIDEPOOL_PASSWORD", "PROMETHEUS_TIDEPOOL_USERNAME")]
    public void For_HalfItsOwnLogin_IsAMistakeNamingTheMissingHalfAndFallsBackToNothing(string set, string missing)
    {
        // Given half of tidepool's own login, and tidepool listed for the shared one
        var variables = new Dictionary<string, string>(Shared) { [set] = "half" };

        // When
        var choice = PrometheusLogins.FromVariables(variables.GetValueOrDefault, ["tidepool"]).For("tidepool");

        // Then the shared login is not sent instead
        choice.Login.ShouldBeNull();
        var gap = choice.Gap.ShouldNotBeNull();
        gap.IsMistake.ShouldBeTrue();
        gap.Reason.ShouldBe($"tidepool's Prometheus was not asked: {set} is set but {missing} is not, and the proxy in front of it takes both; set {missing}, or unset {set}.");
    }

    [Theory]
    [InlineData("tidepool", "PROMETHEUS_TIDEPOOL_USERNAME", "PROMETHEUS_TIDEPOOL_PASSWORD")]
    [InlineData("river-bend", "PROMETHEUS_RIVER_BEND_USERNAME", "PROMETHEUS_RIVER_BEND_PASSWORD")]
    public void Variables_CommunityName_UpperCasedWithHyphensAsUnderscores(string community, string username, string password)
    {
        // When / Then
        PrometheusLogins.UsernameVariable(community).ShouldBe(username);
        PrometheusLogins.PasswordVariable(community).ShouldBe(password);
        PrometheusLogins.IsCommunityVariable(username).ShouldBeTrue();
        PrometheusLogins.IsCommunityVariable(password).ShouldBeTrue();
    }

    [Theory]
    [InlineData("PROMETHEUS_USERNAME")]
    [InlineData("PROMETHEUS_PASSWORD")]
    [InlineData("PROMETHEUS__USERNAME_X")]
    [InlineData("HUBSPOT_TOKEN")]
    public void IsCommunityVariable_OtherNames_False(string name) =>
        PrometheusLogins.IsCommunityVariable(name).ShouldBeFalse();

    [Fact]
    public void ToString_Login_ShowsNeitherHalf() =>
        new PrometheusLogin("user-canary", "password-canary").ToString().ShouldNotContain("canary");
}
