using Onboarding.Core.Services.HubSpot;

namespace Onboarding.Core.Installation;

/// <summary>Something <c>onboarding setup</c> can create where doctor found it missing. Nothing that exists is ever changed.</summary>
public abstract record SetupStep(string Service)
{
    /// <summary>What it creates, as the setup plan lists it.</summary>
    public abstract string Description { get; }
}

public sealed record CreateCommunityProperty(PortalProperty Property) : SetupStep("HubSpot")
{
    public override string Description =>
        $"Create the Community property {Property.Name} ({Property.Type}, {Property.FieldType}{(Property.HasUniqueValue ? ", unique values" : "")}) in the group {Property.GroupName}.";
}

public sealed record CreateContactLabel(string Name, string Label) : SetupStep("HubSpot")
{
    public override string Description => $"Create the association label \"{Label}\" from Community to contacts.";
}

public sealed record CreateCompanyField(string Field, string Name, string Type) : SetupStep("Freshdesk")
{
    public override string Description => $"Create the company field {Name} ({Type}).";
}

public sealed record CreateRepositoryLabel(string Repository, string Name, string Color, string LabelDescription) : SetupStep("GitHub")
{
    public override string Description => $"Create the label {Name} in {Repository}.";
}
