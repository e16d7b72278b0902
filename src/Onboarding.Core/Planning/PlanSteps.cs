using Onboarding.Core.Text;
using Onboarding.Core.Turnup;

namespace Onboarding.Core.Planning;

/// <summary>
/// One method per kind of step. Apply, drift and the change guard each implement it, so a new kind of step does not
/// build until each of them says what it does with it.
/// </summary>
public interface IPlanStepVisitor<out TResult>
{
    TResult Visit(CreateCommunity step);

    TResult Visit(UpdateCommunity step);

    TResult Visit(UpsertContact step);

    TResult Visit(AddLabel step);

    TResult Visit(RemoveLabel step);

    TResult Visit(AssociateDeal step);

    TResult Visit(CreateCompany step);

    TResult Visit(UpdateCompany step);

    TResult Visit(CreateHelpdeskContact step);

    TResult Visit(UpdateHelpdeskContact step);

    TResult Visit(OpenTurnupIssue step);

    TResult Visit(UpdateTurnupIssue step);

    TResult Visit(OpenMissingInformationRequest step);

    TResult Visit(NoteMissingInformationRequest step);

    TResult Visit(ResolveMissingInformationRequest step);

    TResult Visit(SendHubAvailableEmail step);

    TResult Visit(AddDeliveryNote step);

    TResult Visit(AddDeliveryComment step);

    TResult Visit(PlaceOnBoard step);
}

/// <summary>HubSpot: the Community record, created with every property the manifest gives.</summary>
public sealed record CreateCommunity(string Community, IReadOnlyDictionary<string, string> Properties) : PlanStep
{
    public override StepKind Kind => StepKind.Create;

    public override string Service => "hubspot";

    public override string Target => $"community {Community}";

    public override string Key => $"hubspot:community:{Community}";

    public override IReadOnlyList<FieldChange> Changes => FieldChange.Between(Properties, null);

