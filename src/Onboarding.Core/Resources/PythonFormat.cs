using System.Globalization;
using System.Numerics;
using System.Text;

namespace Onboarding.Core.Resources;

/// <summary>
/// Numbers printed exactly as the infrastructure team's Python tool prints them, so that the generated choices match
/// theirs byte for byte.
/// </summary>
internal static class PythonFormat
{
    /// <summary>Python's <c>f"{value:.{decimals}f}"</c>: rounds the exact binary value, ties to even.</summary>
    /// <remarks>.NET rounds exact ties away from zero (2.5 gives "3", Python gives "2"), and Math.Round with digits
    /// multiplies first, which misjudges values like 0.15 that are just below a tie; so this works on the exact value.</remarks>
    public static string Fixed(double value, int decimals)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, "Only finite numbers can be formatted.");
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);

        var bits = BitConverter.DoubleToInt64Bits(value);
        var negative = bits < 0;
        var exponent = (int)((bits >> 52) & 0x7FF);
        var fraction = bits & 0xF_FFFF_FFFF_FFFFL;
        if (exponent == 0)
            exponent = 1;
        else
            fraction |= 1L << 52;
        exponent -= 1075;

        // value = fraction * 2^exponent, so value * 10^decimals = fraction * 10^decimals * 2^exponent.
        var scaled = new BigInteger(fraction) * BigInteger.Pow(10, decimals);
        BigInteger rounded;
        if (exponent >= 0)
        {
            rounded = scaled << exponent;
        }
        else
        {
            var denominator = BigInteger.One << -exponent;
            rounded = BigInteger.DivRem(scaled, denominator, out var remainder);
            var twice = remainder * 2;
            if (twice > denominator || (twice == denominator && !rounded.IsEven))
                rounded += 1;
        }

        var digits = rounded.ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        var text = decimals == 0 ? digits : digits[..^decimals] + "." + digits[^decimals..];
        return negative ? "-" + text : text;
    }

    /// <summary>Python's <c>repr(float)</c>: the shortest text that reads back to the same number.</summary>
    /// <remarks>.NET's round-trip format finds the same digits but lays them out differently: "1E-05" for 1e-05,
    /// "4" for 4.0, and exponent notation from 1E+15 where Python waits until 1e+16.</remarks>
    public static string Repr(double value)
    {
        if (double.IsNaN(value))
            return "nan";
        if (double.IsInfinity(value))
            return value > 0 ? "inf" : "-inf";

        var roundTrip = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = roundTrip.StartsWith('-');
        if (negative)
            roundTrip = roundTrip[1..];

        var e = roundTrip.IndexOfAny(['E', 'e']);
        var mantissa = e < 0 ? roundTrip : roundTrip[..e];
        var power = e < 0 ? 0 : int.Parse(roundTrip[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerDigits = dot < 0 ? mantissa.Length : dot;
        var allDigits = mantissa.Replace(".", "", StringComparison.Ordinal);

        // Normalise to 0.DIGITS x 10^point with DIGITS free of leading and trailing zeros.
        var leadingZeros = allDigits.Length - allDigits.TrimStart('0').Length;
        var digits = allDigits.Trim('0');
        var point = integerDigits + power - leadingZeros;
        if (digits.Length == 0)
            return (negative ? "-" : "") + "0.0";

        var text = new StringBuilder();
        if (negative)
            text.Append('-');
        var scientific = point - 1;
        if (scientific < -4 || scientific >= 16)
        {
            text.Append(digits[0]);
            if (digits.Length > 1)
                text.Append('.').Append(digits, 1, digits.Length - 1);
            text.Append('e').Append(scientific < 0 ? '-' : '+').Append(Math.Abs(scientific).ToString("D2", CultureInfo.InvariantCulture));
        }
        else if (point <= 0)
        {
            text.Append("0.").Append('0', -point).Append(digits);
        }
        else if (point >= digits.Length)
        {
            text.Append(digits).Append('0', point - digits.Length).Append(".0");
        }
        else
        {
            text.Append(digits, 0, point).Append('.').Append(digits, point, digits.Length - point);
        }

        return text.ToString();
    }
}
