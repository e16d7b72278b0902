using System.CommandLine;
using Onboarding.Cli.Commands;
using Onboarding.Cli.Infrastructure;

namespace Onboarding.Cli;

/// <summary>
/// The <c>onboarding</c> command line: the options and their help, and each command's <c>Options</c> record bound from
/// the parse result; each command's work lives in Commands/.
/// </summary>
public static class App
{
    /// <summary>
    /// Parses <paramref name="args"/> and runs the command. The command is given a token that Ctrl-C, SIGTERM and
    /// <paramref name="cancellationToken"/> all cancel; whatever it throws reaches the user through <see cref="CommandErrors"/>.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var root = Build(context);
        // No response files: a value such as a GitHub organisation or handle typed with its '@' is a value, not a file to read.
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Errors.Count > 0)
            return CommandErrors.Usage(context, parsed);

        try
        {
            return await parsed.InvokeAsync(
                new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
#pragma warning disable CA1031 // The one handler: a user sees a sentence and a documented exit code, never a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return CommandErrors.Report(context, parsed, e);
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
        root.Subcommands.Add(Drift(context));
        root.Subcommands.Add(Doctor(context));
        root.Subcommands.Add(Setup(context));
        root.Subcommands.Add(Import(context));
        root.Subcommands.Add(Choices(context));
        root.Subcommands.Add(Configurator(context));
        root.Subcommands.Add(FromIssue(context));
        root.Subcommands.Add(ReviewCheck(context));
        root.Subcommands.Add(New(context));
        root.Subcommands.Add(Templates(context));
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

    private const string JournalDescription =
        "Write every request the sandbox's emulators receive to FILE, one JSON line each (method, path with query, body, status): exactly what would have been sent.";

    /// <summary><c>--journal FILE</c> on a command that can run against the sandbox; only with <c>--sandbox</c>.</summary>
    private static Option<string?> JournalOption(Command command, Option<bool> sandbox)
    {
        var journal = new Option<string?>("--journal") { Description = "With --sandbox: " + JournalDescription, HelpName = "FILE" };
        command.Options.Add(journal);
        command.Validators.Add(result =>
        {
            if (result.GetValue(journal) is not null && !result.GetValue(sandbox))
                result.AddError("--journal records what the sandbox's emulators receive, so it needs --sandbox.");
        });
        return journal;
    }

    private const string TurnupTemplatesDescription =
        "Put the issue templates in DIR (its .md, .yml and .yaml files) in place of the sandbox infrastructure repository's .github/ISSUE_TEMPLATE/, to try an organisation's own; they stay in the kept sandbox until --reset.";

    /// <summary><c>--turnup-templates DIR</c> on a command that can run against the sandbox; only with <c>--sandbox</c>.</summary>
    private static Option<string?> TurnupTemplatesOption(Command command, Option<bool> sandbox)
    {
        var templates = new Option<string?>("--turnup-templates") { Description = "With --sandbox: " + TurnupTemplatesDescription, HelpName = "DIR" };
        command.Options.Add(templates);
        command.Validators.Add(result =>
        {
            if (result.GetValue(templates) is not null && !result.GetValue(sandbox))
                result.AddError("--turnup-templates puts templates into the sandbox's repository, so it needs --sandbox.");
        });
        return templates;
    }

    private static Command Templates(CliContext context)
    {
        var sandbox = new Option<bool>("--sandbox") { Description = "Read the built-in sandbox's infrastructure repository instead of the real one." };
        var output = OutputOption();
        var config = ConfigOption();
        var refresh = new Command("refresh", "Write the infrastructure repository's turnup templates (.github/ISSUE_TEMPLATE/) into the copy this repository keeps (turnup.templates.copy), and say what changed.")
        {
            sandbox,
            output,
            config,
        };
        var journal = JournalOption(refresh, sandbox);
        var turnupTemplates = TurnupTemplatesOption(refresh, sandbox);
        refresh.SetAction((result, cancellationToken) => TemplatesCommand.RefreshAsync(
            context,
            new TemplatesCommand.Options(result.GetValue(sandbox), result.GetValue(output), result.GetValue(config)) { Journal = result.GetValue(journal), TurnupTemplates = result.GetValue(turnupTemplates) },
            cancellationToken));
        return new Command("templates", "The turnup issues' templates: where they come from and the copy this repository keeps of them.") { refresh };
    }

    private static Command Plan(CliContext context)
    {
        var baseRef = new Option<string?>("--base")
        {
            Description = "Plan only the manifests changed since this git ref (e.g. origin/main); each is compared with its version there.",
        };
        var pullRequest = new Option<int?>("--pull-request")
        {
            Description = "Plan pull request N of GITHUB_REPOSITORY live, with the read-only credentials (*_READONLY_*): its changed manifests are read through GitHub's API as data (GITHUB_TOKEN) and laid over this checkout's, which should be the default branch.",
            HelpName = "N",
        };
        var sandbox = new Option<bool>("--sandbox") { Description = "Read the built-in local emulators instead of the real services." };
        var output = OutputOption();
        var config = ConfigOption();
        var command = new Command("plan", "Show what merging would change in HubSpot, GitHub and Freshdesk. Never writes to them.")
        {
            baseRef,
            pullRequest,
            sandbox,
            output,
            config,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(pullRequest) is { } number && number < 1)
                result.AddError($"--pull-request takes a pull request's number, not {number}.");
            if (result.GetValue(pullRequest) is not null && result.GetValue(baseRef) is not null)
                result.AddError("--pull-request plans the pull request's changes, so it takes no --base.");
            if (result.GetValue(pullRequest) is not null && result.GetValue(sandbox))
                result.AddError("--pull-request reads a pull request of GITHUB_REPOSITORY on GitHub, so it does not go with --sandbox.");
        });
        var journal = JournalOption(command, sandbox);
        var turnupTemplates = TurnupTemplatesOption(command, sandbox);
        command.SetAction((result, cancellationToken) => PlanCommand.RunAsync(
            context,
            new PlanCommand.Options(result.GetValue(baseRef), result.GetValue(sandbox), result.GetValue(output), result.GetValue(config))
            {
                Journal = result.GetValue(journal),
                TurnupTemplates = result.GetValue(turnupTemplates),
                PullRequest = result.GetValue(pullRequest),
            },
            cancellationToken));
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
        var journal = JournalOption(command, sandbox);
        var turnupTemplates = TurnupTemplatesOption(command, sandbox);
        var blank = BlankOption(command, sandbox);
        command.SetAction((result, cancellationToken) => ApplyCommand.RunAsync(
            context,
            new ApplyCommand.Options(
                result.GetValue(eventPath), result.GetValue(all), result.GetValue(sandbox), result.GetValue(reset), result.GetValue(allowLargeChange),
                result.GetValue(output), result.GetValue(config)) { Journal = result.GetValue(journal), TurnupTemplates = result.GetValue(turnupTemplates), Blank = result.GetValue(blank) },
            cancellationToken));
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
        var journal = JournalOption(command, sandbox);
        command.SetAction((result, cancellationToken) => FirstValueCommand.RunAsync(
            context, new FirstValueCommand.Options(result.GetValue(sandbox), result.GetValue(output), result.GetValue(config)) { Journal = result.GetValue(journal) }, cancellationToken));
        return command;
    }

    private static Command Drift(CliContext context)
    {
        var sandbox = new Option<bool>("--sandbox") { Description = "Compare the built-in local emulators instead of the real services." };
        var failOnDrift = new Option<bool>("--fail-on-drift") { Description = $"Exit with {DriftCommand.DriftFound} when there is drift (default: 0; drift is reported, not a failure)." };
        var output = OutputOption();
        var config = ConfigOption();
        var command = new Command("drift", "List every difference between HubSpot or Freshdesk and the manifests, with the manifest line to change; keeps one GitHub issue up to date. Never writes to HubSpot or Freshdesk.")
        {
            sandbox,
            failOnDrift,
            output,
            config,
        };
        var journal = JournalOption(command, sandbox);
        var turnupTemplates = TurnupTemplatesOption(command, sandbox);
        command.SetAction((result, cancellationToken) => DriftCommand.RunAsync(
            context, new DriftCommand.Options(result.GetValue(sandbox), result.GetValue(failOnDrift), result.GetValue(output), result.GetValue(config)) { Journal = result.GetValue(journal), TurnupTemplates = result.GetValue(turnupTemplates) }, cancellationToken));
        return command;
    }

    private static Command Import(CliContext context)
    {
        var sandbox = new Option<bool>("--sandbox") { Description = "Read the built-in local HubSpot emulator instead of the real HubSpot." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Say which manifests would be written, and write none." };
        var output = OutputOption();
        var config = ConfigOption();
        var command = new Command("import", "Write communities/<name>.yaml for every HubSpot community that has no manifest yet, from its record, labelled contacts and deals. Reads HubSpot only; never changes an existing manifest.")
        {
            sandbox,
            dryRun,
            output,
            config,
        };
        var journal = JournalOption(command, sandbox);
        command.SetAction((result, cancellationToken) => ImportCommand.RunAsync(
            context, new ImportCommand.Options(result.GetValue(sandbox), result.GetValue(dryRun), result.GetValue(output), result.GetValue(config)) { Journal = result.GetValue(journal) }, cancellationToken));
        return command;
    }

    private const string BlankDescription =
        "With --sandbox: a sandbox that starts afresh starts as a new installation finds the services (no Community properties or contact labels, no company fields, no turnup labels).";

    /// <summary><c>--blank</c> on a command that can run against the sandbox; only with <c>--sandbox</c>.</summary>
    private static Option<bool> BlankOption(Command command, Option<bool> sandbox)
    {
        var blank = new Option<bool>("--blank") { Description = BlankDescription };
        command.Options.Add(blank);
        command.Validators.Add(result =>
        {
            if (result.GetValue(blank) && !result.GetValue(sandbox))
                result.AddError("--blank starts the sandbox without setup, so it needs --sandbox.");
        });
        return blank;
    }

    private static Command Doctor(CliContext context)
    {
        var sandbox = new Option<bool>("--sandbox") { Description = "Check the built-in local emulators instead of the real services." };
        var output = OutputOption();
        var config = ConfigOption();
        var command = new Command("doctor", "Check the configuration against the services (read requests only): one line per check, and on a failure what to fix. Exit 0 when all pass, 1 when one fails.")
        {
            sandbox,
            output,
            config,
        };
        var blank = BlankOption(command, sandbox);
        var journal = JournalOption(command, sandbox);
        command.SetAction((result, cancellationToken) => DoctorCommand.RunAsync(
            context, new DoctorCommand.Options(result.GetValue(sandbox), result.GetValue(blank), result.GetValue(output), result.GetValue(config)) { Journal = result.GetValue(journal) }, cancellationToken));
        return command;
    }

    private static Command Setup(CliContext context)
    {
        var sandbox = new Option<bool>("--sandbox") { Description = "Set up the built-in local emulators instead of the real services." };
        var yes = new Option<bool>("--yes") { Description = "Create what is listed (without it, nothing is written)." };
        var output = OutputOption();
        var config = ConfigOption();
        var command = new Command("setup", "Show what the services lack that onboarding can create (Community properties, association labels, company fields, labels), and create it with --yes; never changes what exists.")
        {
            sandbox,
            yes,
            output,
            config,
        };
        var blank = BlankOption(command, sandbox);
        var journal = JournalOption(command, sandbox);
        command.SetAction((result, cancellationToken) => SetupCommand.RunAsync(
            context, new SetupCommand.Options(result.GetValue(sandbox), result.GetValue(blank), result.GetValue(yes), result.GetValue(output), result.GetValue(config)) { Journal = result.GetValue(journal) }, cancellationToken));
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
        var journal = new Option<string?>("--journal") { Description = JournalDescription, HelpName = "FILE" };
        var turnupTemplates = new Option<string?>("--turnup-templates") { Description = TurnupTemplatesDescription, HelpName = "DIR" };
        var blank = new Option<bool>("--blank") { Description = "Start afresh as a new installation finds the services (no Community properties or contact labels, no company fields, no turnup labels), for trying doctor and setup." };
        var plan = new Option<string>("--freshdesk-plan")
        {
            Description = "The Freshdesk plan whose limits the emulator enforces: the account's budget and the per-endpoint caps a minute (trial, growth, pro, enterprise) or the budget an hour (blossom, garden, estate, forest).",
            DefaultValueFactory = _ => "growth",
            HelpName = "PLAN",
        };
        plan.AcceptOnlyFromAmong("trial", "growth", "pro", "enterprise", "blossom", "garden", "estate", "forest");
        var dailyLimit = new Option<int>("--hubspot-daily-limit")
        {
            Description = "The HubSpot portal's daily request limit the emulator enforces (250000 to 1000000 by subscription).",
            DefaultValueFactory = _ => 250_000,
            HelpName = "N",
        };
        var command = new Command("sandbox", "Run local emulators of HubSpot, Freshdesk, GitHub and Prometheus on 127.0.0.1 until Ctrl-C; prints their addresses and credentials.")
        {
            hubSpot,
            freshdesk,
            gitHub,
            state,
            reset,
            journal,
            turnupTemplates,
            blank,
            plan,
            dailyLimit,
        };
        command.SetAction((result, cancellationToken) => SandboxCommand.RunAsync(
            context,
            new SandboxCommand.Options(
                result.GetValue(hubSpot), result.GetValue(freshdesk), result.GetValue(gitHub), result.GetValue(state) ?? Sandbox.SandboxServer.DefaultStateDirectory,
                result.GetValue(reset), result.GetValue(journal))
            {
                TurnupTemplates = result.GetValue(turnupTemplates),
                Blank = result.GetValue(blank),
                FreshdeskPlan = result.GetValue(plan) ?? "growth",
                HubSpotDailyLimit = Math.Max(1, result.GetValue(dailyLimit)),
            },
            cancellationToken));
        command.Subcommands.Add(SandboxUsage(context));
        return command;
    }

    private static Command SandboxUsage(CliContext context)
    {
        var community = new Option<string>("--community") { Description = "The community, by its name in communities/.", Required = true };
        var hub = new Option<string>("--hub") { Description = "The hub, by its name in the manifest (its namespace).", Required = true };
        var users = new Option<int>("--users") { Description = $"How many people (not staff) used it: user-1 to user-N, an hour apart, the last one just now (0 to {SandboxUsageCommand.MaxUsers}).", Required = true };
        var staff = new Option<string[]>("--staff")
        {
            Description = "A staff user name that used it too (repeat for more); first-value does not count configured staff.",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("usage", "Add server sessions of a hub's users to the kept sandbox's Prometheus (.sandbox/), as if people had used the hub.")
        {
            community,
            hub,
            users,
            staff,
        };
        command.SetAction((result, cancellationToken) => SandboxUsageCommand.RunAsync(
            context,
            new SandboxUsageCommand.Options(result.GetValue(community) ?? "", result.GetValue(hub) ?? "", result.GetValue(users), result.GetValue(staff) ?? []),
            cancellationToken));
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
        command.SetAction(result => ValidateCommand.Run(context, new ValidateCommand.Options(result.GetValue(paths) ?? [], result.GetValue(output), result.GetValue(config))));
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
        command.SetAction(result => ChoicesCommand.Run(context, new ChoicesCommand.Options(result.GetValue(specs) ?? [], result.GetValue(markDefault))));
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
        command.SetAction(result => ConfiguratorCommand.Run(context, new ConfiguratorCommand.Options(result.GetValue(link) ?? "", result.GetValue(output))));
        return command;
    }

    private static Command FromIssue(CliContext context)
    {
        var eventPath = new Option<string?>("--event") { Description = "The GitHub issues event file (default: $GITHUB_EVENT_PATH)." };
        var command = new Command("from-issue", "Turn a submitted new-community issue form into communities/<name>.yaml; say on the issue what to change, or that it is ready.")
        {
            eventPath,
        };
        command.SetAction((result, cancellationToken) => FromIssueCommand.RunAsync(context, new FromIssueCommand.Options(result.GetValue(eventPath)), cancellationToken));
        return command;
    }

    private static Command ReviewCheck(CliContext context)
    {
        var eventPath = new Option<string?>("--event") { Description = "The GitHub pull_request or pull_request_review event file (default: $GITHUB_EVENT_PATH)." };
        var command = new Command("review-check", "Pass only when someone other than the pull request's author (for one made from the issue form: also who filed the issue) approved its latest commit.")
        {
            eventPath,
        };
        command.SetAction((result, cancellationToken) => ReviewCheckCommand.RunAsync(context, new ReviewCheckCommand.Options(result.GetValue(eventPath)), cancellationToken));
        return command;
    }

    private static Command New(CliContext context)
    {
        Option<string?> One(string name, string description) => new(name) { Description = description };
        Option<string[]> Many(string name, string description) => new(name) { Description = description, Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
        var name = One("--name", "The short name: one lowercase word (letters and digits); the file is communities/<name>.yaml.");
        var longName = One("--long-name", "The full, formal name.");
        var website = One("--website", "The community's website.");
        var organization = One("--github-organization", "The GitHub organisation: its page, its name or @name.");
        var logo = One("--logo", "The address of the community's logo.");
        var representatives = Many("--representative", "A person who may authorise changes, \"Name <email>\" (optionally @github); repeat for more.");
        var technical = Many("--technical-contact", "A person told about infrastructure changes, \"Name <email>\"; repeat for more.");
        var deals = Many("--deal", "A HubSpot deal: its address as pasted from HubSpot, or its id; repeat for more.");
        var configurator = One("--configurator", "The Hub Configurator share link (https://...?state=...).");
        var hubs = Many("--hub", "A hub as name=domain, e.g. prod=tidepool.hubs.example.org; repeat for more.");
        var signIn = One("--sign-in", "How people sign in: github, cilogon, cilogon-allowlist, shared-password or none.");
        var admins = Many("--admin", "A hub administrator: GitHub handle (with or without @) or email; repeat for more.");
        var institutions = Many("--institution", "With CILogon: an institution's domain; repeat for more.");
        var provider = One("--provider", "The cloud provider: aws, gcp, azure or jetstream2.");
        var region = One("--region", "The cloud region, e.g. us-west-2.");
        var contextText = One("--context", "Markdown answering the community-context questions.");
        var notes = One("--notes", "Anything else the infrastructure team should know (Markdown).");
        var transcript = One("--transcript", "A link to the requirements meeting's transcript.");
        var yes = new Option<bool>("--yes", "-y") { Description = "Ask nothing: take every answer from the flags (also the case without a terminal)." };
        var command = new Command("new", "Write a new community's manifest, communities/<name>.yaml, from prompts in a terminal or from flags; never overwrites one.")
        {
            name, longName, website, organization, logo, representatives, technical, deals, configurator, hubs, signIn, admins, institutions,
            provider, region, contextText, notes, transcript, yes,
        };
        command.SetAction((result, cancellationToken) => NewCommand.RunAsync(context, new NewCommand.Options(new Onboarding.Core.Authoring.CommunityAnswers
        {
            Name = result.GetValue(name),
            LongName = result.GetValue(longName),
            Website = result.GetValue(website),
            GitHubOrganization = result.GetValue(organization),
            Logo = result.GetValue(logo),
            Representatives = result.GetValue(representatives) ?? [],
            TechnicalContacts = result.GetValue(technical) ?? [],
            Deals = result.GetValue(deals) ?? [],
            Configurator = result.GetValue(configurator),
            Hubs = result.GetValue(hubs) ?? [],
            SignIn = result.GetValue(signIn),
            Admins = result.GetValue(admins) ?? [],
            Institutions = result.GetValue(institutions) ?? [],
            Provider = result.GetValue(provider),
            Region = result.GetValue(region),
            Context = result.GetValue(contextText),
            Notes = result.GetValue(notes),
            Transcript = result.GetValue(transcript),
        }, result.GetValue(yes)), cancellationToken));
        return command;
    }
}
