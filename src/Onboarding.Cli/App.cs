using System.CommandLine;
using Onboarding.Cli.Commands;
using Onboarding.Cli.Infrastructure;

namespace Onboarding.Cli;

/// <summary>The <c>onboarding</c> command line: parsing only; each command's work lives in Commands/.</summary>
public static class App
{
    public static int Run(string[] args, CliContext context)
    {
        var root = Build(context);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
                context.Error.WriteLine($"onboarding: {error.Message}");
            context.Error.WriteLine("Run 'onboarding --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false });
        }
        catch (IOException e)
        {
            context.Error.WriteLine($"onboarding: {Secrets.Redact(context, e.Message)}");
            return ExitCodes.Failure;
        }
        catch (UnauthorizedAccessException e)
        {
            context.Error.WriteLine($"onboarding: {Secrets.Redact(context, e.Message)}");
            return ExitCodes.Failure;
        }
#pragma warning disable CA1031 // The last line of defence: a user sees a sentence, never a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            context.Error.WriteLine(
                $"onboarding: an internal error stopped the command ({e.GetType().Name}: {Secrets.Redact(context, e.Message)}). Please report it with the command you ran.");
            return ExitCodes.Failure;
        }
    }

    private static RootCommand Build(CliContext context)
    {
        var root = new RootCommand("Community onboarding as code: validate manifests, plan and apply them to HubSpot, GitHub and Freshdesk.");
        root.Subcommands.Add(Validate(context));
        root.Subcommands.Add(SandboxServer(context));
        root.Subcommands.Add(Plan(context));
        root.Subcommands.Add(Apply(context));
        root.Subcommands.Add(FirstValue(context));
        root.Subcommands.Add(Choices(context));
        root.Subcommands.Add(Configurator(context));
        return root;
    }

    private static Option<string?> ConfigOption() => new(ConfigFile.OptionName)
    {
        Description = $"The configuration file (default: {Onboarding.Core.Configuration.SettingsReader.DefaultPath}; without it, the built-in settings, which describe the sandbox).",
    };

    private static Option<OutputFormat> OutputOption()
    {
        var option = new Option<OutputFormat>("--output", "-o")
        {
            Description = "text (default) or json.",
            DefaultValueFactory = _ => OutputFormat.Text,
            HelpName = "text|json",
        };

        // The default message would name our enum type; a user needs the two words.
        option.Validators.Add(result =>
        {
            var given = result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;
            if (given is not null && !string.Equals(given, "text", StringComparison.OrdinalIgnoreCase) && !string.Equals(given, "json", StringComparison.OrdinalIgnoreCase))
                result.AddError($"--output takes text or json, not '{given}'.");
        });
        return option;
    }

    private static Command Plan(CliContext context)
    {
        var baseRef = new Option<string?>("--base")
        {
            Description = "Plan only the manifests changed since this git ref (e.g. origin/main); each is compared with its version there.",
        };
        var sandbox = new Option<bool>("--sandbox") { Description = "Read the built-in local emulators instead of the real services." };
        var output = OutputOption();
        var config = ConfigOption();
        var command = new Command("plan", "Show what merging would change in HubSpot, GitHub and Freshdesk. Never writes to them.")
        {
            baseRef,
            sandbox,
            output,
            config,
        };
        command.SetAction((result, cancellation) => PlanCommand.RunAsync(
            context, context.Git, result.GetValue(baseRef), result.GetValue(sandbox), result.GetValue(output), result.GetValue(config), cancellation));
        return command;
    }

    private static Command Apply(CliContext context)
    {
        var sandbox = new Option<bool>("--sandbox") { Description = "Apply to the built-in local emulators instead of the real services." };
        var eventPath = new Option<string?>("--event") { Description = "The GitHub Actions event file (default: $GITHUB_EVENT_PATH)." };
        var all = new Option<bool>("--all") { Description = "Reconcile every manifest, whatever changed." };
        var reset = new Option<bool>("--reset") { Description = "With --sandbox: start the sandbox afresh, forgetting what earlier runs left in it." };
        var allowLargeChange = new Option<bool>("--allow-large-change")
        {
            Description = "Approve a change that touches more than a quarter of all communities or removes people, hubs or deals (otherwise it needs the pull-request label onboarding:approve-large-change).",
        };
        var output = OutputOption();
        var config = ConfigOption();
        var command = new Command("apply", "Bring HubSpot, GitHub and Freshdesk in line with the manifests a merge changed; nothing is done twice, however often it runs.")
        {
            sandbox,
            eventPath,
            all,
            reset,
            allowLargeChange,
            output,
            config,
        };
        command.SetAction((result, cancellation) => ApplyCommand.RunAsync(
            context, result.GetValue(sandbox), result.GetValue(reset), result.GetValue(eventPath), result.GetValue(all), result.GetValue(output), result.GetValue(config), cancellation,
            result.GetValue(allowLargeChange)));
        return command;
    }

    private static Command FirstValue(CliContext context)
    {
        var sandbox = new Option<bool>("--sandbox") { Description = "Ask the built-in local emulators (Prometheus, HubSpot, GitHub) instead of the real services." };
        var output = OutputOption();
        var config = ConfigOption();
        var command = new Command("first-value", "Count the distinct non-staff users of every deployed hub over 14 days; at 5, record First Value in HubSpot and on the phase 3 issue, once.")
        {
            sandbox,
            output,
            config,
        };
        command.SetAction((result, cancellation) => FirstValueCommand.RunAsync(
            context, result.GetValue(sandbox), result.GetValue(output), result.GetValue(config), cancellation));
        return command;
    }

    private static Command SandboxServer(CliContext context)
    {
        Option<int> Port(string service) => new($"--{service}-port")
        {
            Description = $"Port for the {service} emulator (default 0: any free port).",
            DefaultValueFactory = _ => 0,
        };
        var hubSpot = Port("hubspot");
        var freshdesk = Port("freshdesk");
        var gitHub = Port("github");
        var state = new Option<string>("--state")
        {
            Description = $"Folder where the emulators keep what they hold between runs (default {Sandbox.SandboxServer.DefaultStateDirectory}, git-ignored).",
            DefaultValueFactory = _ => Sandbox.SandboxServer.DefaultStateDirectory,
        };
        var reset = new Option<bool>("--reset") { Description = "Delete the kept state first and start from the seeded services." };
        var command = new Command("sandbox", "Run local emulators of HubSpot, Freshdesk, GitHub and Prometheus on 127.0.0.1 until Ctrl-C; prints their addresses and credentials.")
        {
            hubSpot,
            freshdesk,
            gitHub,
            state,
            reset,
        };
        command.SetAction((result, cancellation) => SandboxCommand.RunAsync(
            context, result.GetValue(hubSpot), result.GetValue(freshdesk), result.GetValue(gitHub), result.GetValue(state) ?? Sandbox.SandboxServer.DefaultStateDirectory, result.GetValue(reset), cancellation));
        return command;
    }

    private static Command Validate(CliContext context)
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "Manifest files or directories (default: communities/).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var output = OutputOption();
        var config = ConfigOption();
        var command = new Command("validate", "Check manifests and the configuration against their schemas and the rules; report every problem with its file, line and field.")
        {
            paths,
            output,
            config,
        };
        command.SetAction(result => ValidateCommand.Run(context, result.GetValue(paths) ?? [], result.GetValue(output), result.GetValue(config)));
        return command;
    }

    private static Command Choices(CliContext context)
    {
        var specs = new Argument<string[]>("spec")
        {
            Description = "Node type and number of choices, e.g. r5.xlarge:4; several are listed in the order given.",
            Arity = ArgumentArity.OneOrMore,
        };
        var markDefault = new Option<bool>("--default") { Description = "Make the first (smallest) choice the default." };
        var command = new Command("choices", "Print the resource allocation choices (profile list options) for node types, as the infrastructure team's generator does.")
        {
            specs,
            markDefault,
        };
        command.SetAction(result => ChoicesCommand.Run(context, result.GetValue(specs) ?? [], result.GetValue(markDefault)));
        return command;
    }

    private static Command Configurator(CliContext context)
    {
        var link = new Argument<string>("url") { Description = "A Hub Configurator share link (https://...?state=...)." };
        var output = OutputOption();
        var command = new Command("configurator", "Show what a Hub Configurator share link selects: the tier and every item, defaults filled in.")
        {
            link,
            output,
        };
        command.SetAction(result => ConfiguratorCommand.Run(context, result.GetValue(link) ?? "", result.GetValue(output)));
        return command;
    }
}
