using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;

namespace Onboarding.Core.Manifests;

/// <summary>
/// Reads the located YAML tree into <see cref="Community"/>, or into any type shaped like a manifest (the authoring
/// draft), by walking <see cref="ManifestSchema"/>: each field goes into the property named like it
/// (<see cref="ManifestField.MemberOf"/>), converted to that property's type (text, a date, an enum, true or false, a
/// list, a record of its own). Lenient: a value of the wrong kind becomes null or empty (the schema reports it), so the
/// cross-file rules can still run on a manifest with schema errors.
/// </summary>
public static class CommunityBinder
{
    private static readonly YamlMapping Empty = new(SourceLocation.Start, []);

    private static readonly ConcurrentDictionary<(ManifestField, Type), Shape> Shapes = new();

    public static Community Bind(YamlMapping root) => Bind<Community>(root);

    public static T Bind<T>(YamlMapping root)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(root);
        return (T)Group(ManifestSchema.Root, typeof(T), root);
    }

    /// <summary>A date as written, if it is a real calendar date.</summary>
    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static object Group(ManifestField field, Type type, YamlMapping mapping)
    {
        var shape = Shapes.GetOrAdd((field, type), key => Shape.Of(key.Item1, key.Item2));
        var arguments = (object?[])shape.Defaults.Clone();
        foreach (var slot in shape.Slots.Where(s => s.Parameter >= 0))
            arguments[slot.Parameter] = Value(slot, mapping[slot.Field.Name]);
        var value = shape.Constructor.Invoke(arguments);
        foreach (var slot in shape.Slots.Where(s => s.Parameter < 0))
            slot.Property.SetValue(value, Value(slot, mapping[slot.Field.Name]));
        return value;
    }

    private static object? Value(Slot slot, YamlNode? node) => slot.Field.Kind switch
    {
        FieldKind.Group => node is YamlMapping mapping ? Group(slot.Field, slot.Type, mapping) : slot.Nullable ? null : Group(slot.Field, slot.Type, Empty),
        FieldKind.List => List(slot, node),
        FieldKind.Flag => Flag(node),
        _ => Text(node is YamlScalar { IsNull: false } scalar ? scalar.Value : null, slot.Type, slot.Nullable),
    };

    /// <summary>The entries of the right kind; the others (a person that is not a mapping, a null deal) are left out.</summary>
    private static IList List(Slot slot, YamlNode? node)
    {
        var item = slot.Field.Item!;
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(slot.Element!))!;
        foreach (var entry in node is YamlSequence sequence ? sequence.Items : [])
        {
            if (item.Kind == FieldKind.Group && entry is YamlMapping mapping)
                list.Add(Group(item, slot.Element!, mapping));
            else if (item.Kind == FieldKind.Text && entry is YamlScalar { IsNull: false } scalar)
                list.Add(Text(scalar.Value, slot.Element!, nullable: false));
        }

        return list;
    }

    private static object? Text(string? text, Type type, bool nullable)
    {
        if (type == typeof(DateOnly))
            return ParseDate(text);
        if (type.IsEnum)
        {
            // As the schema spells them (lower case); anything else is the first value, and the schema reports it.
            var name = Enum.GetNames(type).FirstOrDefault(n => string.Equals(n.ToLowerInvariant(), text, StringComparison.Ordinal));
            return name is null ? Enum.GetValues(type).GetValue(0) : Enum.Parse(type, name);
        }

        return text ?? (nullable ? null : "");
    }

    /// <summary>Only what YAML 1.2 reads as a boolean: <c>yes</c> and <c>on</c> are text.</summary>
    private static bool? Flag(YamlNode? node) => node switch
    {
        YamlScalar { IsPlain: true, Value: "true" or "True" or "TRUE" } => true,
        YamlScalar { IsPlain: true, Value: "false" or "False" or "FALSE" } => false,
        _ => null,
    };

    /// <summary>Where one schema field goes: a property, set directly or through the constructor's parameter.</summary>
    /// <param name="Type">The property's type, without <see cref="Nullable{T}"/>.</param>
    /// <param name="Element">A list's entry type.</param>
    private sealed record Slot(ManifestField Field, PropertyInfo Property, Type Type, bool Nullable, Type? Element, int Parameter);

    /// <summary>How to build one type from one group of the schema, worked out once per pair.</summary>
    /// <param name="Defaults">The constructor's arguments for fields the manifest leaves out.</param>
    private sealed record Shape(ConstructorInfo Constructor, object?[] Defaults, IReadOnlyList<Slot> Slots)
    {
        public static Shape Of(ManifestField group, Type type)
        {
            // A positional record is built through its constructor; a type with init properties, through its setters.
            var constructor = type.GetConstructors().MaxBy(c => c.GetParameters().Length)
                ?? throw new InvalidOperationException($"{type.Name} has no public constructor to read {group} into.");
            var parameters = constructor.GetParameters();
            var nullability = new NullabilityInfoContext();
            var slots = new List<Slot>();
            foreach (var field in group.Fields)
            {
                // A field the type has no property for is not read into it (a draft may leave one out on purpose).
                if (field.MemberOf(type) is not { } property)
                    continue;
                var parameter = Array.FindIndex(parameters, p => string.Equals(p.Name, property.Name, StringComparison.Ordinal));
                if (parameter < 0 && property.SetMethod is null)
                    throw new InvalidOperationException($"{type.Name}.{property.Name} holds {field} but can be set neither by its constructor nor by its setter.");
                var underlying = System.Nullable.GetUnderlyingType(property.PropertyType);
                var nullable = underlying is not null || nullability.Create(property).ReadState == NullabilityState.Nullable;
                var slot = new Slot(field, property, underlying ?? property.PropertyType, nullable, ElementOf(property.PropertyType), parameter);
                Check(slot, type);
                slots.Add(slot);
            }

            return new Shape(constructor, [.. parameters.Select(p => p.HasDefaultValue ? p.DefaultValue : null)], slots);
        }

        private static Type? ElementOf(Type type) =>
            type.IsGenericType && type.GetGenericArguments() is [var element] && type.IsAssignableFrom(typeof(List<>).MakeGenericType(element)) ? element : null;

        /// <summary>Refuses, once and with both names, a property that cannot hold what the schema says the field holds.</summary>
        private static void Check(Slot slot, Type owner)
        {
            var fits = slot.Field.Kind switch
            {
                FieldKind.Text => IsText(slot.Type),
                FieldKind.Flag => slot.Type == typeof(bool) && slot.Nullable,
                FieldKind.List => slot.Element is { } element && slot.Field.Item!.Kind switch
                {
                    FieldKind.Text => IsText(element),
                    FieldKind.Group => element.IsClass && element != typeof(string),
                    _ => false,
                },
                _ => slot.Type.IsClass && slot.Type != typeof(string),
            };
            if (!fits)
                throw new InvalidOperationException($"{owner.Name}.{slot.Property.Name} is a {slot.Property.PropertyType.Name}, which cannot hold {slot.Field} ({slot.Field.Kind} in the schema).");
        }

        private static bool IsText(Type type) => type == typeof(string) || type == typeof(DateOnly) || type.IsEnum;
    }
}
