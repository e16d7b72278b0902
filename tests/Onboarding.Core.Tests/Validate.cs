using System.Text;
using Onboarding.Core.Manifests;
using Onboarding.Core.Validation;

namespace Onboarding.Core.Tests;

/// <summary>Runs the validator over in-memory files, as the CLI does over real ones.</summary>
internal static class Validate
{
    public static readonly DateOnly Today = new(2026, 11, 24);

    public static ValidationResult Files(params (string Path, string Text)[] files) =>
        new ManifestValidator().Validate([.. files.Select(f => new SourceFile(f.Path, Encoding.UTF8.GetBytes(f.Text)))], Today);

    public static ValidationResult Bytes(string path, byte[] bytes) =>
        new ManifestValidator().Validate([new SourceFile(path, bytes)], Today);

    public static IReadOnlyList<string> Lines(this ValidationResult result) => [.. result.Problems.Select(p => p.ToString())];

    public static IReadOnlyList<string> Errors(this ValidationResult result) =>
        [.. result.Problems.Where(p => p.Severity == Severity.Error).Select(p => p.ToString())];
}
