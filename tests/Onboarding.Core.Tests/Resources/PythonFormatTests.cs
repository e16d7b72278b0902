using Onboarding.Core.Resources;

namespace Onboarding.Core.Tests.Resources;

public sealed class PythonFormatTests
{
    // Expected texts are what Python 3 prints for format(x, ".Nf"): the exact binary value, ties to even.
    [Theory]
    [InlineData(2.5, 0, "2")]
    [InlineData(3.5, 0, "4")]
    [InlineData(0.5, 0, "0")]
    [InlineData(1.5, 0, "2")]
    [InlineData(930.5, 0, "930")]
    [InlineData(0.25, 1, "0.2")]
    [InlineData(0.75, 1, "0.8")]
    [InlineData(1.25, 1, "1.2")]
    [InlineData(0.15, 1, "0.1")]
    [InlineData(0.35, 1, "0.3")]
    [InlineData(1.05, 1, "1.1")]
    [InlineData(2.675, 2, "2.67")]
    [InlineData(3.6505, 0, "4")]
    [InlineData(29.07829, 0, "29")]
    public void Fixed_TiesAndNearTies_RoundLikePython(double value, int decimals, string expected)
    {
        // When
        var text = PythonFormat.Fixed(value, decimals);

        // Then
        text.ShouldBe(expected);
    }

    // Expected texts are Python 3's repr(x).
    [Theory]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(4.0, "4.0")]
    [InlineData(3.6505, "3.6505")]
    [InlineData(3.3810000000000002, "3.3810000000000002")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(1.5e-7, "1.5e-07")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1e22, "1e+22")]
    [InlineData(12345678901234567.0, "1.2345678901234568e+16")]
    [InlineData(123.456, "123.456")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(5e-324, "5e-324")]
    public void Repr_Doubles_PrintLikePython(double value, string expected)
    {
        // When
        var text = PythonFormat.Repr(value);

        // Then
        text.ShouldBe(expected);
    }
}
