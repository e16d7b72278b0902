using Onboarding.Core.Text;

namespace Onboarding.Core.Tests.Text;

public sealed class UnifiedDiffTests
{
    private static readonly string Before = string.Join('\n', Enumerable.Range(1, 20).Select(i => $"line {i}")) + "\n";

    [Fact]
    public void Of_SameLines_Null()
    {
        // Given / When / Then (a line ending is not a change)
        UnifiedDiff.Of(Before, Before.TrimEnd('\n')).ShouldBeNull();
    }

    [Fact]
    public void Of_OneLineChanged_AHunkWithItsContext()
    {
        // Given
        var after = Before.Replace("line 10\n", "line ten\n", StringComparison.Ordinal);

        // When
        var diff = UnifiedDiff.Of(Before, after);

        // Then
        diff.ShouldBe("@@ -8,5 +8,5 @@\n line 8\n line 9\n-line 10\n+line ten\n line 11\n line 12");
        UnifiedDiff.Summary(Before, after).ShouldBe("+1 -1 lines");
    }

    [Fact]
    public void Of_ChangesFarApart_OneHunkEach_AddedAndRemovedLinesCounted()
    {
        // Given a line added after line 2 and line 18 removed
        var after = Before.Replace("line 2\n", "line 2\nline 2.5\n", StringComparison.Ordinal).Replace("line 18\n", "", StringComparison.Ordinal);

        // When
        var diff = UnifiedDiff.Of(Before, after)!.Split('\n');

        // Then
        diff.Where(l => l.StartsWith("@@", StringComparison.Ordinal)).ShouldBe(["@@ -1,4 +1,5 @@", "@@ -16,5 +17,4 @@"]);
        diff.ShouldContain("+line 2.5");
        diff.ShouldContain("-line 18");
    }

    [Fact]
    public void Of_ManyChanges_CutWithACountOfTheRest()
    {
        // Given every line changed
        var after = string.Join('\n', Enumerable.Range(1, 20).Select(i => $"LINE {i}"));

        // When
        var diff = UnifiedDiff.Of(Before, after, maxLines: 10)!.Split('\n');

        // Then
        diff.Length.ShouldBe(10);
        diff[^1].ShouldBe("… 32 more lines");
    }
}
