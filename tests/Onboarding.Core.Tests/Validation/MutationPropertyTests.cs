using System.Text;
using Onboarding.Core.Manifests;
using Onboarding.Core.Validation;
using Onboarding.Testing;

namespace Onboarding.Core.Tests.Validation;

/// <summary>Random mutations of valid manifests: whatever the bytes, validation answers with located sentences.</summary>
public sealed class MutationPropertyTests
{
    /// <summary>
    /// Fixed seeds, so CI sees the same 1000 inputs on every run and a failure reproduces from its seed; more inputs are
    /// explored by changing the range.
    /// </summary>
    private static readonly IEnumerable<int> Seeds = Enumerable.Range(0, 1000);

    private static readonly string[] Tokens =
    [
        ":", ": ", "- ", "-", "&a ", "*a", "!!str ", "!x ", "[", "]", "{", "}", "\"", "'", "\t", "\n", "\r\n", "#", "---\n", "...\n",
        "|", ">", "? ", ",", "%YAML 1.2\n", "<script>", "@team", "\u202E", "\u200B", "é", "💥", "~", "null", "true", "0x1F", "  ", "    ",
    ];

    [Fact]
    public void Validate_MutatedManifests_NoExceptionAndEveryProblemLocated()
    {
        // Given valid manifests of several shapes, mutated at random (seeded, so a failure reproduces)
        string[] bases = [ManifestText.Valid(), ManifestText.Generated(3), ManifestText.Generated(4)];
        var validator = new ManifestValidator();

        foreach (var seed in Seeds)
        {
            var random = new Random(seed);
            var bytes = Mutate(Encoding.UTF8.GetBytes(bases[random.Next(bases.Length)]), random);
            var file = new SourceFile("communities/alpha.yaml", bytes);

            // When
            var result = validator.Validate([file], Validate.Today);

            // Then
            var lines = YamlReader.LineCount(System.Text.Encoding.UTF8.GetString(bytes));
            foreach (var problem in result.Problems)
            {
                problem.Location.Line.ShouldBeInRange(1, lines, problem.ToString());
                problem.Location.Column.ShouldBeGreaterThanOrEqualTo(1, problem.ToString());
                problem.Message.ShouldNotBeNullOrWhiteSpace();
                problem.Message.ShouldNotContain("Exception", Case.Sensitive, problem.ToString());
                problem.Message.ShouldNotContain("   at ", Case.Sensitive, problem.ToString());
            }
        }
    }

    internal static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = original.ToList();
        var count = 1 + random.Next(4);
        for (var i = 0; i < count && bytes.Count > 0; i++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(20)));
                    break;
                case 1:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(Tokens[random.Next(Tokens.Length)]));
                    break;
                case 2:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                case 3:
                    var line = LineAt(bytes, at);
                    bytes.InsertRange(at, line);
                    break;
                case 4:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 5:
                    bytes[at] = (byte)"abcxyz019:-_ \n.@"[random.Next(16)];
                    break;
                default:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(new string('[', 1 + random.Next(40))));
                    break;
            }
        }

        return [.. bytes];
    }

    private static List<byte> LineAt(List<byte> bytes, int at)
    {
        var start = bytes.LastIndexOf((byte)'\n', at) + 1;
        var end = bytes.IndexOf((byte)'\n', at);
        end = end < 0 ? bytes.Count : end + 1;
        return bytes.GetRange(start, end - start);
    }
}
