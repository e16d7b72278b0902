using System.Text.Json;
using Onboarding.Cli.Infrastructure;
using Onboarding.Core.Configuration;
using Onboarding.Core.Turnup;
using Onboarding.Services;
using Onboarding.Services.GitHub;

namespace Onboarding.Cli.Commands;

/// <summary>
/// <c>onboarding templates refresh</c>: the infrastructure repository's turnup templates written into the copy this
/// repository keeps, for the runs that cannot read the repository (pull-request plans).
/// </summary>
internal static class TemplatesCommand
{
    public sealed record Options(bool Sandbox, OutputFormat Output, string? ConfigPath)
    {
        /// <summary>With <c>Sandbox</c>: the file every request the emulators receive is written to (<c>--journal</c>).</summary>
        public string? Journal { get; init; }

        /// <summary>With <c>Sandbox</c>: the folder of issue templates put into the sandbox's repository (<c>--turnup-templates</c>).</summary>
        public string? TurnupTemplates { get; init; }
    }

    public static async Task<int> RefreshAsync(CliContext context, Options options, CancellationToken cancellationToken)
    {
        const string command = "templates refresh";
        Secrets.MaskUnderActions(context);
        var config = ConfigFile.Load(context, options.ConfigPath);
        if (config.UsageError is not null)
        {
            context.Error.WriteLine($"onboarding {command}: {config.UsageError}");
            return ExitCodes.Usage;
        }

        if (!config.IsValid)
        {
            ConfigFile.Report(context, config);
            context.Out.WriteLine($"The copy of the turnup templates was not refreshed while {config.Path} is invalid.");
            return ExitCodes.Failure;
        }

        var settings = config.Settings!;
        if (!TurnupTemplates.TryFolder(context, command, options.TurnupTemplates, out var templateFolder))
            return ExitCodes.Usage;

        TurnupTemplateLoad load;
        if (options.Sandbox)
        {
            await using var session = await ServiceSession.OpenAsync(context, sandbox: true, settings, cancellationToken, journal: options.Journal, turnupTemplates: templateFolder);
            load = await TurnupTemplates.LoadAsync(context, settings, session.Connections!.InfrastructureFiles, cancellationToken);
        }
        else
        {
            // Only the infrastructure repository is read, so only its token is needed.
            if (Secrets.Value(context, Secrets.InfrastructureGitHubToken) is not { } token)
            {
                var secret = Secrets.InfrastructureGitHubToken;
                context.Error.WriteLine($"onboarding {command}: it needs {secret.Name}: {secret.Purpose}. Set it in the environment, or run with --sandbox.");
                return ExitCodes.Failure;
            }

            var (owner, repository) = ServiceConnections.SplitRepository(settings.GitHub.InfrastructureRepository);
            using var client = new GitHubClient(
                new GitHubClientOptions(GitHubClientOptions.DefaultEndpoint(settings.GitHub.ApiUrl), owner, repository, token), context.Clock);
            load = await TurnupTemplates.LoadAsync(context, settings, client, cancellationToken);
        }

        var folder = settings.Turnup.Templates.Copy.TrimEnd('/') + "/";
        if (load.Origin != TurnupTemplateOrigin.Repository)
        {
            context.Error.WriteLine($"onboarding {command}: the copy in {folder} was left as it is, because {load.NotFromRepository}.");
            return ExitCodes.Failure;
        }

        var changes = TurnupTemplateSource.CopyChanges(load.RepositoryFiles, TurnupTemplates.ReadCopy(context, settings.Turnup.Templates));
        var sentence = TurnupTemplates.RefreshCopy(context, settings.Turnup.Templates, load);
        if (options.Output == OutputFormat.Json)
        {
            context.Out.WriteLine(JsonSerializer.Serialize(new
            {
                repository = settings.GitHub.InfrastructureRepository,
                copy = folder,
                files = changes.Select(c => new { file = c.FileName, change = c.Change.ToString().ToLowerInvariant() }),
                summary = sentence,
            }, CliJson.Options));
        }
        else
        {
            context.Out.WriteLine($"Read the turnup templates from {settings.GitHub.InfrastructureRepository}'s {TurnupTemplateFiles.RepositoryFolder}/.");
            foreach (var (fileName, change) in changes)
                context.Out.WriteLine($"  {fileName,-32} {change.ToString().ToLowerInvariant()}");
            context.Out.WriteLine(sentence);
        }

        return ExitCodes.Success;
    }
}
