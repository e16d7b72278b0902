namespace Onboarding.Cli.Infrastructure;

/// <summary>The few file operations the program needs, so tests can see exactly what was read and written.</summary>
public interface IFileSystem
{
    bool FileExists(string path);

    bool DirectoryExists(string path);

    /// <summary>Files directly in <paramref name="directory"/>, sorted by name.</summary>
    IReadOnlyList<string> ListFiles(string directory);

    /// <summary>
    /// Why the file at <paramref name="path"/> may not be read as one of the repository's (a manifest, the
    /// configuration): it is a symbolic link, lies under one, or resolves outside the repository (the working
    /// directory). Null when it is a regular file inside. Nothing is read to find out.
    /// </summary>
    string? NotInRepository(string path);

    /// <summary>The first <paramref name="maxBytes"/> bytes of a file and its full length.</summary>
    (byte[] Head, long Length) ReadHead(string path, int maxBytes);

    void AppendAllText(string path, string text);

    void WriteAllText(string path, string text);
}

/// <summary>Environment variables, injected so tests can pretend to be GitHub Actions.</summary>
public interface IEnvironment
{
    string? Get(string name);

    /// <summary>The names of the variables that are set (for secrets named by a pattern, such as each community's Prometheus login).</summary>
    IEnumerable<string> Names { get; }
}
