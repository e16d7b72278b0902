using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace Onboarding.Sandbox.GitHub.GraphQL;

/// <summary>An entry of a GraphQL answer's <c>errors</c>, in the shape GitHub gives it.</summary>
public sealed record GraphQLError(string Message)
{
    /// <summary>GitHub's error type (NOT_FOUND, FORBIDDEN, INSUFFICIENT_SCOPES, …); null for a validation error.</summary>
    public string? Type { get; init; }

    public IReadOnlyList<JsonNode> Path { get; init; } = [];

    public IReadOnlyList<(int Line, int Column)> Locations { get; init; } = [];

    public JsonObject? Extensions { get; init; }

    public JsonObject ToJson()
    {
        var error = new JsonObject();
        if (Type is not null)
            error["type"] = Type;
        if (Path.Count > 0)
            error["path"] = new JsonArray([.. Path.Select(p => p.DeepClone())]);
        if (Extensions is not null)
            error["extensions"] = Extensions.DeepClone();
        if (Locations.Count > 0)
            error["locations"] = new JsonArray([.. Locations.Select(l => (JsonNode)new JsonObject { ["line"] = l.Line, ["column"] = l.Column })]);
        error["message"] = Message;
        return error;
    }
}

/// <summary>
/// One GraphQL request (<c>{"query", "variables", "operationName"}</c>) parsed and held to a schema, as GitHub's
/// server does before running anything: the document parses, its one operation exists, every field selected exists on
/// its type, every argument exists and has the right type, required arguments are given, leaves have no selections and
/// objects have some, fragments fit, variables are declared, used and given values of their types. The emulator runs
/// only what passes; the contract check holds every journalled request to GitHub's published schema with the same code.
/// </summary>
public sealed class GraphQLRequest
{
    private readonly GraphQLSchema _schema;
    private readonly ROM _source;
    private readonly List<GraphQLError> _errors = [];
    private readonly Dictionary<string, GraphQLTypeRef> _variableTypes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedVariables = new(StringComparer.Ordinal);
    private GraphQLDocument? _document;

    private GraphQLRequest(GraphQLSchema schema, string query)
    {
        _schema = schema;
        _source = query;
    }

    public GraphQLOperationDefinition? Operation { get; private set; }

    /// <summary>The root type of <see cref="Operation"/> (Query or Mutation).</summary>
    public GraphQLTypeDef? Root { get; private set; }

    /// <summary>The variables' values, each coerced to its declared type (defaults applied).</summary>
    public Dictionary<string, JsonNode?> Variables { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<GraphQLError> Errors => _errors;

    public bool IsMutation => Operation?.Operation == OperationType.Mutation;

    /// <summary>Parses and validates a request body as GitHub reads it.</summary>
    public static GraphQLRequest Read(GraphQLSchema schema, JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(body);
        if (body["query"] is not JsonValue queryValue || !queryValue.TryGetValue<string>(out var query))
        {
            var missing = new GraphQLRequest(schema, "");
            missing._errors.Add(new GraphQLError("A query attribute must be specified and must be a string."));
            return missing;
        }

        var request = new GraphQLRequest(schema, query);
        request.Validate(body["variables"] as JsonObject, (string?)(body["operationName"] as JsonValue));
        return request;
    }

    public (int Line, int Column) Where(ASTNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var location = Location.FromLinearPosition(_source, node.Location.Start);
        return (location.Line, location.Column);
    }

    public GraphQLFragmentDefinition? Fragment(string name) =>
        _document?.Definitions.OfType<GraphQLFragmentDefinition>().FirstOrDefault(f => f.FragmentName.Name.StringValue == name);

    /// <summary>An argument or input value as JSON: literals converted, variables replaced by their values.</summary>
    public JsonNode? Value(GraphQLValue value) => value switch
    {
        GraphQLVariable variable => Variables.GetValueOrDefault(variable.Name.StringValue)?.DeepClone(),
        GraphQLNullValue => null,
        GraphQLIntValue i => int.TryParse(i.Value.Span, CultureInfo.InvariantCulture, out var small) ? (JsonNode)small : long.Parse(i.Value.Span, CultureInfo.InvariantCulture),
        GraphQLFloatValue f => double.Parse(f.Value.Span, CultureInfo.InvariantCulture),
        GraphQLStringValue s => s.Value.ToString(),
        GraphQLBooleanValue b => b.BoolValue,
        GraphQLEnumValue e => e.Name.StringValue,
        GraphQLListValue list => new JsonArray([.. (list.Values ?? []).Select(Value)]),
        GraphQLObjectValue obj => new JsonObject((obj.Fields ?? []).Select(f => KeyValuePair.Create(f.Name.StringValue, Value(f.Value)))),
        _ => null,
    };

    /// <summary>A field's arguments as JSON, with the schema's defaults for those not given.</summary>
    public Dictionary<string, JsonNode?> Arguments(GraphQLField field, GraphQLFieldDef definition)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(definition);
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var argument in definition.Arguments.Values)
        {
            var given = field.Arguments?.Items.FirstOrDefault(a => a.Name.StringValue == argument.Name);
            if (given is not null)
                values[argument.Name] = Value(given.Value);
            else if (argument.Default is { } fallback)
                values[argument.Name] = Value(fallback);
        }

