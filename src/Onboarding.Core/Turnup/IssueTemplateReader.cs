using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Onboarding.Core.Manifests;

namespace Onboarding.Core.Turnup;

/// <summary>
/// Reads an issue template of the infrastructure repository: an issue form (<c>.yml</c>, <c>.yaml</c>) or a Markdown
/// template with front matter (<c>.md</c>). Strict, as GitHub is: a template GitHub would refuse, or one the program
/// could not fill in, gets located sentences (file, line, what is wrong) instead of a template. Nothing throws.
/// </summary>
/// <remarks>The YAML goes through the manifests' <see cref="YamlReader"/>, so a template gets the same refusals of
/// anchors, aliases, tags, duplicate keys, deep nesting, binary and oversized files.</remarks>
public static partial class IssueTemplateReader
{
    private static readonly string[] FormKeys = ["name", "description", "title", "labels", "assignees", "projects", "type", "body"];
    private static readonly string[] FrontMatterKeys = ["name", "about", "title", "labels", "assignees", "projects", "type"];
    private static readonly string[] FieldKeys = ["type", "id", "attributes", "validations"];

    private static readonly Dictionary<string, FormFieldType> FieldTypes = new(StringComparer.Ordinal)
    {
        ["markdown"] = FormFieldType.Markdown,
        ["textarea"] = FormFieldType.Textarea,
        ["input"] = FormFieldType.Input,
        ["dropdown"] = FormFieldType.Dropdown,
        ["checkboxes"] = FormFieldType.Checkboxes,
    };

    private static readonly Dictionary<FormFieldType, string[]> AttributeKeys = new()
    {
        [FormFieldType.Markdown] = ["value"],
        [FormFieldType.Textarea] = ["label", "description", "placeholder", "value", "render"],
        [FormFieldType.Input] = ["label", "description", "placeholder", "value"],
        [FormFieldType.Dropdown] = ["label", "description", "multiple", "options", "default"],
        [FormFieldType.Checkboxes] = ["label", "description", "options"],
    };

    public static (IssueTemplate? Template, IReadOnlyList<Problem> Problems) Read(SourceFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var problems = new List<Problem>();
        var extension = System.IO.Path.GetExtension(file.FileName).ToLowerInvariant();
        if (extension is not (".yml" or ".yaml" or ".md"))
        {
            problems.Add(Problem.Error(file.Path, SourceLocation.Start, "",
                "An issue template is an issue form (.yml or .yaml) or a Markdown template (.md); GitHub does not offer this file as a template."));
            return (null, problems);
        }

        if (file.Length > YamlReader.MaxBytes)
        {
            problems.Add(Problem.Error(file.Path, SourceLocation.Start, "",
                $"The file is {Math.Ceiling(file.Length / 1024.0).ToString(CultureInfo.InvariantCulture)} KiB; an issue template may be at most {YamlReader.MaxBytes / 1024} KiB."));
            return (null, problems);
        }

        var template = extension == ".md" ? ReadMarkdown(file, problems) : ReadForm(file, problems);
        return problems.Any(p => p.Severity == Severity.Error) ? (null, problems) : (template, problems);
    }

    private static IssueTemplate? ReadForm(SourceFile file, List<Problem> problems)
    {
        var (root, yamlProblems) = YamlReader.Read(file);
        problems.AddRange(yamlProblems.Select(p => Reword(p, "The file is empty. An issue form needs at least name, description and body.")));
        if (root is null)
            return null;

        var read = new Fields(file.Path, problems);
        read.OnlyKeys(root, "", FormKeys, "an issue form");
        var name = read.Text(root, "name", "", required: true);
        var description = read.Text(root, "description", "", required: true);
        var title = read.Text(root, "title", "", required: false);
        var labels = read.Names(root, "labels", "");
        var assignees = read.Names(root, "assignees", "");
        read.Names(root, "projects", "");
        read.Text(root, "type", "", required: false);

        var fields = new List<FormField>();
        if (root.Find("body") is not { } bodyEntry)
        {
            read.Error(root.Location, "body", "The form has no body: the list of fields GitHub shows and turns into the issue.");
        }
        else if (bodyEntry.Value is not YamlSequence body || body.Items.Count == 0)
        {
            read.Error(bodyEntry.Value.Location, "body", "The body must be a list of fields (each starting with \"- type:\").");
        }
        else
        {
            for (var i = 0; i < body.Items.Count; i++)
            {
                if (ReadField(read, body.Items[i], $"body[{i}]") is { } field)
                    fields.Add(field);
            }

            CheckAcrossFields(read, body, fields);
        }

        return new IssueTemplate
        {
            Path = file.Path,
            Format = IssueTemplateFormat.Form,
            Name = name ?? "",
            About = description ?? "",
            Title = title,
            Labels = labels,
            Assignees = assignees,
            Fields = fields,
        };
    }

