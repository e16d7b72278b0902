using System.Text;
using Onboarding.Cli.Infrastructure;
using Onboarding.Core.Authoring;
using Onboarding.Core.Manifests;
using Onboarding.Core.Text;
using PromptResult = Spectre.Console.ValidationResult;
using Spectre.Console;

namespace Onboarding.Cli.Commands;

/// <summary>
/// <c>onboarding new</c>: writes <c>communities/&lt;name&gt;.yaml</c> from answers given as flags or, in a terminal,
/// typed at prompts that check each answer with the rules of <c>validate</c>. Never overwrites a manifest.
/// </summary>
internal static class NewCommand
{
    /// <summary>The flag that gives each manifest field, for messages in the flags' words.</summary>
    private static readonly (string Field, string Flag)[] Flags =
    [
        ("name", "--name"), ("long_name", "--long-name"), ("website", "--website"), ("github_organization", "--github-organization"),
        ("logo", "--logo"), ("context", "--context"), ("representatives", "--representative"), ("technical_contacts", "--technical-contact"),
        ("deals", "--deal"), ("configurator", "--configurator"), ("notes", "--notes"), ("transcript", "--transcript"),
        ("cloud.provider", "--provider"), ("cloud.region", "--region"), ("cloud", "--provider"),
    ];

    /// <param name="Answers">What the flags answered.</param>
    /// <param name="Yes">Ask nothing: every answer comes from the flags.</param>
    public sealed record Options(CommunityAnswers Answers, bool Yes);

    public static async Task<int> RunAsync(CliContext context, Options options, CancellationToken cancellationToken)
    {
        var given = options.Answers with { Requested = context.Today };
        var existing = Existing(context);
        var terminal = options.Yes ? null : context.Terminal;
        CommunityAnswers answers;
        if (terminal is not null)
        {
            answers = await new Prompter(terminal, context, existing, cancellationToken).AskAsync(given);
        }
        else
        {
            var missing = Missing(given);
            if (missing.Count > 0)
            {
                foreach (var (flag, what) in missing)
                    context.Error.WriteLine($"onboarding new: {flag} is required: {what}.");
                context.Error.WriteLine("Without a terminal (or with --yes) every answer comes from a flag; run 'onboarding new --help' for them.");
                return ExitCodes.Usage;
            }

            answers = given;
        }

        var (draft, problems) = answers.ToDraft();
        var path = ManifestWriter.PathFor(draft.Name);
        if (context.Files.FileExists(path))
        {
            context.Error.WriteLine($"onboarding new: {path} already exists; onboarding new never overwrites a manifest. Edit that file, or choose another --name.");
            return ExitCodes.Failure;
        }

        var found = problems.Select(p => (p.Field, p.Message)).ToList();
        found.AddRange(DraftCheck.Problems(draft, existing, context.Today).Where(p => p.Severity == Severity.Error).Select(p => (p.Field, p.Message)));
        if (found.Count > 0)
        {
            foreach (var (field, message) in found)
                context.Error.WriteLine($"onboarding new: {FlagOf(field)}: {message}");
            context.Error.WriteLine($"No manifest written: {found.Count} {(found.Count == 1 ? "answer needs" : "answers need")} a change.");
            return ExitCodes.Failure;
        }

        context.Files.WriteAllText(path, ManifestWriter.Write(draft));
        context.Out.WriteLine($"Wrote {path}.");
        context.Out.WriteLine("Next steps:");
        context.Out.WriteLine($"  1. Check it:              onboarding validate {path}");
        context.Out.WriteLine($"  2. Put it on a branch:    git switch -c add-{draft.Name} && git add {path} && git commit -m \"Add community {draft.Name}\"");
        context.Out.WriteLine($"  3. Open a pull request:   git push -u origin add-{draft.Name}, then open the pull request; its checks validate the file and show the plan.");
        return ExitCodes.Success;
    }

    /// <summary>The flag that answers a manifest field: <c>representatives[1].email</c> is the second --representative.</summary>
    internal static string FlagOf(string field)
    {
        var top = field.Split('[')[0];
        var index = field.IndexOf('[', StringComparison.Ordinal) is var open and >= 0 && field.IndexOf(']', open) is var close and > 0
            && int.TryParse(field.AsSpan(open + 1, close - open - 1), out var i) ? i : (int?)null;
        var nth = index is { } n ? $" (the {Ordinal(n + 1)})" : "";
        if (top == "hubs")
        {
            if (field.Contains(".auth.admins", StringComparison.Ordinal))
                return "--admin";
            if (field.Contains(".auth.institutions", StringComparison.Ordinal))
                return "--institution";
            if (field.Contains(".auth.organizations", StringComparison.Ordinal))
                return "--github-organization";
            if (field.Contains(".auth", StringComparison.Ordinal))
                return "--sign-in";
            if (field.Contains(".requested", StringComparison.Ordinal))
                return "the date";
            return "--hub" + nth;
        }

        foreach (var (name, flag) in Flags)
        {
            if (field == name || top == name)
                return name is "representatives" or "technical_contacts" or "deals" ? flag + nth : flag;
        }

        return field.Length == 0 ? "the manifest" : field;
    }

