namespace Onboarding.Core.Tests;

/// <summary>Finds files of this repository (examples, schema) from the test's output folder.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Onboarding.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Onboarding.sln not found above the test folder.");
    }
}
