using GraphQLParser;
using GraphQLParser.AST;

namespace Onboarding.Sandbox.GitHub.GraphQL;

/// <summary>A type as a field, argument or variable names it: a named type, or a list of one, either maybe non-null.</summary>
public sealed record GraphQLTypeRef(string? Name, GraphQLTypeRef? ListOf, bool NonNull)
{
    /// <summary>The named type at the bottom of any lists.</summary>
    public string NamedType => Name ?? ListOf!.NamedType;

    public GraphQLTypeRef Nullable => this with { NonNull = false };

    public static GraphQLTypeRef From(GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => From(nonNull.Type) with { NonNull = true },
        GraphQLListType list => new GraphQLTypeRef(null, From(list.Type), false),
        GraphQLNamedType named => new GraphQLTypeRef(named.Name.StringValue, null, false),
        _ => throw new InvalidOperationException($"Unknown GraphQL type node {type.Kind}."),
    };

    public override string ToString() => (Name ?? $"[{ListOf}]") + (NonNull ? "!" : "");
}

public enum GraphQLTypeKind
{
    Scalar,
    ObjectType,
    Interface,
    Union,
    Enum,
    InputObject,
}

/// <summary>An argument, an input object's field or a variable's definition.</summary>
public sealed record GraphQLInputValue(string Name, GraphQLTypeRef Type, GraphQLValue? Default);

public sealed record GraphQLFieldDef(string Name, GraphQLTypeRef Type, IReadOnlyDictionary<string, GraphQLInputValue> Arguments);

public sealed class GraphQLTypeDef(string name, GraphQLTypeKind kind)
{
    public string Name { get; } = name;

    public GraphQLTypeKind Kind { get; } = kind;

    /// <summary>Of objects and interfaces.</summary>
    public Dictionary<string, GraphQLFieldDef> Fields { get; } = new(StringComparer.Ordinal);

    /// <summary>Interfaces an object or interface implements.</summary>
    public List<string> Interfaces { get; } = [];

    /// <summary>A union's members.</summary>
    public List<string> Members { get; } = [];

    public HashSet<string> EnumValues { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, GraphQLInputValue> InputFields { get; } = new(StringComparer.Ordinal);

    public bool IsComposite => Kind is GraphQLTypeKind.ObjectType or GraphQLTypeKind.Interface or GraphQLTypeKind.Union;

    public bool IsInput => Kind is GraphQLTypeKind.Scalar or GraphQLTypeKind.Enum or GraphQLTypeKind.InputObject;
}

/// <summary>
/// A GraphQL schema read from its SDL: the types, their fields with argument and result types, what implements which
/// interface, union members, enum values and input objects. A type named but not defined (a trimmed schema names many)
/// is simply unknown: selecting into it is an error.
/// </summary>
public sealed class GraphQLSchema
{
    private static readonly string[] BuiltInScalars = ["Int", "Float", "String", "Boolean", "ID"];

    private GraphQLSchema(Dictionary<string, GraphQLTypeDef> types)
    {
        Types = types;
    }

    public IReadOnlyDictionary<string, GraphQLTypeDef> Types { get; }

    public GraphQLTypeDef? Query => Types.GetValueOrDefault("Query");

    public GraphQLTypeDef? Mutation => Types.GetValueOrDefault("Mutation");

    /// <exception cref="GraphQLParser.Exceptions.GraphQLParserException">The SDL does not parse.</exception>
    public static GraphQLSchema Parse(string sdl)
    {
        var document = Parser.Parse(sdl);
        var types = BuiltInScalars.ToDictionary(s => s, s => new GraphQLTypeDef(s, GraphQLTypeKind.Scalar), StringComparer.Ordinal);
        foreach (var definition in document.Definitions)
        {
            switch (definition)
            {
                case GraphQLObjectTypeDefinition o:
                    types[o.Name.StringValue] = Composite(o.Name, GraphQLTypeKind.ObjectType, o.Fields, o.Interfaces);
                    break;
                case GraphQLInterfaceTypeDefinition i:
                    types[i.Name.StringValue] = Composite(i.Name, GraphQLTypeKind.Interface, i.Fields, i.Interfaces);
                    break;
                case GraphQLUnionTypeDefinition u:
                    var union = new GraphQLTypeDef(u.Name.StringValue, GraphQLTypeKind.Union);
                    union.Members.AddRange((u.Types?.Items ?? []).Select(t => t.Name.StringValue));
                    types[union.Name] = union;
                    break;
                case GraphQLEnumTypeDefinition e:
                    var enumeration = new GraphQLTypeDef(e.Name.StringValue, GraphQLTypeKind.Enum);
                    enumeration.EnumValues.UnionWith((e.Values?.Items ?? []).Select(v => v.EnumValue.Name.StringValue));
                    types[enumeration.Name] = enumeration;
                    break;
                case GraphQLInputObjectTypeDefinition input:
                    var inputType = new GraphQLTypeDef(input.Name.StringValue, GraphQLTypeKind.InputObject);
                    foreach (var field in input.Fields?.Items ?? [])
                        inputType.InputFields[field.Name.StringValue] = new GraphQLInputValue(field.Name.StringValue, GraphQLTypeRef.From(field.Type), field.DefaultValue);
                    types[inputType.Name] = inputType;
                    break;
                case GraphQLScalarTypeDefinition scalar:
                    types[scalar.Name.StringValue] = new GraphQLTypeDef(scalar.Name.StringValue, GraphQLTypeKind.Scalar);
                    break;
            }
        }

        return new GraphQLSchema(types);
    }

    /// <summary>The object types a value of <paramref name="type"/> may be.</summary>
    public IReadOnlySet<string> PossibleTypes(string type)
    {
        if (!Types.TryGetValue(type, out var definition))
            return new HashSet<string>();
        return definition.Kind switch
        {
            GraphQLTypeKind.ObjectType => new HashSet<string> { type },
            GraphQLTypeKind.Interface => Types.Values.Where(t => t.Kind == GraphQLTypeKind.ObjectType && t.Interfaces.Contains(type)).Select(t => t.Name).ToHashSet(StringComparer.Ordinal),
            GraphQLTypeKind.Union => definition.Members.Where(m => Types.ContainsKey(m)).ToHashSet(StringComparer.Ordinal),
            _ => new HashSet<string>(),
        };
    }

    /// <summary>Whether an object of type <paramref name="objectType"/> matches a fragment on <paramref name="condition"/>.</summary>
    public bool Matches(string objectType, string condition) => objectType == condition || PossibleTypes(condition).Contains(objectType);

    private static GraphQLTypeDef Composite(GraphQLName name, GraphQLTypeKind kind, GraphQLFieldsDefinition? fields, GraphQLImplementsInterfaces? interfaces)
    {
        var type = new GraphQLTypeDef(name.StringValue, kind);
        type.Interfaces.AddRange((interfaces?.Items ?? []).Select(i => i.Name.StringValue));
        foreach (var field in fields?.Items ?? [])
        {
            var arguments = (field.Arguments?.Items ?? []).ToDictionary(
                a => a.Name.StringValue, a => new GraphQLInputValue(a.Name.StringValue, GraphQLTypeRef.From(a.Type), a.DefaultValue), StringComparer.Ordinal);
            type.Fields[field.Name.StringValue] = new GraphQLFieldDef(field.Name.StringValue, GraphQLTypeRef.From(field.Type), arguments);
        }

        return type;
    }
}
