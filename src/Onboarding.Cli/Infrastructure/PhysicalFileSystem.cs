namespace Onboarding.Cli.Infrastructure;

/// <summary>The real file system; relative paths are taken from <paramref name="root"/> (the working directory).</summary>
public sealed class PhysicalFileSystem(string root) : IFileSystem
{
    public bool FileExists(string path) => File.Exists(Full(path));

    public bool DirectoryExists(string path) => Directory.Exists(Full(path));

    public IReadOnlyList<string> ListFiles(string directory) =>
        [.. Directory.EnumerateFiles(Full(directory)).Select(f => Path.Combine(directory, Path.GetFileName(f))).Order(StringComparer.Ordinal)];

    public string? NotInRepository(string path)
    {
        var top = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var full = Path.GetFullPath(Full(path));
        if (!full.StartsWith(top + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            return "it lies outside the repository";

        // The file and each folder between it and the repository's root: a link anywhere leads elsewhere.
        for (var entry = full; entry.Length > top.Length; entry = Path.GetDirectoryName(entry)!)
        {
            var info = new FileInfo(entry);
            if (info.LinkTarget is not null)
                return entry == full ? "it is a symbolic link" : $"{Path.GetRelativePath(top, entry).Replace('\\', '/')} is a symbolic link";
        }

        return null;
    }

    public (byte[] Head, long Length) ReadHead(string path, int maxBytes)
    {
        using var stream = File.OpenRead(Full(path));
        var length = stream.Length;
        var buffer = new byte[(int)Math.Min(length, maxBytes)];
        stream.ReadExactly(buffer);
        return (buffer, length);
    }

    public void AppendAllText(string path, string text) => File.AppendAllText(Full(path), text);

    /// <summary>Writes the file whole, making its folder first when it has none yet.</summary>
    public void WriteAllText(string path, string text)
    {
        var full = Full(path);
        if (Path.GetDirectoryName(full) is { Length: > 0 } folder)
            Directory.CreateDirectory(folder);
        File.WriteAllText(full, text);
    }

    private string Full(string path) => Path.IsPathRooted(path) ? path : Path.Combine(root, path);
}

internal sealed class ProcessEnvironment : IEnvironment
{
    public string? Get(string name) => Environment.GetEnvironmentVariable(name);

    public IEnumerable<string> Names => Environment.GetEnvironmentVariables().Keys.OfType<string>();
}
