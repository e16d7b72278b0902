namespace Onboarding.Core.Manifests;

/// <summary>The bytes of one manifest as read from disk (or from git), and its real length.</summary>
/// <param name="Path">As the user gave it, with forward slashes; used in every message.</param>
/// <param name="Content">At most <see cref="YamlReader.MaxBytes"/> + 1 bytes: readers need not load a huge file whole.</param>
/// <param name="Length">The file's full length in bytes.</param>
public sealed record SourceFile(string Path, byte[] Content, long Length)
{
    public SourceFile(string path, byte[] content)
        : this(path, content, content.LongLength)
    {
    }

    public string FileName => Path[(Path.LastIndexOf('/') + 1)..];
}
