using System.Text.RegularExpressions;
using Onboarding.Core.Configurator;
using Onboarding.Core.Manifests;
using Onboarding.Core.Resources;

namespace Onboarding.Core.Validation;

/// <summary>The checks a JSON Schema cannot express: ones about the file itself, dates, and uniqueness across files.</summary>
public static partial class ManifestRules
{
    public const string SchemaComment = "# yaml-language-server: $schema=../schemas/community.schema.json";

    /// <summary>
    /// The deployed date <c>onboarding import</c> writes, because HubSpot does not record when a hub went live and a
    /// deployed hub needs one. Plainly not a real day, and warned about wherever it stands until BD replaces it.
    /// </summary>
    public const string ImportPlaceholderDate = "2000-01-01";

    /// <summary>Rules within one manifest. <paramref name="flagged"/> holds fields the schema already reported.</summary>
    public static IEnumerable<Problem> CheckFile(SourceFile file, ManifestDocument document, ISet<string> flagged, DateOnly today)
    {
        var community = document.Community;
        var at = document.LocationOf;
        var path = file.Path;

        if (!file.FileName.EndsWith(".yaml", StringComparison.Ordinal))
            yield return Problem.Error(path, SourceLocation.Start, "", $"Manifests end in .yaml; rename the file to {Stem(file.FileName)}.yaml.");
        if (community.Name.Length > 0 && !flagged.Contains("name") && Stem(file.FileName) != community.Name)
        {
            yield return Problem.Error(path, at("name"), "name",
                $"The file is named {file.FileName} but the community is \"{community.Name}\"; rename the file to {community.Name}.yaml or fix the name.");
        }

        if (!StartsWithSchemaComment(file))
        {
            yield return Problem.Warning(path, SourceLocation.Start, "",
                $"The first line should be \"{SchemaComment}\" so that editors can check the file as you type.");
        }

        foreach (var problem in People(path, "representatives", community.Representatives, at, flagged))
            yield return problem;
        foreach (var problem in People(path, "technical_contacts", community.TechnicalContacts, at, flagged))
            yield return problem;

        foreach (var problem in Markup(path, community, at, flagged))
            yield return problem;

        if (community.Configurator is { } link && !flagged.Contains("configurator"))
        {
            var configurator = HubConfigurator.Read(link);
            foreach (var error in configurator.Errors)
                yield return Problem.Error(path, at("configurator"), "configurator", error);
            foreach (var warning in configurator.Warnings)
                yield return Problem.Warning(path, at("configurator"), "configurator", warning);
        }

        foreach (var problem in Duplicates(path, "deals", community.Deals, d => d, i => $"deals[{i}]", at, "deal"))
            yield return problem;
        foreach (var problem in Duplicates(path, "hubs", community.Hubs, h => h.Name, i => $"hubs[{i}].name", at, "hub name"))
            yield return problem;

        for (var i = 0; i < community.Hubs.Count; i++)
        {
            foreach (var problem in Hub(path, $"hubs[{i}]", community.Hubs[i], document, flagged, today))
                yield return problem;
        }
    }

    /// <summary>Rules across all manifests: names, hub domains and deal ids belong to one community each.</summary>
    public static IEnumerable<Problem> CheckAcross(IReadOnlyList<ManifestDocument> documents)
    {
        var names = new Dictionary<string, (ManifestDocument Document, string Field)>(StringComparer.OrdinalIgnoreCase);
        var domains = new Dictionary<string, (ManifestDocument Document, string Field)>(StringComparer.OrdinalIgnoreCase);
        var deals = new Dictionary<string, (ManifestDocument Document, string Field)>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            var community = document.Community;
            if (Claim(names, community.Name, document, "name") is { } nameOwner)
                yield return Taken(document, "name", $"The name \"{community.Name}\" is already used by", nameOwner);

            var hubDomains = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < community.Hubs.Count; i++)
            {
                var domain = community.Hubs[i].Domain;
                var field = $"hubs[{i}].domain";
                if (!hubDomains.Add(domain))
                {
                    yield return Problem.Error(document.Path, document.LocationOf(field), field, $"The domain {domain} is given to two hubs of this community; each hub needs its own.");
                    continue;
                }

                if (Claim(domains, domain, document, field) is { } domainOwner)
                    yield return Taken(document, field, $"The domain {domain} already belongs to a hub of", domainOwner);
            }

