using System.Text;
using Onboarding.Cli.Infrastructure;

namespace Onboarding.Cli.Tests;

/// <summary>A file system in a dictionary: tests put manifests in and read back what a command wrote.</summary>
public sealed class InMemoryFileSystem : IFileSystem
{
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    public InMemoryFileSystem Add(string path, string text) => Add(path, Encoding.UTF8.GetBytes(text));

    public InMemoryFileSystem Add(string path, byte[] bytes)
    {
        _files[path] = bytes;
        return this;
    }

    public string Text(string path) => _files.TryGetValue(path, out var bytes) ? Encoding.UTF8.GetString(bytes) : "";

    public bool FileExists(string path) => _files.ContainsKey(path);

    public bool DirectoryExists(string path) => _files.Keys.Any(f => f.StartsWith(path.TrimEnd('/') + "/", StringComparison.Ordinal));

    public IReadOnlyList<string> ListFiles(string directory)
    {
        var prefix = directory.TrimEnd('/') + "/";
        return [.. _files.Keys.Where(f => f.StartsWith(prefix, StringComparison.Ordinal) && !f[prefix.Length..].Contains('/')).Order(StringComparer.Ordinal)];
    }

    /// <summary>Holds no links (LinkedFilesTests uses real ones on disk); paths that leave the repository are refused.</summary>
    public string? NotInRepository(string path) =>
        path.StartsWith('/') || path.StartsWith("../", StringComparison.Ordinal) ? "it lies outside the repository" : null;

    public (byte[] Head, long Length) ReadHead(string path, int maxBytes)
    {
        var bytes = _files[path];
        return (bytes.Length <= maxBytes ? bytes : bytes[..maxBytes], bytes.LongLength);
    }

    public void AppendAllText(string path, string text) => _files[path] = [.. _files.GetValueOrDefault(path) ?? [], .. Encoding.UTF8.GetBytes(text)];

    public void WriteAllText(string path, string text) => _files[path] = Encoding.UTF8.GetBytes(text);
}

public sealed class FakeEnvironment : IEnvironment
{
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);

    public FakeEnvironment Set(string name, string value)
    {
        _variables[name] = value;
        return this;
    }

    public string? Get(string name) => _variables.GetValueOrDefault(name);

    public IEnumerable<string> Names => _variables.Keys;
}