    private static FormField? ReadField(Fields read, YamlNode node, string at)
    {
        if (node is not YamlMapping field)
        {
            read.Error(node.Location, at, "Each field of the body is a group of keys starting with \"- type:\".");
            return null;
        }

        read.OnlyKeys(field, at, FieldKeys, "a form field");
        var typeName = read.Text(field, "type", at, required: true);
        if (typeName is null)
            return null;
        if (!FieldTypes.TryGetValue(typeName, out var type))
        {
            read.Error(field["type"]!.Location, $"{at}.type",
                $"\"{typeName}\" is not a field type the program can fill in; it knows markdown, textarea, input, dropdown and checkboxes.");
            return null;
        }

        var id = read.Text(field, "id", at, required: false);
        if (id is not null && !IdPattern().IsMatch(id))
            read.Error(field["id"]!.Location, $"{at}.id", $"The id \"{id}\" may only have letters, digits, \"-\" and \"_\".");

        var attributesAt = $"{at}.attributes";
        if (read.Mapping(field, "attributes", at, required: true) is not { } attributes)
            return null;
        read.OnlyKeys(attributes, attributesAt, AttributeKeys[type], $"{(typeName == "input" ? "an" : "a")} {typeName} field");

        var required = false;
        if (read.Mapping(field, "validations", at, required: false) is { } validations)
        {
            var validationsAt = $"{at}.validations";
            read.OnlyKeys(validations, validationsAt, ["required"], "validations");
            if (type == FormFieldType.Markdown)
                read.Error(validations.Location, validationsAt, "A markdown field is not part of the submitted issue, so it takes no validations.");
            required = read.Bool(validations, "required", validationsAt) ?? false;
        }

        var valueNode = attributes["value"];
        var result = new FormField
        {
            Type = type,
            Id = id,
            Label = type == FormFieldType.Markdown ? "" : read.Text(attributes, "label", attributesAt, required: true) ?? "",
            Description = read.Text(attributes, "description", attributesAt, required: false),
            Placeholder = read.Text(attributes, "placeholder", attributesAt, required: false),
            Value = read.Text(attributes, "value", attributesAt, required: type == FormFieldType.Markdown),
            Render = read.Text(attributes, "render", attributesAt, required: false),
            Required = required,
            Location = field.Location,
            ValueLocation = valueNode?.Location ?? field.Location,
        };

        return type switch
        {
            FormFieldType.Dropdown => Dropdown(read, result, attributes, attributesAt),
            FormFieldType.Checkboxes => result with { Checkboxes = Checkboxes(read, attributes, attributesAt) },
            _ => result,
        };
    }

    private static FormField Dropdown(Fields read, FormField field, YamlMapping attributes, string at)
    {
        var options = new List<string>();
        if (read.Sequence(attributes, "options", at) is { } list)
        {
            for (var i = 0; i < list.Items.Count; i++)
            {
                if (list.Items[i] is not YamlScalar { IsNull: false } option)
                {
                    read.Error(list.Items[i].Location, $"{at}.options[{i}]", "Each dropdown option is one line of text.");
                    continue;
                }

                if (options.Contains(option.Value, StringComparer.Ordinal))
                    read.Error(option.Location, $"{at}.options[{i}]", $"The option \"{option.Value}\" is listed twice; GitHub needs each option once.");
                options.Add(option.Value);
            }
        }

        var defaultOption = read.Index(attributes, "default", at);
        if (defaultOption is { } index && options.Count > 0 && index >= options.Count)
        {
            read.Error(attributes["default"]!.Location, $"{at}.default",
                $"The default is option {index.ToString(CultureInfo.InvariantCulture)}, counted from 0, but there are only {options.Count.ToString(CultureInfo.InvariantCulture)} options.");
        }

        return field with { Options = options, DefaultOption = defaultOption, Multiple = read.Bool(attributes, "multiple", at) ?? false };
    }

