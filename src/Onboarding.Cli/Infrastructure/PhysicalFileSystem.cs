using Onboarding.Core.Abstractions;

namespace Onboarding.Cli.Infrastructure;

internal sealed class PhysicalFileSystem : IFileSystem
{
    public bool FileExists(string path) => File.Exists(path);

    public bool DirectoryExists(string path) => Directory.Exists(path);

    public IReadOnlyList<string> ListFiles(string directory) =>
        [.. Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal)];

    public (byte[] Head, long Length) ReadHead(string path, int maxBytes)
    {
        using var stream = File.OpenRead(path);
        var length = stream.Length;
        var buffer = new byte[(int)Math.Min(length, maxBytes)];
        stream.ReadExactly(buffer);
        return (buffer, length);
    }

    public void AppendAllText(string path, string text) => File.AppendAllText(path, text);

    public void WriteAllText(string path, string text) => File.WriteAllText(path, text);
}

internal sealed class ProcessEnvironment : IEnvironment
{
    public string? Get(string name) => Environment.GetEnvironmentVariable(name);
}
