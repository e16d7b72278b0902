using Onboarding.Cli.Infrastructure;
using Onboarding.Core.Configuration;
using Onboarding.Core.Manifests;
using Onboarding.Core.Validation;

namespace Onboarding.Cli.Commands;

/// <summary>What plan and apply both need before they talk to any service: a valid configuration and valid manifests.</summary>
internal sealed record Prepared(LoadedConfig Config, OnboardingSettings Settings, ValidationResult Validation, GitHubActions Actions);

internal static class Preamble
{
    /// <summary>
    /// Masks the secrets (first thing, under Actions), reads the configuration and validates every manifest (the
    /// cross-file rules need all of them, even when only some changed). On a problem it reports it and returns the
    /// exit code instead.
    /// </summary>
    /// <param name="stopped">What did not happen, e.g. "No plan while {0} is invalid.", with {0} the invalid file.</param>
    public static (Prepared? Prepared, int Exit) Run(CliContext context, string command, string? configPath, string stopped)
    {
        var (config, exit) = Configure(context, command, configPath, stopped);
        if (config is null)
            return (null, exit);

        var (files, usageError) = ManifestSources.Collect(context, []);
        if (usageError is not null)
        {
            context.Error.WriteLine($"onboarding {command}: {usageError}");
            return (null, ExitCodes.Usage);
        }

        return Validate(context, config, files, [], stopped);
    }

    /// <summary>The first half of <see cref="Run"/>: masks the secrets and reads the configuration.</summary>
    public static (LoadedConfig? Config, int Exit) Configure(CliContext context, string command, string? configPath, string stopped)
    {
        // The runner masks only what comes after.
        Secrets.MaskUnderActions(context);
        var config = ConfigFile.Load(context, configPath);
        if (config.UsageError is not null)
        {
            context.Error.WriteLine($"onboarding {command}: {config.UsageError}");
            return (null, ExitCodes.Usage);
        }

        if (!config.IsValid)
        {
            ConfigFile.Report(context, config);
            context.Out.WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, stopped, config.Path));
            return (null, ExitCodes.Failure);
        }

        return (config, ExitCodes.Success);
    }

    /// <summary>
    /// The second half of <see cref="Run"/>: validates <paramref name="files"/> (every manifest, as the cross-file rules
    /// need) and reports their problems, with <paramref name="refused"/> (files that were not read) first.
    /// </summary>
    public static (Prepared? Prepared, int Exit) Validate(CliContext context, LoadedConfig config, IReadOnlyList<SourceFile> files, IReadOnlyList<Problem> refused, string stopped)
    {
        var validation = new ManifestValidator().Validate(files, context.Today);
        if (refused.Count > 0)
            validation = validation with { FileCount = validation.FileCount + refused.Count, Problems = [.. refused, .. validation.Problems] };
        var actions = new GitHubActions(context);
        if (!validation.IsValid)
        {
            foreach (var problem in validation.Problems)
            {
                context.Out.WriteLine(problem.ToString());
                if (actions.IsActive)
                    actions.Annotate(problem);
            }

            context.Out.WriteLine($"{ValidateCommand.Summary(validation)} {string.Format(System.Globalization.CultureInfo.InvariantCulture, stopped, "a manifest")}");
            return (null, ExitCodes.Failure);
        }

        return (new Prepared(config, config.Settings!, validation, actions), ExitCodes.Success);
    }
}