    private static List<CheckboxOption> Checkboxes(Fields read, YamlMapping attributes, string at)
    {
        var boxes = new List<CheckboxOption>();
        if (read.Sequence(attributes, "options", at) is not { } list)
            return boxes;
        for (var i = 0; i < list.Items.Count; i++)
        {
            var optionAt = $"{at}.options[{i}]";
            if (list.Items[i] is not YamlMapping option)
            {
                read.Error(list.Items[i].Location, optionAt, "Each checkbox is a group of keys: label, and required if it must be ticked.");
                continue;
            }

            read.OnlyKeys(option, optionAt, ["label", "required"], "a checkbox");
            if (read.Text(option, "label", optionAt, required: true) is { } label)
                boxes.Add(new CheckboxOption(label, read.Bool(option, "required", optionAt) ?? false));
        }

        return boxes;
    }

    /// <summary>Ids and headings must be unique, and a form must ask something.</summary>
    private static void CheckAcrossFields(Fields read, YamlSequence body, List<FormField> fields)
    {
        var ids = new Dictionary<string, FormField>(StringComparer.Ordinal);
        var labels = new Dictionary<string, FormField>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (field.Id is { } id && !ids.TryAdd(id, field))
                read.Error(field.Location, "body", $"The id \"{id}\" is used by two fields (the other on line {ids[id].Location.Line.ToString(CultureInfo.InvariantCulture)}); each field needs its own.");
            if (field.Type != FormFieldType.Markdown && field.Label.Length > 0 && !labels.TryAdd(field.Label, field))
            {
                read.Error(field.Location, "body",
                    $"The label \"{field.Label}\" is used by two fields (the other on line {labels[field.Label].Location.Line.ToString(CultureInfo.InvariantCulture)}); each becomes a heading of the issue, so each needs its own.");
            }
        }