            for (var i = 0; i < community.Deals.Count; i++)
            {
                var field = $"deals[{i}]";
                if (Claim(deals, community.Deals[i], document, field) is { } dealOwner && dealOwner.Document != document)
                    yield return Taken(document, field, $"The deal {community.Deals[i]} is already listed by", dealOwner);
            }
        }
    }

    private static (ManifestDocument Document, string Field)? Claim(
        Dictionary<string, (ManifestDocument Document, string Field)> owners, string key, ManifestDocument document, string field)
    {
        if (key.Length == 0)
            return null;
        if (owners.TryGetValue(key, out var owner))
            return owner;
        owners[key] = (document, field);
        return null;
    }

    private static Problem Taken(ManifestDocument document, string field, string what, (ManifestDocument Document, string Field) owner) =>
        Problem.Error(document.Path, document.LocationOf(field), field,
            $"{what} {owner.Document.Path} (line {owner.Document.LocationOf(owner.Field).Line}); each belongs to one community only.");

    /// <summary>Characters that make markup; plain text (names, addresses) has no use for them.</summary>
    private static readonly char[] MarkupCharacters = ['<', '>', '"'];

    /// <summary>
    /// Names and addresses reach HubSpot and Freshdesk as plain text, and from there other systems, which may show them
    /// as HTML: markup in them is refused here. (The schema's <c>format: uri</c> accepts <c>&lt;</c>, <c>&gt;</c> and <c>"</c>.)
    /// </summary>
    private static IEnumerable<Problem> Markup(string path, Community community, Func<string, SourceLocation> at, ISet<string> flagged)
    {
        List<(string Field, string? Value)> fields =
        [
            ("long_name", community.LongName), ("website", community.Website), ("github_organization", community.GitHubOrganization),
            ("logo", community.Logo), ("configurator", community.Configurator), ("transcript", community.Transcript),
            .. community.Representatives.Select((p, i) => ($"representatives[{i}].name", (string?)p.Name)),
            .. community.TechnicalContacts.Select((p, i) => ($"technical_contacts[{i}].name", (string?)p.Name)),
            .. community.Hubs.Select((h, i) => ($"hubs[{i}].url", h.Url)),
        ];
        foreach (var (field, value) in fields)
        {
            if (value is null || flagged.Contains(field))
                continue;
            var found = MarkupCharacters.Where(c => value.Contains(c, StringComparison.Ordinal)).Select(c => $"{c}").ToList();
            if (found.Count > 0)
            {
                yield return Problem.Error(path, at(field), field,
                    $"Names and addresses are plain text, so <, > and \" may not appear in them; remove the {string.Join(" and ", found)} from this value.");
            }
        }
    }

    private static IEnumerable<Problem> People(string path, string role, IReadOnlyList<Person> people, Func<string, SourceLocation> at, ISet<string> flagged)
    {
        for (var i = 0; i < people.Count; i++)
        {
            var field = $"{role}[{i}].email";
            var email = people[i].Email;
            if (email.Length > 0 && !flagged.Contains(field) && !IsEmail(email))
                yield return Problem.Error(path, at(field), field, $"\"{email}\" is not a valid email address (it should look like name@example.org).");
        }

        foreach (var problem in Duplicates(path, role, people, p => p.Email.ToLowerInvariant(), i => $"{role}[{i}].email", at, "person"))
            yield return problem;
    }

    private static IEnumerable<Problem> Duplicates<T>(
        string path, string list, IReadOnlyList<T> items, Func<T, string> key, Func<int, string> fieldOf, Func<string, SourceLocation> at, string what)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var k = key(items[i]);
            if (k.Length == 0)
                continue;
            if (first.TryGetValue(k, out var earlier))
            {
                yield return Problem.Error(path, at(fieldOf(i)), fieldOf(i),
                    $"This {what} is listed twice in {list} (also at line {at(fieldOf(earlier)).Line}); keep one.");
            }
            else
            {
                first[k] = i;
            }
        }
    }

    private static IEnumerable<Problem> Hub(string path, string prefix, Hub hub, ManifestDocument document, ISet<string> flagged, DateOnly today)
    {
        var at = document.LocationOf;
        var requestedText = RawDate(document, $"{prefix}.requested");
        var deployedText = RawDate(document, $"{prefix}.deployed");
        foreach (var (field, text, date) in new[] { ($"{prefix}.requested", requestedText, hub.Requested), ($"{prefix}.deployed", deployedText, hub.Deployed) })
        {
            if (text is null || flagged.Contains(field))
                continue;
            if (date is null)
                yield return Problem.Error(path, at(field), field, $"{text} is not a real date; write it as YYYY-MM-DD.");
            else if (date > today)
                yield return Problem.Error(path, at(field), field, $"{text} is in the future (today is {today:yyyy-MM-dd}); record a day that has happened.");
        }

        if (hub.Requested is { } requested && hub.Deployed is { } deployed && deployed < requested)
        {
            yield return Problem.Error(path, at($"{prefix}.deployed"), $"{prefix}.deployed",
                $"The hub is deployed ({deployed:yyyy-MM-dd}) before it was requested ({requested:yyyy-MM-dd}); one of the dates is wrong.");
        }

        if (hub.Status == HubStatus.Deployed && !flagged.Contains($"{prefix}.status"))
        {
            if (hub.Url is null)
                yield return Problem.Error(path, at($"{prefix}.status"), $"{prefix}.url", "The hub is marked deployed but has no url; add the address people use to reach it.");
            if (deployedText is null)
                yield return Problem.Error(path, at($"{prefix}.status"), $"{prefix}.deployed", "The hub is marked deployed but has no deployed date; add the day it went live (YYYY-MM-DD).");
        }

        if (deployedText == ImportPlaceholderDate && !flagged.Contains($"{prefix}.deployed"))
        {
            yield return Problem.Warning(path, at($"{prefix}.deployed"), $"{prefix}.deployed",
                $"{ImportPlaceholderDate} is the placeholder onboarding import writes because HubSpot does not record when a hub went live; replace it with the real day (YYYY-MM-DD) before merging.");
        }

        for (var i = 0; i < hub.Resources.Count; i++)
        {
            var field = $"{prefix}.resources[{i}]";
            if (flagged.Contains(field))
                continue;
            if (ResourceSpec.Parse(hub.Resources[i]).Problem is { } problem)
                yield return Problem.Error(path, at(field), field, problem.Message);
        }
    }

    private static string? RawDate(ManifestDocument document, string field) =>
        document.Locations.TryGetValue(field, out var location) ? location.Text : null;

    private static bool StartsWithSchemaComment(SourceFile file)
    {
        var content = file.Content.AsSpan();
        if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            content = content[3..];
        return content.StartsWith(System.Text.Encoding.UTF8.GetBytes(SchemaComment));
    }

    private static string Stem(string fileName)
    {
        var dot = fileName.LastIndexOf('.');
        return dot <= 0 ? fileName : fileName[..dot];
    }

    internal static bool IsEmail(string email) => EmailPattern().IsMatch(email) && !email.Contains("..", StringComparison.Ordinal);

    // Local part: printable ASCII without spaces or specials; domain: dot-separated labels and a letter TLD.
    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex EmailPattern();
}
