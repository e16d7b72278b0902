namespace Onboarding.Testing;

/// <summary>Finds files of this repository (examples, schema) from the test's output folder.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>The example manifests in <c>communities/</c> (path from the root, text), in name order.</summary>
    public static IReadOnlyList<(string Path, string Text)> Examples() => ManifestFuzzer.Examples(Root);

    /// <summary>A temporary git repository with the example manifests committed.</summary>
    public static TempGitRepository ExamplesRepository()
    {
        var repo = new TempGitRepository();
        foreach (var (path, text) in Examples())
            repo.Write(path, text);
        repo.Commit("examples");
        return repo;
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Onboarding.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Onboarding.sln not found above the test folder.");
    }
}