        if (fields.Count == body.Items.Count && fields.All(f => f.Type == FormFieldType.Markdown))
            read.Error(body.Location, "body", "The form only shows text; it needs at least one field to fill in (textarea, input, dropdown or checkboxes).");
    }

    private static IssueTemplate? ReadMarkdown(SourceFile file, List<Problem> problems)
    {
        if (Decode(file, problems) is not { } text)
            return null;

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        const string Fence = "---";
        var close = Array.FindIndex(lines, 1, line => line.TrimEnd() == Fence);
        if (lines[0].TrimEnd() != Fence || close < 0)
        {
            problems.Add(Problem.Error(file.Path, SourceLocation.Start, "",
                "A Markdown issue template starts with front matter: a line \"---\", then name, about, title and labels, then another line \"---\"."));
            return null;
        }

        // The front matter is read as a file of its own that starts on the file's second line.
        var frontMatter = new SourceFile(file.Path, Encoding.UTF8.GetBytes(string.Join('\n', lines[1..close])));
        var (root, yamlProblems) = YamlReader.Read(frontMatter);
        problems.AddRange(yamlProblems.Select(p =>
            Reword(p, "The front matter is empty; it needs at least name and about.") with { Location = p.Location with { Line = p.Location.Line + 1 } }));
        if (root is null)
            return null;

        var read = new Fields(file.Path, problems, lineOffset: 1);
        read.OnlyKeys(root, "", FrontMatterKeys, "the front matter of a Markdown template");
        var name = read.Text(root, "name", "", required: true);
        var about = read.Text(root, "about", "", required: true);
        var title = read.Text(root, "title", "", required: false);
        var labels = read.Names(root, "labels", "");
        var assignees = read.Names(root, "assignees", "");
        read.Names(root, "projects", "");
        read.Text(root, "type", "", required: false);

        var first = close + 1;
        while (first < lines.Length && lines[first].Trim().Length == 0)
            first++;
        return new IssueTemplate
        {
            Path = file.Path,
            Format = IssueTemplateFormat.Markdown,
            Name = name ?? "",
            About = about ?? "",
            Title = title,
            Labels = labels,
            Assignees = assignees,
            Body = string.Join('\n', lines[Math.Min(first, lines.Length)..]).TrimEnd(),
            BodyLocation = new SourceLocation(Math.Min(first, lines.Length - 1) + 1, 1),
        };
    }

    private static string? Decode(SourceFile file, List<Problem> problems)
    {
        var bytes = file.Content.AsSpan();
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            bytes = bytes[3..];
        if (!System.Text.Unicode.Utf8.IsValid(bytes) || bytes.Contains((byte)0))
        {
            problems.Add(Problem.Error(file.Path, SourceLocation.Start, "", "The file is not UTF-8 text; save it as UTF-8."));
            return null;
        }

        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>The YAML reader speaks of manifests; here the file is an issue template.</summary>
    private static Problem Reword(Problem problem, string empty) => problem with
    {
        Message = problem.Message.StartsWith("The file is empty.", StringComparison.Ordinal)
            ? empty
            : problem.Message
                .Replace("\"name: tidepool\"", "\"name: New hub\"", StringComparison.Ordinal)
                .Replace("manifests do not", "issue templates do not", StringComparison.Ordinal)
                .Replace("a manifest", "an issue template", StringComparison.Ordinal),
    };

    [GeneratedRegex("^[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex IdPattern();

    /// <summary>Reads typed values out of the located YAML tree, adding a located problem for each one that does not fit.</summary>
    private sealed class Fields(string path, List<Problem> problems, int lineOffset = 0)
    {
        public void Error(SourceLocation location, string field, string message) =>
            problems.Add(Problem.Error(path, location with { Line = location.Line + lineOffset }, field, message));

        public void OnlyKeys(YamlMapping mapping, string at, string[] allowed, string what)
        {
            foreach (var entry in mapping.Entries.Where(e => !allowed.Contains(e.Key.Value, StringComparer.Ordinal)))
            {
                Error(entry.Key.Location, Join(at, entry.Key.Value),
                    $"\"{entry.Key.Value}\" is not a key of {what}; it may have {string.Join(", ", allowed)}.");
            }
        }

        public string? Text(YamlMapping mapping, string key, string at, bool required)
        {
            var node = mapping[key];
            if (node is YamlScalar { IsNull: false } scalar && (!required || scalar.Value.Trim().Length > 0))
                return scalar.Value;
            if (node is null or YamlScalar)
            {
                if (required)
                    Error(node?.Location ?? mapping.Location, Join(at, key), $"\"{key}\" is missing or empty; it is required here.");
                return null;
            }

            Error(node.Location, Join(at, key), $"\"{key}\" must be text, not a list or a group of keys.");
            return null;
        }

        public bool? Bool(YamlMapping mapping, string key, string at)
        {
            if (mapping[key] is not { } node)
                return null;
            if (node is YamlScalar { IsPlain: true } scalar && bool.TryParse(scalar.Value, out var value))
                return value;
            Error(node.Location, Join(at, key), $"\"{key}\" must be true or false.");
            return null;
        }

        public int? Index(YamlMapping mapping, string key, string at)
        {
            if (mapping[key] is not { } node)
                return null;
            if (node is YamlScalar { IsPlain: true } scalar && int.TryParse(scalar.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                return value;
            Error(node.Location, Join(at, key), $"\"{key}\" must be a whole number from 0 (the first option).");
            return null;
        }

        public YamlMapping? Mapping(YamlMapping mapping, string key, string at, bool required)
        {
            var node = mapping[key];
            if (node is YamlMapping found)
                return found;
            if (node is null && !required)
                return null;
            Error(node?.Location ?? mapping.Location, Join(at, key), node is null ? $"\"{key}\" is missing; it is required here." : $"\"{key}\" must be a group of keys.");
            return null;
        }

        public YamlSequence? Sequence(YamlMapping mapping, string key, string at)
        {
            var node = mapping[key];
            if (node is YamlSequence { Items.Count: > 0 } list)
                return list;
            Error(node?.Location ?? mapping.Location, Join(at, key), node is null ? $"\"{key}\" is missing; it is required here." : $"\"{key}\" must be a list with at least one entry.");
            return null;
        }

        /// <summary>Labels and assignees: a list, or text with commas between the names (<c>''</c> for none).</summary>
        public List<string> Names(YamlMapping mapping, string key, string at)
        {
            switch (mapping[key])
            {
                case null:
                    return [];
                case YamlScalar { IsNull: true }:
                    return [];
                case YamlScalar scalar:
                    return [.. scalar.Value.Split(',').Select(n => n.Trim()).Where(n => n.Length > 0)];
                case YamlSequence list:
                    var names = new List<string>();
                    for (var i = 0; i < list.Items.Count; i++)
                    {
                        if (list.Items[i] is YamlScalar { IsNull: false } item && item.Value.Trim().Length > 0)
                            names.Add(item.Value.Trim());
                        else
                            Error(list.Items[i].Location, $"{Join(at, key)}[{i}]", $"Each entry of \"{key}\" is a name.");
                    }

                    return names;
                case var other:
                    Error(other.Location, Join(at, key), $"\"{key}\" must be a list of names, or names separated by commas.");
                    return [];
            }
        }

        private static string Join(string at, string key) => at.Length == 0 ? key : $"{at}.{key}";
    }
}
