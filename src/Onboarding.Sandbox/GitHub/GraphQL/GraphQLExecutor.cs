using System.Globalization;
using System.Text.Json.Nodes;
using GraphQLParser.AST;

namespace Onboarding.Sandbox.GitHub.GraphQL;

/// <summary>A value the emulator serves: its GraphQL type, and each field's value (an <see cref="IGraphQLObject"/>, a list, or a leaf).</summary>
public interface IGraphQLObject
{
    string TypeName { get; }

    /// <exception cref="GraphQLFieldException">The field cannot be resolved (not found, not allowed); its value is null.</exception>
    object? Resolve(string field, IReadOnlyDictionary<string, JsonNode?> arguments);
}

/// <summary>A field that failed as GitHub reports it: a typed error with the field's path, its value null.</summary>
public sealed class GraphQLFieldException : Exception
{
    public GraphQLFieldException(string type, string message)
        : base(message)
    {
        Type = type;
    }

    public GraphQLFieldException()
        : this("UNPROCESSABLE", "The field could not be resolved.")
    {
    }

    public GraphQLFieldException(string message)
        : this("UNPROCESSABLE", message)
    {
    }

    public GraphQLFieldException(string message, Exception inner)
        : base(message, inner)
    {
        Type = "UNPROCESSABLE";
    }

    public string Type { get; }
}

/// <summary>
/// Runs a validated <see cref="GraphQLRequest"/> over resolvers, as the GraphQL specification says: fields in order
/// (a mutation's top-level fields one after the other), fragments applied by the object's type, results completed by the
/// schema's types, and a null in a non-null field made null up to the nearest nullable field.
/// </summary>
public sealed class GraphQLExecutor
{
    private readonly GraphQLSchema _schema;
    private readonly GraphQLRequest _request;
    private readonly List<GraphQLError> _errors = [];

    private GraphQLExecutor(GraphQLSchema schema, GraphQLRequest request)
    {
        _schema = schema;
        _request = request;
    }

    /// <returns>The data (null when a non-null root field failed) and the errors met on the way.</returns>
    public static (JsonObject? Data, IReadOnlyList<GraphQLError> Errors) Execute(GraphQLSchema schema, GraphQLRequest request, IGraphQLObject root)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(root);
        var execution = new GraphQLExecutor(schema, request);
        JsonObject? data;
        try
        {
            data = execution.SelectionSet(root, [request.Operation!.SelectionSet], []);
        }
        catch (NullInNonNull)
        {
            data = null;
        }

        return (data, execution._errors);
    }

    private JsonObject SelectionSet(IGraphQLObject value, IReadOnlyList<GraphQLSelectionSet> sets, List<JsonNode> path)
    {
        var type = _schema.Types[value.TypeName];
        var result = new JsonObject();
        foreach (var (key, fields) in Collect(value.TypeName, sets))
        {
            var field = fields[0];
            var name = field.Name.StringValue;
            var fieldPath = new List<JsonNode>(path) { key };
            if (name == "__typename")
            {
                result[key] = value.TypeName;
                continue;
            }

            var definition = type.Fields[name];
            object? resolved;
            try
            {
                resolved = value.Resolve(name, _request.Arguments(field, definition));
            }
            catch (GraphQLFieldException e)
            {
                _errors.Add(new GraphQLError(e.Message) { Type = e.Type, Path = fieldPath, Locations = [_request.Where(field)] });
                resolved = null;
                if (definition.Type.NonNull)
                    throw new NullInNonNull();
                result[key] = null;
                continue;
            }

            var subselections = fields.Select(f => f.SelectionSet).OfType<GraphQLSelectionSet>().ToList();
            try
            {
                result[key] = Complete(definition.Type, resolved, subselections, fieldPath, field, $"{value.TypeName}.{name}");
            }
            catch (NullInNonNull) when (!definition.Type.NonNull)
            {
                result[key] = null;
            }
        }

        return result;
    }

    private JsonNode? Complete(GraphQLTypeRef type, object? value, IReadOnlyList<GraphQLSelectionSet> sets, List<JsonNode> path, GraphQLField field, string what)
    {
        if (type.NonNull)
        {
            JsonNode? completed;
            try
            {
                completed = Complete(type.Nullable, value, sets, path, field, what);
            }
            catch (NullInNonNull) when (type.ListOf is not null)
            {
                completed = null;
            }

            if (completed is not null)
                return completed;
            if (value is null)
                _errors.Add(new GraphQLError($"Cannot return null for non-nullable field {what}") { Path = path, Locations = [_request.Where(field)] });
            throw new NullInNonNull();
        }

        if (value is null)
            return null;
        if (type.ListOf is { } element)
        {
            var list = new JsonArray();
            var i = 0;
            foreach (var item in (System.Collections.IEnumerable)value)
            {
                try
                {
                    list.Add(Complete(element, item, sets, [.. path, i], field, what));
                }
                catch (NullInNonNull) when (!element.NonNull)
                {
                    list.Add(null);
                }

                i++;
            }

            return list;
        }

        return value switch
        {
            IGraphQLObject obj => SelectionSet(obj, sets, path),
            string text => text,
            bool flag => flag,
            int number => number,
            long number => number,
            double number => number,
            DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTimeOffset time => GitHubJson.Time(time),
            Uri uri => uri.AbsoluteUri,
            _ => throw new InvalidOperationException($"The emulator resolved {what} to a {value.GetType().Name}, which it cannot serve."),
        };
    }

    /// <summary>The fields that apply to an object of <paramref name="typeName"/>, by response key, in order, fragments merged.</summary>
    private List<(string Key, List<GraphQLField> Fields)> Collect(string typeName, IReadOnlyList<GraphQLSelectionSet> sets)
    {
        var collected = new List<(string Key, List<GraphQLField> Fields)>();
        void Walk(GraphQLSelectionSet set)
        {
            foreach (var selection in set.Selections)
            {
                switch (selection)
                {
                    case GraphQLField field:
                        var key = field.Alias?.Name.StringValue ?? field.Name.StringValue;
                        var existing = collected.FindIndex(c => c.Key == key);
                        if (existing >= 0)
                            collected[existing].Fields.Add(field);
                        else
                            collected.Add((key, [field]));
                        break;
                    case GraphQLInlineFragment inline when inline.TypeCondition is null || _schema.Matches(typeName, inline.TypeCondition.Type.Name.StringValue):
                        Walk(inline.SelectionSet);
                        break;
                    case GraphQLFragmentSpread spread when _request.Fragment(spread.FragmentName.Name.StringValue) is { } fragment
                        && _schema.Matches(typeName, fragment.TypeCondition.Type.Name.StringValue):
                        Walk(fragment.SelectionSet);
                        break;
                }
            }
        }

        foreach (var set in sets)
            Walk(set);
        return collected;
    }

    /// <summary>A null met where the schema allows none: the enclosing object becomes null, up to a nullable field.</summary>
    private sealed class NullInNonNull : Exception
    {
    }
}
