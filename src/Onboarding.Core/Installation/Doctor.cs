using System.Globalization;
using Onboarding.Core.Configuration;
using Onboarding.Core.Services;
using Onboarding.Core.Services.HubSpot;

namespace Onboarding.Core.Installation;

/// <summary>
/// Judges an installation: what the configuration expects against what the services answered, one
/// <see cref="DoctorCheck"/> per piece, each failure a sentence with the fix. Pure: the reads are made elsewhere
/// (<see cref="InstallationReader"/>).
/// </summary>
public static class Doctor
{
    public const string HubSpot = "HubSpot";
    public const string Freshdesk = "Freshdesk";
    public const string GitHub = "GitHub";
    public const string Prometheus = "Prometheus";

    /// <summary>The color setup gives a label it creates.</summary>
    public const string LabelColor = "ededed";

    public static IReadOnlyList<DoctorCheck> Check(InstallationExpectations expected, ObservedInstallation observed)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(observed);
        var checks = new List<DoctorCheck>();
        foreach (var secret in observed.UnsetSecrets)
        {
            checks.Add(DoctorCheck.Fail(secret.Service, $"{secret.Variable} is set",
                $"{secret.Variable} is not set, so {secret.Service} was not checked: it is {secret.Purpose}. Set it in the environment (in the workflows, as a secret of the 'production' environment)."));
        }

