using Onboarding.Core.FirstValue;
using Onboarding.Core.Services.Prometheus;

namespace Onboarding.Core.Tests.FirstValue;

public sealed class FirstValueCheckTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static readonly FirstValueHub Hub = new("tidepool", "prod", new DateOnly(2026, 11, 2));

    private static UserActivity Seen(string user, int daysAgo, int hour = 9) =>
        new(user, new DateTimeOffset(DateOnly.FromDateTime(Now.UtcDateTime).AddDays(-daysAgo), new TimeOnly(hour, 0), TimeSpan.Zero));

    [Fact]
    public void Evaluate_ExactlyFiveUsers_FirstValueIsTheDayOfTheFifth()
    {
        // Given five users who appeared on five different days
        UserActivity[] users = [Seen("u1", 10), Seen("u2", 9), Seen("u5", 3), Seen("u3", 8), Seen("u4", 6)];

        // When
        var result = FirstValueCheck.Evaluate(Hub, users, [], Now);

        // Then
        result.DistinctUsers.ShouldBe(5);
        result.FirstValueDate.ShouldBe(new DateOnly(2026, 11, 21));
        result.Reached.ShouldBeTrue();
    }

    [Fact]
    public void Evaluate_FourUsers_NotYet()
    {
        // Given
        UserActivity[] users = [Seen("u1", 10), Seen("u2", 9), Seen("u3", 8), Seen("u4", 6), Seen("u4", 2)];

        // When
        var result = FirstValueCheck.Evaluate(Hub, users, [], Now);

        // Then
        result.DistinctUsers.ShouldBe(4);
        result.FirstValueDate.ShouldBeNull();
        result.TimeToFirstValueDays.ShouldBeNull();
        result.Reached.ShouldBeFalse();
    }

    [Fact]
    public void Evaluate_StaffAndTheServiceCheck_AreNotCounted()
    {
        // Given five names, of which one is configured staff (in other case) and one the service check account
        UserActivity[] users = [Seen("u1", 10), Seen("Yuvi", 9), Seen("deployment-service-check", 8), Seen("u2", 6), Seen("u3", 5)];

        // When
        var result = FirstValueCheck.Evaluate(Hub, users, ["yuvi"], Now);

        // Then
        result.DistinctUsers.ShouldBe(3);
        result.Reached.ShouldBeFalse();
        FirstValueCheck.Staff(["yuvi"]).ShouldContain("deployment-service-check");
    }

    [Fact]
    public void Evaluate_UsersOlderThanFourteenDays_AreIgnored()
    {
        // Given five users, one of them last seen 15 days ago
        UserActivity[] users = [Seen("old", 15), Seen("u1", 10), Seen("u2", 9), Seen("u3", 8), Seen("u4", 6)];

        // When
        var result = FirstValueCheck.Evaluate(Hub, users, [], Now);

        // Then
        result.DistinctUsers.ShouldBe(4);
        result.Reached.ShouldBeFalse();
    }

    [Fact]
    public void Evaluate_Reached_TimeToFirstValueCountsDaysFromTheRequest()
    {
        // Given a hub requested on 2 November and its fifth user on 21 November
        UserActivity[] users = [Seen("u1", 10), Seen("u2", 9), Seen("u3", 8), Seen("u4", 6), Seen("u5", 3, hour: 23), Seen("u6", 1)];

        // When
        var result = FirstValueCheck.Evaluate(Hub, users, [], Now);

        // Then
        result.DistinctUsers.ShouldBe(6);
        result.FirstValueDate.ShouldBe(new DateOnly(2026, 11, 21));
        result.TimeToFirstValueDays.ShouldBe(19);
        result.Note.ShouldBeNull();
    }

    [Fact]
    public void Evaluate_NoRequestDate_ReachedWithoutDaysAndSaysWhy()
    {
        // Given
        UserActivity[] users = [Seen("u1", 10), Seen("u2", 9), Seen("u3", 8), Seen("u4", 6), Seen("u5", 3)];

        // When
        var result = FirstValueCheck.Evaluate(Hub with { Requested = null }, users, [], Now);

        // Then
        result.FirstValueDate.ShouldBe(new DateOnly(2026, 11, 21));
        result.TimeToFirstValueDays.ShouldBeNull();
        result.Note.ShouldBe("hubs[prod].requested is not in the manifest, so Time to First Value is unknown.");
    }
}