    private static string Ordinal(int n) => n switch
    {
        1 => "first",
        2 => "second",
        3 => "third",
        _ => $"{n}th",
    };

    private static List<(string Flag, string What)> Missing(CommunityAnswers given)
    {
        var missing = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(given.Name))
            missing.Add(("--name", "the community's short name, one lowercase word"));
        if (string.IsNullOrWhiteSpace(given.LongName))
            missing.Add(("--long-name", "its full, formal name"));
        if (given.Representatives.Count == 0)
            missing.Add(("--representative", "at least one person who may authorise changes, as \"Name <email>\""));
        if (given.Deals.Count == 0)
            missing.Add(("--deal", "the HubSpot deal's address or id"));
        if (given.Hubs.Count == 0)
            missing.Add(("--hub", "at least one hub, as name=domain"));
        return missing;
    }

    private static List<SourceFile> Existing(CliContext context)
    {
        if (!context.Files.DirectoryExists(ManifestSources.DefaultDirectory))
            return [];
        var (files, _) = ManifestSources.Collect(context, []);
        return [.. files];
    }

    /// <summary>
    /// The prompts: each answer is checked as it is given, with the rules <c>validate</c> applies to that field. Ctrl-C
    /// cancels <paramref name="cancellationToken"/>, which stops the prompt waiting for a key.
    /// </summary>
    private sealed class Prompter(IAnsiConsole terminal, CliContext context, IReadOnlyList<SourceFile> existing, CancellationToken cancellationToken)
    {
        public async Task<CommunityAnswers> AskAsync(CommunityAnswers given)
        {
            terminal.MarkupLine("[bold]A new community.[/] Answer what you know; an empty answer leaves an optional field out. Ctrl-C stops without writing anything.");
            var a = given;
            if (string.IsNullOrWhiteSpace(a.Name))
            {
                a = a with
                {
                    Name = await TextAsync("Short name (one lowercase word: letters and digits)", "name", v => a with { Name = v }, required: true,
                        extra: v => context.Files.FileExists(ManifestWriter.PathFor(v.Trim().ToLowerInvariant())) ? $"{ManifestWriter.PathFor(v.Trim().ToLowerInvariant())} already exists; choose another name." : null),
                };
            }

            if (string.IsNullOrWhiteSpace(a.LongName))
                a = a with { LongName = await TextAsync("Full name", "long_name", v => a with { LongName = v }, required: true) };
            if (a.Website is null)
                a = a with { Website = await TextAsync("Website", "website", v => a with { Website = v }) };
            if (a.GitHubOrganization is null)
                a = a with { GitHubOrganization = await TextAsync("GitHub organisation (its page, @name or name)", "github_organization", v => a with { GitHubOrganization = v }) };
            if (a.Logo is null)
                a = a with { Logo = await TextAsync("Logo address", "logo", v => a with { Logo = v }) };
            if (a.Representatives.Count == 0)
                a = a with { Representatives = await ListAsync("Representative (Name <email> @github)", "representatives", a.Representatives, (v, list) => a with { Representatives = list }, minimum: 1) };
            if (a.TechnicalContacts.Count == 0)
                a = a with { TechnicalContacts = await ListAsync("Technical contact (Name <email> @github)", "technical_contacts", a.TechnicalContacts, (v, list) => a with { TechnicalContacts = list }, minimum: 0) };
            if (a.Deals.Count == 0)
                a = a with { Deals = await ListAsync("HubSpot deal (its address or id)", "deals", a.Deals, (v, list) => a with { Deals = list }, minimum: 1) };
            if (a.Configurator is null)
                a = a with { Configurator = await TextAsync("Hub Configurator share link", "configurator", v => a with { Configurator = v }) };
            if (a.Hubs.Count == 0)
                a = a with { Hubs = await HubsAsync(a) };
            if (a.SignIn is null)
                a = a with { SignIn = await ChooseAsync("How will people sign in?", NewCommunityForm.SignInChoices) };

            if (a.Admins.Count == 0)
            {
                var admins = await TextAsync("Hub administrators (GitHub handles or emails, separated by commas)", "hubs[0].auth.admins", v => a with { Admins = [v] });
                a = a with { Admins = admins is null ? [] : [admins] };
            }

            if (a.SignIn?.StartsWith("cilogon", StringComparison.Ordinal) == true && a.Institutions.Count == 0)
            {
                var institutions = await TextAsync("Institutions' domains (separated by commas)", "hubs[0].auth.institutions", v => a with { Institutions = Pasted.Items(v) });
                a = a with { Institutions = Pasted.Items(institutions) };
            }

            if (a.Provider is null)
                a = a with { Provider = await ChooseAsync("Cloud provider", NewCommunityForm.ProviderChoices) };

            if (a.Region is null)
                a = a with { Region = await TextAsync("Cloud region (empty: the default, us-west-2 on AWS)", "cloud.region", v => a with { Region = v }) };
            if (a.Context is null)
                a = a with { Context = await ContextAsync() };
            if (a.Notes is null)
                a = a with { Notes = await TextAsync("Anything else the infrastructure team should know", "notes", v => a with { Notes = v }) };
            if (a.Transcript is null)
                a = a with { Transcript = await TextAsync("Link to the meeting's transcript", "transcript", v => a with { Transcript = v }) };
            return a;
        }

        /// <summary>One of <paramref name="choices"/>, picked from a list that shows each one's label.</summary>
        private async Task<string?> ChooseAsync(string title, IReadOnlyList<(string Choice, string? Value)> choices)
        {
            var prompt = new SelectionPrompt<(string Choice, string? Value)>()
                .Title(title)
                .AddChoices(choices)
                .UseConverter(c => Markup.Escape(c.Choice));
            return (await terminal.PromptAsync(prompt, cancellationToken)).Value;
        }

        private async Task<string?> TextAsync(string question, string field, Func<string, CommunityAnswers> with, bool required = false, Func<string, string?>? extra = null)
        {
            var prompt = new TextPrompt<string>((required ? "" : "[grey](optional)[/] ") + Markup.Escape(question));
            if (!required)
                prompt.AllowEmpty();
            prompt.Validate(value =>
            {
                if (value.Trim().Length == 0)
                    return required ? PromptResult.Error("[red]An answer is needed.[/]") : PromptResult.Success();
                var problem = extra?.Invoke(value) ?? Check(with(value), field);
                return problem is null ? PromptResult.Success() : PromptResult.Error("[red]" + Markup.Escape(problem) + "[/]");
            });
            var answer = (await terminal.PromptAsync(prompt, cancellationToken)).Trim();
            return answer.Length == 0 ? null : answer;
        }

        private async Task<List<string>> ListAsync(string question, string field, IReadOnlyList<string> start, Func<string, List<string>, CommunityAnswers> with, int minimum)
        {
            var list = start.ToList();
            while (true)
            {
                var index = list.Count;
                var required = index < minimum;
                var answer = await TextAsync(required ? question : question + ", empty when done", $"{field}[{index}]", v => with(v, [.. list, v]), required);
                if (answer is null)
                    return list;
                list.Add(answer);
            }
        }

        private async Task<List<string>> HubsAsync(CommunityAnswers a)
        {
            var hubs = new List<string>();
            while (true)
            {
                var first = hubs.Count == 0;
                var prompt = new TextPrompt<string>(first ? "Hub name" : "[grey](empty when done)[/] Another hub's name");
                if (first)
                    prompt.DefaultValue("prod");
                else
                    prompt.AllowEmpty();
                var name = (await terminal.PromptAsync(prompt, cancellationToken)).Trim();
                if (name.Length == 0)
                    return hubs;
                var index = hubs.Count;
                var domain = (await TextAsync($"Address (domain) of the {name} hub", $"hubs[{index}]", v => a with { Hubs = [.. hubs, $"{name}={v}"] }, required: true))!;
                hubs.Add($"{name}={domain}");
            }
        }

        private async Task<string?> ContextAsync()
        {
            var text = new StringBuilder();
            terminal.MarkupLine("The community's context, for the turnup issues (one line each; edit the file later for more):");
            foreach (var question in NewCommunityForm.ContextQuestions)
            {
                var answer = (await terminal.PromptAsync(new TextPrompt<string>("[grey](optional)[/] " + Markup.Escape(question.Label)).AllowEmpty(), cancellationToken)).Trim();
                if (answer.Length == 0)
                    continue;
                if (text.Length > 0)
                    text.Append('\n');
                text.Append("## ").Append(question.Label).Append('\n').Append(answer).Append('\n');
            }

            return text.Length == 0 ? null : text.ToString();
        }

        /// <summary>The first problem of <paramref name="field"/> in the answers so far, or null.</summary>
        private string? Check(CommunityAnswers answers, string field)
        {
            var (draft, problems) = answers.ToDraft();
            var own = problems.FirstOrDefault(p => p.Field == field || p.Field.StartsWith(field + "[", StringComparison.Ordinal) || p.Field.StartsWith(field + ".", StringComparison.Ordinal));
            if (own is not null)
                return own.Message;
            return DraftCheck.ProblemsOf(field, draft, existing, context.Today) is [var first, ..] ? first.Message : null;
        }
    }
}
