using System.Globalization;

namespace Onboarding.Bench;

/// <summary>The benchmark's command line: a command name, then <c>--name value</c> options.</summary>
internal sealed class BenchArguments(string[] args)
{
    private readonly List<string> _arguments = [.. args];

    public string? Command => _arguments.FirstOrDefault();

    /// <summary>The repository root, found upwards from the build output.</summary>
    public string Root { get; } = FindRoot();

    public int Option(string name, int fallback)
    {
        var at = _arguments.IndexOf(name);
        return at >= 0 && at + 1 < _arguments.Count ? int.Parse(_arguments[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    public string? Text(string name)
    {
        var at = _arguments.IndexOf(name);
        return at >= 0 && at + 1 < _arguments.Count ? _arguments[at + 1] : null;
    }

    public bool Flag(string name) => _arguments.Contains(name);

    public static int PrintUsage(params string[] usages)
    {
        Console.Error.WriteLine("usage: Onboarding.Bench <command> [options], where <command> is one of:");
        foreach (var usage in usages)
            Console.Error.WriteLine($"  {usage}");
        return 2;
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Onboarding.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Run the benchmark from inside the repository.");
    }
}
