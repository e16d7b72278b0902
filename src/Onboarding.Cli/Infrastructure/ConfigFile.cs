using Onboarding.Core.Configuration;
using Onboarding.Core.Manifests;

namespace Onboarding.Cli.Infrastructure;

/// <summary>What loading the configuration found.</summary>
/// <param name="Settings">The settings to use; null when the file has errors or the given path does not exist.</param>
/// <param name="Exists">False when there is no configuration file and the built-in defaults are used.</param>
/// <param name="UsageError">A sentence when <c>--config</c> names a file that does not exist.</param>
internal sealed record LoadedConfig(string Path, bool Exists, OnboardingSettings? Settings, IReadOnlyList<Problem> Problems, string? UsageError)
{
    public bool IsValid => Settings is not null;

    /// <summary>The one line that says the defaults were used, or null when a file was read.</summary>
    public string? DefaultsNote => Exists || UsageError is not null
        ? null
        : $"No {Path} here, so the built-in settings were used; they describe the sandbox (see \"Configuration\" in the README).";
}

/// <summary>Loads <c>onboarding.yaml</c> (or the file <c>--config</c> names) for plan, validate and apply.</summary>
internal static class ConfigFile
{
    public const string OptionName = "--config";

    /// <param name="path">What <c>--config</c> gave, or null for <c>onboarding.yaml</c> in the working directory.</param>
    public static LoadedConfig Load(CliContext context, string? path)
    {
        var chosen = path is null ? SettingsReader.DefaultPath : Normalize(path);
        if (!context.Files.FileExists(chosen))
        {
            return path is null
                ? new LoadedConfig(chosen, false, new OnboardingSettings(), [], null)
                : new LoadedConfig(chosen, false, null, [], $"{OptionName} {chosen}: no such file.");
        }

        if (context.Files.NotInRepository(chosen) is { } reason)
        {
            return new LoadedConfig(chosen, true, null,
                [Problem.Error(chosen, SourceLocation.Start, "", $"{reason}, so it was not read: the configuration is read only as a regular file inside the repository.")], null);
        }

        var (head, length) = context.Files.ReadHead(chosen, YamlReader.MaxBytes + 1);
        var (settings, problems) = SettingsReader.Read(new SourceFile(chosen, head, length));
        return new LoadedConfig(chosen, true, settings, problems, null);
    }

    /// <summary>Prints each problem as validate does, and annotates it on the diff under GitHub Actions.</summary>
    public static void Report(CliContext context, LoadedConfig config)
    {
        var actions = new GitHubActions(context);
        foreach (var problem in config.Problems)
        {
            context.Out.WriteLine(problem.ToString());
            if (actions.IsActive)
                actions.Annotate(problem);
        }
    }

    private static string Normalize(string path)
    {
        var normalized = path.Replace('\\', '/');
        while (normalized.StartsWith("./", StringComparison.Ordinal))
            normalized = normalized[2..];
        return normalized;
    }
}