        return values;
    }

    private void Validate(JsonObject? variables, string? operationName)
    {
        try
        {
            _document = Parser.Parse(_source, new ParserOptions { Ignore = IgnoreOptions.Comments });
        }
        catch (GraphQLParserException e)
        {
            var (line, column) = (e.Location.Line, e.Location.Column);
            _errors.Add(new GraphQLError($"Parse error on {e.Description} at [{line}, {column}]") { Locations = [(line, column)] });
            return;
        }

        var operations = _document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        foreach (var other in _document.Definitions.Where(d => d is not GraphQLOperationDefinition and not GraphQLFragmentDefinition))
            _errors.Add(new GraphQLError($"{other.Kind} definitions are not executable; a request holds operations and fragments only") { Locations = [Where(other)] });
        Operation = operationName is null
            ? operations.Count == 1 ? operations[0] : null
            : operations.FirstOrDefault(o => o.Name?.StringValue == operationName);
        if (Operation is null)
        {
            _errors.Add(new GraphQLError(operationName is null
                ? operations.Count == 0 ? "No operations in query document" : "An operation name is required"
                : $"No operation named \"{operationName}\""));
            return;
        }

        Root = Operation.Operation switch
        {
            OperationType.Query => _schema.Query,
            OperationType.Mutation => _schema.Mutation,
            _ => null,
        };
        var name = Operation.Operation.ToString().ToLowerInvariant() + (Operation.Name is { } n ? " " + n.StringValue : "");
        if (Root is null)
        {
            _errors.Add(new GraphQLError($"Schema is not configured for {Operation.Operation.ToString().ToLowerInvariant()}s") { Locations = [Where(Operation)] });
            return;
        }

        DeclareVariables(variables);
        SelectionSet(Operation.SelectionSet, Root, [name], []);
        foreach (var declared in _variableTypes.Keys.Where(v => !_usedVariables.Contains(v)))
        {
            _errors.Add(new GraphQLError($"Variable ${declared} is declared by {Operation.Name?.StringValue ?? "anonymous " + Operation.Operation.ToString().ToLowerInvariant()} but not used")
            {
                Locations = [Where(Operation)],
                Path = [name],
                Extensions = new JsonObject { ["code"] = "variableNotUsed", ["variableName"] = declared },
            });
        }
    }

    private void DeclareVariables(JsonObject? given)
    {
        foreach (var definition in Operation!.Variables?.Items ?? [])
        {
            var variable = definition.Variable.Name.StringValue;
            var type = GraphQLTypeRef.From(definition.Type);
            _variableTypes[variable] = type;
            if (!_schema.Types.TryGetValue(type.NamedType, out var named) || !named.IsInput)
            {
                _errors.Add(new GraphQLError($"{type.NamedType} isn't a valid input type (on ${variable})")
                {
                    Locations = [Where(definition)],
                    Extensions = new JsonObject { ["code"] = "variableRequiresValidType", ["typeName"] = type.NamedType, ["variableName"] = variable },
                });
                continue;
            }

            JsonNode? value;
            if (given is not null && given.TryGetPropertyValue(variable, out var supplied))
                value = supplied?.DeepClone();
            else if (definition.DefaultValue is { } fallback)
                value = Value(fallback);
            else if (type.NonNull)
                value = null;
            else
                continue;

            if (ValueProblem(value, type) is { } problem)
            {
                _errors.Add(new GraphQLError($"Variable ${variable} of type {type} was provided invalid value")
                {
                    Locations = [Where(definition)],
                    Extensions = new JsonObject
                    {
                        ["value"] = value?.DeepClone(),
                        ["problems"] = new JsonArray(new JsonObject { ["path"] = new JsonArray(), ["explanation"] = problem }),
                    },
                });
                continue;
            }

            Variables[variable] = value;
        }
    }

    private void SelectionSet(GraphQLSelectionSet? set, GraphQLTypeDef type, List<JsonNode> path, HashSet<string> fragmentsOnPath)
    {
        foreach (var selection in set?.Selections ?? [])
        {
            switch (selection)
            {
                case GraphQLField field:
                    Field(field, type, path, fragmentsOnPath);
                    break;
                case GraphQLInlineFragment inline:
                    var on = inline.TypeCondition is { } condition ? FragmentType(condition.Type.Name.StringValue, type, inline) : type;
                    if (on is not null)
                        SelectionSet(inline.SelectionSet, on, [.. path, $"... on {on.Name}"], fragmentsOnPath);
                    break;
                case GraphQLFragmentSpread spread:
                    var fragmentName = spread.FragmentName.Name.StringValue;
                    var fragment = Fragment(fragmentName);
                    if (fragment is null)
                    {
                        _errors.Add(new GraphQLError($"Fragment {fragmentName} was used, but not defined") { Locations = [Where(spread)], Path = [.. path, $"... {fragmentName}"] });
                    }
                    else if (fragmentsOnPath.Add(fragmentName))
                    {
                        if (FragmentType(fragment.TypeCondition.Type.Name.StringValue, type, spread) is { } fragmentType)
                            SelectionSet(fragment.SelectionSet, fragmentType, [.. path, $"... {fragmentName}"], fragmentsOnPath);
                        fragmentsOnPath.Remove(fragmentName);
                    }
                    else
                    {
                        _errors.Add(new GraphQLError($"Fragment {fragmentName} contains an infinite loop") { Locations = [Where(spread)] });
                    }

                    break;
            }
        }
    }

    private GraphQLTypeDef? FragmentType(string condition, GraphQLTypeDef parent, ASTNode at)
    {
        if (!_schema.Types.TryGetValue(condition, out var type) || !type.IsComposite)
        {
            _errors.Add(new GraphQLError($"No such type {condition}, so it can't be a fragment condition") { Locations = [Where(at)] });
            return null;
        }

        if (!_schema.PossibleTypes(condition).Overlaps(_schema.PossibleTypes(parent.Name)))
        {
            _errors.Add(new GraphQLError($"Fragment on {condition} can't be spread inside {parent.Name}") { Locations = [Where(at)] });
            return null;
        }

        return type;
    }

    private void Field(GraphQLField field, GraphQLTypeDef parent, List<JsonNode> path, HashSet<string> fragmentsOnPath)
    {
        var name = field.Name.StringValue;
        var fieldPath = new List<JsonNode>(path) { field.Alias?.Name.StringValue ?? name };
        if (name == "__typename")
        {
            if (field.SelectionSet is not null)
                _errors.Add(new GraphQLError($"Selections can't be made on scalars (field '__typename' returns String but has selections)") { Locations = [Where(field)], Path = fieldPath });
            return;
        }

        if (!parent.Fields.TryGetValue(name, out var definition))
        {
            _errors.Add(new GraphQLError($"Field '{name}' doesn't exist on type '{parent.Name}'")
            {
                Locations = [Where(field)],
                Path = fieldPath,
                Extensions = new JsonObject { ["code"] = "undefinedField", ["typeName"] = parent.Name, ["fieldName"] = name },
            });
            return;
        }

        foreach (var argument in field.Arguments?.Items ?? [])
        {
            var argumentName = argument.Name.StringValue;
            if (!definition.Arguments.TryGetValue(argumentName, out var declared))
            {
                _errors.Add(new GraphQLError($"Field '{name}' doesn't accept argument '{argumentName}'")
                {
                    Locations = [Where(argument)],
                    Path = [.. fieldPath, argumentName],
                    Extensions = new JsonObject { ["code"] = "argumentNotAccepted", ["name"] = name, ["typeName"] = "Field", ["argumentName"] = argumentName },
                });
                continue;
            }

            if (LiteralProblem(argument.Value, declared.Type) is { } problem)
            {
                _errors.Add(new GraphQLError($"Argument '{argumentName}' on Field '{name}' has an invalid value: {problem}. Expected type '{declared.Type}'.")
                {
                    Locations = [Where(argument)],
                    Path = [.. fieldPath, argumentName],
                    Extensions = new JsonObject { ["code"] = "argumentLiteralsIncompatible", ["typeName"] = "Field", ["argumentName"] = argumentName },
                });
            }
        }

        var missing = definition.Arguments.Values
            .Where(a => a.Type.NonNull && a.Default is null && field.Arguments?.Items.Any(g => g.Name.StringValue == a.Name) != true)
            .Select(a => a.Name)
            .ToList();
        if (missing.Count > 0)
        {
            _errors.Add(new GraphQLError($"Field '{name}' is missing required arguments: {string.Join(", ", missing)}")
            {
                Locations = [Where(field)],
                Path = fieldPath,
                Extensions = new JsonObject { ["code"] = "missingRequiredArguments", ["className"] = "Field", ["name"] = name, ["arguments"] = string.Join(", ", missing) },
            });
        }

        var resultName = definition.Type.NamedType;
        if (!_schema.Types.TryGetValue(resultName, out var result))
        {
            _errors.Add(new GraphQLError($"Field '{name}' returns {resultName}, a type this schema does not define") { Locations = [Where(field)], Path = fieldPath });
            return;
        }

        if (result.IsComposite && field.SelectionSet is null)
        {
            _errors.Add(new GraphQLError($"Field '{name}' returns {resultName} but has no selections. Did you mean '{name} {{ ... }}'?")
            {
                Locations = [Where(field)],
                Path = fieldPath,
                Extensions = new JsonObject { ["code"] = "selectionMismatch", ["nodeName"] = $"field '{name}'", ["typeName"] = resultName },
            });
        }
        else if (!result.IsComposite && field.SelectionSet is not null)
        {
            _errors.Add(new GraphQLError($"Selections can't be made on scalars (field '{name}' returns {resultName} but has selections)")
            {
                Locations = [Where(field)],
                Path = fieldPath,
                Extensions = new JsonObject { ["code"] = "selectionMismatch", ["nodeName"] = $"field '{name}'", ["typeName"] = resultName },
            });
        }
        else if (result.IsComposite)
        {
            SelectionSet(field.SelectionSet, result, fieldPath, fragmentsOnPath);
        }
    }

    /// <summary>Why a literal (or a variable) cannot stand where <paramref name="type"/> is expected; null when it can.</summary>
    private string? LiteralProblem(GraphQLValue value, GraphQLTypeRef type)
    {
        if (value is GraphQLVariable variable)
        {
            var name = variable.Name.StringValue;
            _usedVariables.Add(name);
            if (!_variableTypes.TryGetValue(name, out var declared))
                return $"variable ${name} is used but not declared";
            return Assignable(declared, type) ? null : $"variable ${name} is {declared}";
        }

        if (value is GraphQLNullValue)
            return type.NonNull ? "null" : null;
        if (type.ListOf is { } element)
        {
            return value is GraphQLListValue list
                ? (list.Values ?? []).Select(v => LiteralProblem(v, element)).ToList().FirstOrDefault(p => p is not null)
                : LiteralProblem(value, element);
        }

        if (!_schema.Types.TryGetValue(type.Name!, out var named))
            return $"{type.Name} is not a type this schema defines";
        return (named.Kind, value) switch
        {
            (GraphQLTypeKind.Scalar, _) => ScalarProblem(named.Name, value),
            (GraphQLTypeKind.Enum, GraphQLEnumValue e) => named.EnumValues.Contains(e.Name.StringValue) ? null : $"{e.Name.StringValue} is not a value of {named.Name}",
            (GraphQLTypeKind.InputObject, GraphQLObjectValue obj) => InputObjectProblem(named, obj),
            _ => $"a {value.Kind} is not a {named.Name}",
        };
    }

    private string? InputObjectProblem(GraphQLTypeDef type, GraphQLObjectValue value)
    {
        // Every field is looked at, so each variable in it counts as used whatever the first problem is.
        var fields = value.Fields ?? [];
        var problems = fields.Select(field => type.InputFields.TryGetValue(field.Name.StringValue, out var declared)
                ? LiteralProblem(field.Value, declared.Type) is { } problem ? $"{field.Name.StringValue}: {problem}" : null
                : $"{type.Name} has no field {field.Name.StringValue}")
            .ToList();
        if (problems.OfType<string>().FirstOrDefault() is { } first)
            return first;

        var missing = type.InputFields.Values.FirstOrDefault(f => f.Type.NonNull && f.Default is null && fields.All(g => g.Name.StringValue != f.Name));
        return missing is null ? null : $"{type.Name}.{missing.Name} is required";
    }

    private static string? ScalarProblem(string scalar, GraphQLValue value) => (scalar, value) switch
    {
        ("Int", GraphQLIntValue) or ("Float", GraphQLIntValue or GraphQLFloatValue) or ("Boolean", GraphQLBooleanValue) => null,
        ("String", GraphQLStringValue) or ("ID", GraphQLStringValue or GraphQLIntValue) => null,
        (not ("Int" or "Float" or "Boolean" or "String" or "ID"), GraphQLStringValue) => null,
        _ => $"a {value.Kind} is not a {scalar}",
    };

    /// <summary>A variable of type <paramref name="variable"/> may stand where <paramref name="location"/> is expected.</summary>
    private static bool Assignable(GraphQLTypeRef variable, GraphQLTypeRef location)
    {
        if (location.NonNull && !variable.NonNull)
            return false;
        if (variable.ListOf is not null || location.ListOf is not null)
            return variable.ListOf is not null && location.ListOf is not null && Assignable(variable.ListOf, location.ListOf);
        return variable.Name == location.Name;
    }

    /// <summary>Why a variable's JSON value does not fit its type; null when it does.</summary>
    private string? ValueProblem(JsonNode? value, GraphQLTypeRef type)
    {
        if (value is null)
            return type.NonNull ? "Expected value to not be null" : null;
        if (type.ListOf is { } element)
        {
            return value is JsonArray array
                ? array.Select(v => ValueProblem(v, element)).FirstOrDefault(p => p is not null)
                : ValueProblem(value, element);
        }

        var named = _schema.Types[type.Name!];
        switch (named.Kind)
        {
            case GraphQLTypeKind.InputObject when value is JsonObject obj:
                foreach (var (key, field) in obj)
                {
                    if (!named.InputFields.TryGetValue(key, out var declared))
                        return $"Field is not defined on {named.Name}: {key}";
                    if (ValueProblem(field, declared.Type) is { } problem)
                        return problem;
                }

                var missing = named.InputFields.Values.FirstOrDefault(f => f.Type.NonNull && f.Default is null && !obj.ContainsKey(f.Name));
                return missing is null ? null : $"Expected value to not be null (at {missing.Name})";
            case GraphQLTypeKind.Enum when value is JsonValue e && e.TryGetValue<string>(out var text):
                return named.EnumValues.Contains(text) ? null : $"Expected \"{text}\" to be one of: {string.Join(", ", named.EnumValues)}";
            case GraphQLTypeKind.Scalar when value is JsonValue scalar:
                var kind = scalar.GetValueKind();
                var integer = kind == JsonValueKind.Number && int.TryParse(scalar.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
                var fits = named.Name switch
                {
                    "Int" => integer,
                    "Float" => kind == JsonValueKind.Number,
                    "Boolean" => kind is JsonValueKind.True or JsonValueKind.False,
                    "ID" => kind == JsonValueKind.String || integer,
                    _ => kind == JsonValueKind.String,
                };
                return fits ? null : $"Could not coerce value {scalar.ToJsonString()} to {named.Name}";
            default:
                return $"Could not coerce value {value.ToJsonString()} to {named.Name}";
        }
    }
}