    public override TResult Accept<TResult>(IPlanStepVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>HubSpot: the Community record's properties that differ from the manifest.</summary>
/// <param name="CommunityId">The record's id in HubSpot.</param>
public sealed record UpdateCommunity(
    string Community, string CommunityId, IReadOnlyDictionary<string, string> Wanted, IReadOnlyDictionary<string, string?> Current) : PlanStep
{
    public override StepKind Kind => StepKind.Update;

    public override string Service => "hubspot";

    public override string Target => $"community {Community}";

    public override string Key => $"hubspot:community:{Community}";

    public override IReadOnlyList<FieldChange> Changes => FieldChange.Between(Wanted, Current);

    public override TResult Accept<TResult>(IPlanStepVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>HubSpot: a person as a contact, created or brought up to date by email (one batch for a run of them).</summary>
/// <param name="Existing">The contact HubSpot holds; null when it is new.</param>
public sealed record UpsertContact(DesiredContact Contact, ObservedContact? Existing) : PlanStep
{
    public override StepKind Kind => Existing is null ? StepKind.Create : StepKind.Update;

    public override string Service => "hubspot";

    public override string Target => $"contact {Contact.Email}";

    public override string Key => $"hubspot:contact:{Contact.Email}";

    /// <summary>Name properties left as HubSpot has them (changed by hand, or externally managed): never sent.</summary>
    public IReadOnlySet<string> Kept { get; init; } = new HashSet<string>();

    /// <summary>What the upsert sends: the person's properties but the kept ones.</summary>
    public IReadOnlyDictionary<string, string?> Properties =>
        ObservedCommunity.ContactProperties(Contact).Where(p => !Kept.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    public override IReadOnlyList<FieldChange> Changes => FieldChange.Between(
        Properties.ToDictionary(p => p.Key, p => p.Value ?? "", StringComparer.Ordinal), Existing?.Properties);

    public override TResult Accept<TResult>(IPlanStepVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>HubSpot: an association label (a role) between the community and a contact (one batch for a run of them).</summary>
public sealed record AddLabel(string Community, string Email, string Label) : PlanStep
{
    public override StepKind Kind => StepKind.Associate;

    public override string Service => "hubspot";

    public override string Target => $"{Email} as {Label} of {Community}";

    public override string Key => LabelKey(Community, Email, Label);

    public override IReadOnlyList<FieldChange> Changes => [new FieldChange("label", null, Label)];

    public override TResult Accept<TResult>(IPlanStepVisitor<TResult> visitor) => visitor.Visit(this);

    /// <summary>Adding and removing one label share a key: they are the same association.</summary>
    internal static string LabelKey(string community, string email, string label) => $"hubspot:association:{community}:{email}:{label}";
}

/// <summary>HubSpot: a role the manifest no longer gives a person; the label goes, the contact record stays.</summary>
public sealed record RemoveLabel(string Community, string Email, string Label) : PlanStep
{
    public override StepKind Kind => StepKind.Dissociate;

    public override string Service => "hubspot";

    public override string Target => $"{Email} as {Label} of {Community} (the contact record stays)";

    public override string Key => AddLabel.LabelKey(Community, Email, Label);

    public override IReadOnlyList<FieldChange> Changes => [new FieldChange("label", Label, null)];

    public override TResult Accept<TResult>(IPlanStepVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>HubSpot: a deal of the manifest (one HubSpot knows) associated with the community.</summary>
public sealed record AssociateDeal(string Community, string Deal) : PlanStep
{
    public override StepKind Kind => StepKind.Associate;

    public override string Service => "hubspot";

    public override string Target => $"deal {Deal} with {Community}";

    public override string Key => $"hubspot:deal:{Community}:{Deal}";

    public override IReadOnlyList<FieldChange> Changes => [new FieldChange("deal", null, Deal)];

    public override TResult Accept<TResult>(IPlanStepVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>Freshdesk: the community as a company, named by the community's <c>name</c>.</summary>
public sealed record CreateCompany(string Community, IReadOnlyDictionary<string, string> Fields) : PlanStep
{
    public override StepKind Kind => StepKind.Create;

    public override string Service => "freshdesk";

    public override string Target => $"company {Community}";

    public override string Key => $"freshdesk:company:{Community}";

    public override IReadOnlyList<FieldChange> Changes => [new FieldChange("name", null, Community), .. FieldChange.Between(Fields, null)];

    public override TResult Accept<TResult>(IPlanStepVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>Freshdesk: the company's custom fields that differ from the manifests.</summary>
public sealed record UpdateCompany(string Community, ObservedCompany Existing, IReadOnlyDictionary<string, string> Wanted) : PlanStep
{
    public override StepKind Kind => StepKind.Update;

    public override string Service => "freshdesk";

    public override string Target => $"company {Community}";

    public override string Key => $"freshdesk:company:{Community}";

    public override IReadOnlyList<FieldChange> Changes => FieldChange.Between(Wanted, Existing.Fields);

    public override TResult Accept<TResult>(IPlanStepVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>Freshdesk: a person as a contact of the community's company.</summary>
public sealed record CreateHelpdeskContact(string Community, DesiredContact Contact) : PlanStep
{
    public override StepKind Kind => StepKind.Create;

    public override string Service => "freshdesk";

    public override string Target => $"contact {Contact.Email}";

    public override string Key => $"freshdesk:contact:{Contact.Email}";

    public override IReadOnlyList<FieldChange> Changes =>
        [new FieldChange("name", null, ObservedCommunity.FullName(Contact)), new FieldChange("email", null, Contact.Email), new FieldChange("company", null, Community)];

    public override TResult Accept<TResult>(IPlanStepVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>Freshdesk: a contact whose name differs from the manifest, or who is not of the community's company.</summary>
/// <param name="Company">The community's company as Freshdesk holds it; null when this apply creates it.</param>
public sealed record UpdateHelpdeskContact(string Community, DesiredContact Contact, ObservedHelpdeskContact Existing, ObservedCompany? Company) : PlanStep
{
    /// <summary>The name Freshdesk has is kept (changed by hand, or externally managed): only the company may change.</summary>
    public bool NameKept { get; init; }

    public bool NameChanged => !NameKept && Existing.Name != ObservedCommunity.FullName(Contact);

    /// <summary>A company of unknown id (an offline plan) is taken to be the contact's.</summary>
    public bool JoinsCompany => Company is null || (Company.Id is { } id && Existing.CompanyId != id);

    public override StepKind Kind => StepKind.Update;

    public override string Service => "freshdesk";

    public override string Target => $"contact {Contact.Email}";

    public override string Key => $"freshdesk:contact:{Contact.Email}";

    public override IReadOnlyList<FieldChange> Changes =>
    [
        .. NameChanged ? [new FieldChange("name", Existing.Name, ObservedCommunity.FullName(Contact))] : Array.Empty<FieldChange>(),
        .. JoinsCompany ? [new FieldChange("company", null, Community)] : Array.Empty<FieldChange>(),
    ];

    public override TResult Accept<TResult>(IPlanStepVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>GitHub: a New Hub Turnup issue (or a hub's decommission issue), found again by its marker if the answer is lost.</summary>
public sealed record OpenTurnupIssue(TurnupIssue Issue) : PlanStep
{
    /// <summary>The technical owner (<c>owners.technical</c>) the new issue is assigned to; null when the manifest names none.
    /// An issue that is already open is left as people assigned it.</summary>
    public string? Assignee { get; init; }

    public override StepKind Kind => StepKind.OpenIssue;

    public override string Service => "github";

    public override string Target => Issue.Title;

    public override string Key => Issue.Key;

    public override IReadOnlyList<FieldChange> Changes =>
        [new FieldChange("status", null, Issue.Status), .. Assignee is { } login ? [new FieldChange("assignee", null, $"@{login}")] : Array.Empty<FieldChange>()];

    public override string? Title => Issue.Title;

    public override string? Body => Issue.Body;

    public override IReadOnlyList<string>? Labels => Issue.Labels;

    public override TResult Accept<TResult>(IPlanStepVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>
/// GitHub: an open turnup issue whose text changed, or any turnup issue opened before issues carried their community's
/// label (so that listing by that label finds every issue of the community). An issue opened one set per hub that is
/// adopted gets the new text, and so the new marker, while it is open.
/// </summary>
public sealed record UpdateTurnupIssue(TurnupIssue Issue, ObservedIssue Existing) : PlanStep
{
    public bool BodyChanged => Existing.Open && Existing.Body != Issue.Body;

    public bool AddsCommunityLabel => !Existing.Labels.Contains(TurnupMarker.CommunityLabel(Issue.Community), StringComparer.OrdinalIgnoreCase);

    /// <summary>The issue was opened under the old scheme (one set per hub) and becomes <see cref="Issue"/>.</summary>
    public bool Adopts => Existing.Marker is { IsLegacy: true };

    public override StepKind Kind => StepKind.UpdateIssue;

    public override string Service => "github";

    public override string Target => Existing.Number > 0 ? $"#{Existing.Number} {Issue.Title}" : Issue.Title;

    public override string Key => Issue.Key;

    public override IReadOnlyList<FieldChange> Changes =>
    [
        .. Adopts && BodyChanged ? [new FieldChange("marker", Existing.Marker!.Describe(), Issue.Id.Describe())] : Array.Empty<FieldChange>(),
        .. BodyChanged ? [new FieldChange("body", "(as it is)", $"{Issue.Status} ({UnifiedDiff.Summary(Existing.Body, Issue.Body)})")] : Array.Empty<FieldChange>(),
        .. AddsCommunityLabel ? [new FieldChange("labels", null, TurnupMarker.CommunityLabel(Issue.Community))] : Array.Empty<FieldChange>(),
    ];

    public override string? Diff => BodyChanged ? UnifiedDiff.Of(Existing.Body, Issue.Body) : null;

    public override string? Title => Issue.Title;

    public override string? Body => Issue.Body;

    public override IReadOnlyList<string>? Labels => Issue.Labels;

    public override TResult Accept<TResult>(IPlanStepVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>Freshdesk: the one ticket that asks the representatives for exactly what is missing, once per tag.</summary>
public sealed record OpenMissingInformationRequest(MissingInformationRequest Request) : PlanStep
{
    public override StepKind Kind => StepKind.OpenTicket;

    public override string Service => "freshdesk";

    public override string Target => $"missing-information request to {string.Join(", ", Request.To)}";

    public override string Key => $"freshdesk:ticket:{Request.Tag}";

    public override IReadOnlyList<FieldChange> Changes => Questions(Request);

    public override string? Title => Request.Subject;

    public override string? Body => Request.HtmlBody;

    public override IReadOnlyList<string>? Labels => [Request.Tag];

    public override TResult Accept<TResult>(IPlanStepVisitor<TResult> visitor) => visitor.Visit(this);

    internal static IReadOnlyList<FieldChange> Questions(MissingInformationRequest request) =>
        [.. request.Items.Select(i => new FieldChange(i.Field, null, i.Question))];
}

/// <summary>
/// Freshdesk: a private note on the open missing-information request when what is missing changed; the request then
/// carries the new set's tag, so the note is made once.
/// </summary>
public sealed record NoteMissingInformationRequest(MissingInformationRequest Request, ObservedRequest Open) : PlanStep
{
    public override StepKind Kind => StepKind.AddNote;

    public override string Service => "freshdesk";

    public override string Target => $"note on the open missing-information request{(Open.Id > 0 ? $" #{Open.Id}" : "")}: what is missing now";

    public override string Key => $"freshdesk:ticket-note:{Request.Tag}";

    public override IReadOnlyList<FieldChange> Changes => OpenMissingInformationRequest.Questions(Request);

    public override string? Title => Request.Subject;

    public override string? Body => Request.HtmlBody;

    public override IReadOnlyList<string>? Labels => [Request.Tag];

    public override TResult Accept<TResult>(IPlanStepVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>Freshdesk: an open missing-information request, noted and resolved once nothing is missing any more.</summary>
public sealed record ResolveMissingInformationRequest(string Community, ObservedRequest Open) : PlanStep
{
    public override StepKind Kind => StepKind.Update;

    public override string Service => "freshdesk";

    public override string Target => $"missing-information request{(Open.Id > 0 ? $" #{Open.Id}" : "")}: nothing is missing any more, resolve it";

    public override string Key => $"freshdesk:ticket-resolve:{Community}:{Open.Id}";

    public override IReadOnlyList<FieldChange> Changes => [new FieldChange("status", "open", "resolved")];

    public override TResult Accept<TResult>(IPlanStepVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>Freshdesk: the "your hub is ready" email of a recently deployed hub, once (its tag is its key).</summary>
public sealed record SendHubAvailableEmail(DesiredEmail Email) : PlanStep
{
    public override StepKind Kind => StepKind.SendEmail;

    public override string Service => "freshdesk";

    public override string Target => $"hub-available email for {Email.Hub} to {string.Join(", ", [Email.To, .. Email.Cc])}";

    public override string Key => $"freshdesk:email:{Email.Tag}";

    public override IReadOnlyList<FieldChange> Changes => [new FieldChange("subject", null, Email.Subject)];

    public override string? Title => Email.Subject;

    public override string? Body => Email.HtmlBody;

    public override IReadOnlyList<string>? Labels => [Email.Tag];

    public override TResult Accept<TResult>(IPlanStepVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>HubSpot: BD's note that a hub was delivered, on the community and its deals, found again by its marker.</summary>
/// <param name="Deals">The community's deals HubSpot knows, which the note is attached to besides the community.</param>
public sealed record AddDeliveryNote(string Community, DesiredDelivery Delivery, IReadOnlyList<string> Deals) : PlanStep
{
    public override StepKind Kind => StepKind.AddNote;

    public override string Service => "hubspot";

    public override string Target => $"delivery note for {Delivery.Hub} on {Community} and its deals";

    public override string Key => $"hubspot:note:{Community}:{Delivery.Hub}:delivered";

    public override IReadOnlyList<FieldChange> Changes => [new FieldChange("note", null, $"{Delivery.Hub} delivered")];

    public override string? Body => Delivery.NoteBody;

    public override TResult Accept<TResult>(IPlanStepVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>GitHub: a comment for BD on the hub's phase 3 issue that the hub was delivered, found again by its marker.</summary>
/// <param name="BdTeam">The team the comment mentions.</param>
public sealed record AddDeliveryComment(string Community, DesiredDelivery Delivery, ObservedIssue Phase3, string BdTeam) : PlanStep
{
    public override StepKind Kind => StepKind.AddNote;

    public override string Service => "github";

    public override string Target => $"delivery comment for BD on {(Phase3.Number > 0 ? $"#{Phase3.Number} " : "")}{Phase3.Title}";

    public override string Key => $"github:comment:{Community}:{Delivery.Hub}:delivered";

    public override IReadOnlyList<FieldChange> Changes => [new FieldChange("comment", null, BdTeam)];

    public override string? Body => Delivery.CommentBody;

    public override TResult Accept<TResult>(IPlanStepVisitor<TResult> visitor) => visitor.Visit(this);
}