        if (observed.HubSpot is { } hubSpot)
            checks.AddRange(HubSpotChecks(expected, hubSpot));
        if (observed.Freshdesk is { } freshdesk)
            checks.AddRange(FreshdeskChecks(expected, freshdesk));
        if (observed.GitHub is { } gitHub)
            checks.AddRange(GitHubChecks(expected, gitHub));
        if (observed.Prometheus is { } prometheus)
            checks.AddRange(PrometheusChecks(prometheus));
        return checks;
    }

    // ---------------------------------------------------------------- HubSpot

    private const string HubSpotToken = "HUBSPOT_TOKEN";

    private static IEnumerable<DoctorCheck> HubSpotChecks(InstallationExpectations expected, ObservedHubSpot observed)
    {
        var settings = expected.Settings.HubSpot;
        const string accepted = "HubSpot accepts HUBSPOT_TOKEN";
        if (observed.Schema.Refused(401))
        {
            yield return DoctorCheck.Fail(HubSpot, accepted, NotAccepted(HubSpot, HubSpotToken, observed.Schema.Failure!,
                "create a private app token (Settings > Integrations > Private Apps) and set HUBSPOT_TOKEN to it"));
            yield break;
        }

        yield return DoctorCheck.Pass(HubSpot, accepted);

        var objectType = settings.CommunityObjectType;
        var schemaTitle = $"The Community object type {objectType} exists";
        if (observed.Schema.Failure is { } schemaFailure)
        {
            yield return DoctorCheck.Fail(HubSpot, schemaTitle, Refusal(HubSpot, HubSpotToken, "read the Community object's schema", schemaFailure));
            yield break;
        }

        if (observed.Schema.Value is null)
        {
            yield return DoctorCheck.Fail(HubSpot, schemaTitle,
                $"HubSpot has no object type {objectType} (hubspot.community_object_type in onboarding.yaml). Create the Community custom object " +
                "(Settings > Objects > Custom Objects, or the object schemas API) with a unique name property, then put its object type id (2-…) in hubspot.community_object_type.");
            yield break;
        }

        yield return DoctorCheck.Pass(HubSpot, schemaTitle);
        foreach (var check in PropertyChecks(expected, observed))
            yield return check;
        foreach (var check in AssociationChecks(settings, observed))
            yield return check;
        foreach (var check in PipelineChecks(settings, observed.Pipelines))
            yield return check;
    }

    private static IEnumerable<DoctorCheck> PropertyChecks(InstallationExpectations expected, ObservedHubSpot observed)
    {
        var properties = observed.Properties;
        if (properties.Failure is { } failure)
        {
            yield return DoctorCheck.Fail(HubSpot, "The Community object's properties can be read", Refusal(HubSpot, HubSpotToken, "read the Community object's properties", failure));
            yield break;
        }

        var existing = properties.Value ?? [];
        var group = existing.Select(p => p.GroupName).FirstOrDefault(g => g.Length > 0) ?? "community_information";
        foreach (var want in expected.Properties)
        {
            var title = $"Community property {want.Name} ({want.Type}{(want.Unique ? ", unique" : "")})";
            var found = existing.FirstOrDefault(p => string.Equals(p.Name, want.Name, StringComparison.Ordinal));
            if (found is null)
            {
                yield return DoctorCheck.Fail(HubSpot, title,
                    $"The Community object has no property {want.Name} (hubspot.properties.{want.Field} in onboarding.yaml); `onboarding setup` creates it, or point hubspot.properties.{want.Field} at the property that holds it.",
                    new CreateCommunityProperty(new PortalProperty(want.Name, want.Label, want.Type, want.FieldTypes[0], group, want.Unique)));
                continue;
            }

            if (!string.Equals(found.Type, want.Type, StringComparison.Ordinal) || !want.FieldTypes.Contains(found.FieldType, StringComparer.Ordinal))
            {
                yield return DoctorCheck.Fail(HubSpot, title,
                    $"The Community property {want.Name} is a {found.Type} property shown as {found.FieldType}, but onboarding writes {Article(want.Type)} {want.Type} ({string.Join(" or ", want.FieldTypes)}) into it. " +
                    $"Point hubspot.properties.{want.Field} in onboarding.yaml at a property of that type, or change the property's field type in HubSpot (Settings > Properties > Community).");
                continue;
            }

            if (want.Unique && !found.HasUniqueValue)
            {
                yield return DoctorCheck.Fail(HubSpot, title,
                    $"The Community property {want.Name} does not require unique values, and onboarding finds each community by it. HubSpot cannot make an existing property unique: " +
                    $"create a property with unique values (Settings > Properties > Community, \"Require unique values\"), copy the names into it and point hubspot.properties.{want.Field} at it.");
                continue;
            }

            yield return DoctorCheck.Pass(HubSpot, title);
        }
    }

    private static IEnumerable<DoctorCheck> AssociationChecks(HubSpotSettings settings, ObservedHubSpot observed)
    {
        var labels = new[] { ("representative", settings.RepresentativeLabel), ("technical_contact", settings.TechnicalContactLabel) };
        foreach (var (field, label) in labels)
        {
            var title = $"Association label \"{label}\" from Community to contacts";
            if (observed.ContactTypes.Failure is { } failure)
            {
                yield return DoctorCheck.Fail(HubSpot, title, Refusal(HubSpot, HubSpotToken, "read the Community–contact association labels", failure));
                continue;
            }

            if ((observed.ContactTypes.Value ?? []).Any(t => string.Equals(t.Label, label, StringComparison.OrdinalIgnoreCase)))
            {
                yield return DoctorCheck.Pass(HubSpot, title);
                continue;
            }

            yield return DoctorCheck.Fail(HubSpot, title,
                $"HubSpot has no association label \"{label}\" between Community and contacts (hubspot.association_labels.{field} in onboarding.yaml); `onboarding setup` creates it, or name the existing label there.",
                new CreateContactLabel(LabelName(label), label));
        }

        foreach (var (title, types, between) in new[]
        {
            ("Association type between Community and deals", observed.DealTypes, "deals"),
            ("Association type between notes and Community", observed.NoteTypes, "notes"),
        })
        {
            if (types.Failure is { } failure)
            {
                yield return DoctorCheck.Fail(HubSpot, title, Refusal(HubSpot, HubSpotToken, $"read the association types between Community and {between}", failure));
                continue;
            }

            if ((types.Value ?? []).Any(t => t.Label is null))
            {
                yield return DoctorCheck.Pass(HubSpot, title);
                continue;
            }

            yield return DoctorCheck.Fail(HubSpot, title,
                $"The portal has no association between Community and {between}, so onboarding cannot {(between == "deals" ? "link a community to its deals" : "attach its delivery notes to a community")}. " +
                $"In HubSpot, open Settings > Objects > Custom Objects > Community > Associations and associate Community with {(between == "deals" ? "Deals" : "Notes")}.");
        }
    }

    private static IEnumerable<DoctorCheck> PipelineChecks(HubSpotSettings settings, Read<IReadOnlyList<DealPipeline>> pipelines)
    {
        foreach (var stage in settings.AllowedDealStages)
        {
            var title = $"A deal pipeline has the stage \"{stage}\"";
            if (pipelines.Failure is { } failure)
            {
                yield return DoctorCheck.Fail(HubSpot, title, Refusal(HubSpot, HubSpotToken, "read the deal pipelines", failure));
                continue;
            }

            var all = pipelines.Value ?? [];
            if (all.Any(p => p.Stages.Any(s => string.Equals(s.Label, stage, StringComparison.OrdinalIgnoreCase))))
            {
                yield return DoctorCheck.Pass(HubSpot, title);
                continue;
            }

            var known = all.SelectMany(p => p.Stages.Select(s => s.Label)).Distinct(StringComparer.OrdinalIgnoreCase).Select(s => $"\"{s}\"").ToList();
            yield return DoctorCheck.Fail(HubSpot, title,
                $"No deal pipeline has a stage labelled \"{stage}\" (hubspot.allowed_deal_stages in onboarding.yaml), so no deal could ever allow a turnup issue. " +
                $"Use the label of an existing stage{(known.Count == 0 ? "" : $" ({string.Join(", ", known)})")}, or add the stage to a pipeline (Settings > Objects > Deals > Pipelines).");
        }
    }

    /// <summary>The internal name HubSpot is given for a label: lower case, words joined by underscores.</summary>
    public static string LabelName(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var chars = label.Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray();
        return new string(chars).Trim('_');
    }

    // ---------------------------------------------------------------- Freshdesk

    private const string FreshdeskKey = "FRESHDESK_API_KEY";

    private static IEnumerable<DoctorCheck> FreshdeskChecks(InstallationExpectations expected, ObservedFreshdesk observed)
    {
        var settings = expected.Settings.Freshdesk;
        const string accepted = "Freshdesk accepts FRESHDESK_API_KEY";
        if (observed.EmailConfigs.Refused(401))
        {
            yield return DoctorCheck.Fail(Freshdesk, accepted, NotAccepted(Freshdesk, FreshdeskKey, observed.EmailConfigs.Failure!,
                "copy the API key from the agent's profile settings in Freshdesk and set FRESHDESK_API_KEY to it"));
            yield break;
        }

        yield return DoctorCheck.Pass(Freshdesk, accepted);
        var mailbox = $"The outbound email configuration {settings.EmailConfigId} exists";
        if (observed.EmailConfigs.Failure is { } mailFailure)
        {
            yield return DoctorCheck.Fail(Freshdesk, mailbox, Refusal(Freshdesk, FreshdeskKey, "list the email configurations", mailFailure));
        }
        else if ((observed.EmailConfigs.Value ?? []).Any(c => c.Id == settings.EmailConfigId))
        {
            yield return DoctorCheck.Pass(Freshdesk, mailbox);
        }
        else
        {
            var known = (observed.EmailConfigs.Value ?? []).Select(c => $"{c.Id.ToString(CultureInfo.InvariantCulture)} ({c.ReplyEmail})").ToList();
            yield return DoctorCheck.Fail(Freshdesk, mailbox,
                $"Freshdesk has no email configuration {settings.EmailConfigId} (freshdesk.email_config_id in onboarding.yaml), so no announcement email could be sent. " +
                (known.Count == 0
                    ? "Add a support mailbox (Admin > Channels > Email) and put its id there."
                    : $"Put one of the helpdesk's there: {string.Join(", ", known)}."));
        }

        if (observed.CompanyFields.Failure is { } fieldsFailure)
        {
            yield return DoctorCheck.Fail(Freshdesk, "The company fields can be read", Refusal(Freshdesk, FreshdeskKey, "list the company fields", fieldsFailure));
            yield break;
        }

        var read = observed.CompanyFields.Value!;
        foreach (var want in expected.CompanyFields)
        {
            var title = $"Company field {want.Name}";
            var found = read.Fields.FirstOrDefault(f => string.Equals(f.Name, want.Name, StringComparison.Ordinal));
            if (found is null)
            {
                yield return DoctorCheck.Fail(Freshdesk, title,
                    $"Freshdesk has no company field {want.Name} (freshdesk.company_fields.{want.Field} in onboarding.yaml); `onboarding setup` creates it, or name the existing field there.",
                    new CreateCompanyField(want.Field, want.Name, want.CreateType));
            }
            else if (!want.Types.Contains(found.Type, StringComparer.Ordinal))
            {
                yield return DoctorCheck.Fail(Freshdesk, title,
                    $"The company field {want.Name} is a {found.Type} field, which cannot hold what onboarding writes ({string.Join(" or ", want.Types)}). " +
                    $"Point freshdesk.company_fields.{want.Field} in onboarding.yaml at a field of that type (Admin > Customer Fields > Company).");
            }
            else
            {
                yield return DoctorCheck.Pass(Freshdesk, title);
            }
        }

        var plan = FreshdeskRateLimits.For(settings.Plan);
        var per = plan.Window == TimeSpan.FromHours(1) ? "an hour" : "a minute";
        var planTitle = $"The plan setting ({settings.Plan.ToString().ToLowerInvariant()}, {plan.Requests.ToString(CultureInfo.InvariantCulture)} requests {per}) matches the limit Freshdesk announces";
        if (read.AnnouncedLimit is not { } announced || announced == plan.Requests)
        {
            yield return DoctorCheck.Pass(Freshdesk, planTitle);
        }
        else
        {
            var matching = Enum.GetValues<FreshdeskPlan>().Where(p => FreshdeskRateLimits.For(p).Requests == announced).Select(p => p.ToString().ToLowerInvariant()).ToList();
            yield return DoctorCheck.Fail(Freshdesk, planTitle,
                $"Freshdesk announces a budget of {announced.ToString(CultureInfo.InvariantCulture)} requests (X-RateLimit-Total), but freshdesk.plan in onboarding.yaml is {settings.Plan.ToString().ToLowerInvariant()} ({plan.Requests.ToString(CultureInfo.InvariantCulture)} {per}), so the program would pace itself wrongly. " +
                (matching.Count == 0 ? "Set freshdesk.plan to the account's plan (Admin > Account > Plans and Billing)." : $"Set freshdesk.plan to the account's plan ({string.Join(" or ", matching)})."));
        }
    }

    // ---------------------------------------------------------------- GitHub

    private const string GitHubToken = "INFRA_GITHUB_TOKEN";

    private static IEnumerable<DoctorCheck> GitHubChecks(InstallationExpectations expected, ObservedGitHub observed)
    {
        var repository = expected.Settings.GitHub.InfrastructureRepository;
        const string accepted = "GitHub accepts INFRA_GITHUB_TOKEN";
        if (observed.Access.Refused(401))
        {
            yield return DoctorCheck.Fail(GitHub, accepted, NotAccepted(GitHub, GitHubToken, observed.Access.Failure!,
                "create a token with access to the infrastructure repository and set INFRA_GITHUB_TOKEN to it"));
            yield break;
        }

        yield return DoctorCheck.Pass(GitHub, accepted);
        var reachable = $"The repository {repository} is reachable";
        if (observed.Access.Failure is { } failure)
        {
            yield return DoctorCheck.Fail(GitHub, reachable, failure.Status == 404
                ? $"GitHub has no repository {repository} that INFRA_GITHUB_TOKEN can see (github.infrastructure_repository in onboarding.yaml). Check the name, and give the token access to it."
                : Refusal(GitHub, GitHubToken, $"read {repository}", failure));
            yield break;
        }

        yield return DoctorCheck.Pass(GitHub, reachable);
        var push = $"INFRA_GITHUB_TOKEN can push to {repository}";
        yield return observed.Access.Value!.CanPush
            ? DoctorCheck.Pass(GitHub, push)
            : DoctorCheck.Fail(GitHub, push,
                $"INFRA_GITHUB_TOKEN can read {repository} but not push to it, and GitHub silently drops the labels such a token sets on issues. " +
                "Give it write access: a classic token needs the repo scope and its user the Write role; a fine-grained token or an app needs Issues: read and write on the repository.");

        foreach (var label in expected.Settings.GitHub.TurnupLabels)
        {
            var title = $"Label {label} in {repository}";
            if (observed.Labels.Failure is { } labelsFailure)
                yield return DoctorCheck.Fail(GitHub, title, Refusal(GitHub, GitHubToken, $"list the labels of {repository}", labelsFailure));
            else if ((observed.Labels.Value ?? []).Contains(label, StringComparer.OrdinalIgnoreCase))
                yield return DoctorCheck.Pass(GitHub, title);
            else
                yield return DoctorCheck.Fail(GitHub, title,
                    $"{repository} has no label {label} (github.turnup_labels in onboarding.yaml); `onboarding setup` creates it.",
                    new CreateRepositoryLabel(repository, label, LabelColor, "Opened by community onboarding"));
        }

        foreach (var (path, read) in observed.Templates)
        {
            var title = $"Turnup template {path} in {repository}";
            if (read.Failure is { } templateFailure)
                yield return DoctorCheck.Fail(GitHub, title, Refusal(GitHub, GitHubToken, $"read {path}", templateFailure));
            else if (read.Value is not null)
                yield return DoctorCheck.Pass(GitHub, title);
            else
                yield return DoctorCheck.Fail(GitHub, title,
                    $"{repository} has no {path}, so the turnup issue it is for cannot be filled in. The infrastructure team keeps these templates: ask them to add it on the default branch, or configure the template's file name.");
        }

        if (observed.Board is { } board)
        {
            var title = $"The board {expected.Settings.GitHub.Project?.Owner}/{expected.Settings.GitHub.Project?.Number.ToString(CultureInfo.InvariantCulture)} can be used";
            yield return board.Count == 0 ? DoctorCheck.Pass(GitHub, title) : DoctorCheck.Fail(GitHub, title, string.Join(" ", board));
        }
    }

    // ---------------------------------------------------------------- Prometheus

    private static IEnumerable<DoctorCheck> PrometheusChecks(IReadOnlyList<ObservedPrometheus> hubs)
    {
        foreach (var hub in hubs)
        {
            var title = $"Prometheus of {hub.Community}/{hub.Hub} answers";
            if (hub.NotAsked is { } gap)
            {
                // No login at all is how an installation says "do not ask this one" (first-value skips it too); half of one is a mistake.
                yield return gap.IsMistake
                    ? DoctorCheck.Fail(Prometheus, title, gap.Reason)
                    : DoctorCheck.Pass(Prometheus, $"Prometheus of {hub.Community}/{hub.Hub} is not asked: {gap.Reason}");
                continue;
            }

            if (hub.Answer?.Failure is not { } failure)
            {
                yield return DoctorCheck.Pass(Prometheus, title);
                continue;
            }

            var fix = failure.Status switch
            {
                // The client's sentence already names the variables the login came from (the community's own, or the shared pair).
                401 => "",
                403 => "That login may not read it; ask for one that may.",
                404 => "Check prometheus_url in onboarding.yaml: the address it gives for this community does not serve Prometheus' API.",
                _ => "Check prometheus_url in onboarding.yaml and that the hub's Prometheus is up.",
            };
            yield return DoctorCheck.Fail(Prometheus, title, $"{hub.Address} did not answer a query: {failure.Message} {fix}".TrimEnd());
        }
    }

    // ---------------------------------------------------------------- sentences

    private static string NotAccepted(string service, string variable, ServiceException failure, string fix) =>
        $"{service} did not accept {variable} (HTTP 401): {failure.Message} It may be mistyped, expired or revoked: {fix}.";

    /// <summary>A refusal as a sentence: 403 names what the credential lacks (HubSpot's MISSING_SCOPES names the scope, in the client's message).</summary>
    private static string Refusal(string service, string variable, string what, ServiceException failure) => failure.Status switch
    {
        401 => $"{service} did not accept {variable} (HTTP 401): {failure.Message}",
        403 => $"{variable} is accepted but may not {what} (HTTP 403): {failure.Message} Grant the credential that permission and run doctor again.",
        _ => $"Could not {what}: {failure.Message}",
    };

    private static string Article(string word) => "aeiou".Contains(word[0], StringComparison.Ordinal) ? "an" : "a";
}
