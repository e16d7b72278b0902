namespace Onboarding.Core.Services.HubSpot;

/// <summary>
/// What onboarding needs from HubSpot. Reads never change anything; every write is keyed (community by <c>name</c>,
/// contact by email, associations by the pair and label) so repeating it after a crash makes no duplicate.
/// Failures the caller cannot fix by retrying surface as <see cref="ServiceException"/>.
/// </summary>
public interface IHubSpot
{
    /// <summary>Reads deals by id (batched by 100) with dealname, dealstage, pipeline and amount; ids HubSpot does not know are left out.</summary>
    Task<IReadOnlyList<HubSpotRecord>> ReadDealsAsync(IReadOnlyCollection<string> dealIds, CancellationToken cancellationToken = default);

    /// <summary>Reads contacts by record id (batched by 100); ids HubSpot does not know are left out.</summary>
    Task<IReadOnlyList<HubSpotRecord>> ReadContactsAsync(IReadOnlyCollection<string> contactIds, IReadOnlyCollection<string> properties, CancellationToken cancellationToken = default);

    /// <summary>The ids of the deals associated with the community.</summary>
    Task<IReadOnlyList<string>> ReadCommunityDealIdsAsync(string communityId, CancellationToken cancellationToken = default);

    /// <summary>All deal pipelines with their stages, to map a <c>dealstage</c> id to its label.</summary>
    Task<IReadOnlyList<DealPipeline>> ReadDealPipelinesAsync(CancellationToken cancellationToken = default);

    /// <summary>The association types from the Community object to contacts (labels such as "Technical Contact" with their portal-specific ids).</summary>
    Task<IReadOnlyList<AssociationLabel>> ReadCommunityContactLabelsAsync(CancellationToken cancellationToken = default);

    /// <summary>The community whose unique <c>name</c> is <paramref name="name"/>, or null. Reads by id property, which does not lag like search.</summary>
    Task<HubSpotRecord?> FindCommunityAsync(string name, IReadOnlyCollection<string> properties, CancellationToken cancellationToken = default);

    /// <summary>
    /// The community as <see cref="FindCommunityAsync"/> finds it, with the history of <paramref name="properties"/>
    /// (<c>propertiesWithHistory</c>): who wrote each value, and when.
    /// </summary>
    Task<HubSpotRecord?> FindCommunityWithHistoryAsync(string name, IReadOnlyCollection<string> properties, CancellationToken cancellationToken = default) =>
        FindCommunityAsync(name, properties, cancellationToken);

    /// <summary>Every Community record (all pages, oldest first) with the given properties: for import and drift.</summary>
    Task<IReadOnlyList<HubSpotRecord>> ListCommunitiesAsync(IReadOnlyCollection<string> properties, CancellationToken cancellationToken = default);

    /// <summary>Reads the given properties of a community by its record id.</summary>
    Task<HubSpotRecord> ReadCommunityAsync(string communityId, IReadOnlyCollection<string> properties, CancellationToken cancellationToken = default);

    /// <summary>Creates a community (properties must include <c>name</c>). Not retried after an ambiguous failure: look it up by name instead.</summary>
    Task<HubSpotRecord> CreateCommunityAsync(IReadOnlyDictionary<string, string?> properties, CancellationToken cancellationToken = default);

    /// <summary>Updates the given properties of a community; an empty string clears a value.</summary>
    Task<HubSpotRecord> UpdateCommunityAsync(string communityId, IReadOnlyDictionary<string, string?> properties, CancellationToken cancellationToken = default);

    /// <summary>Finds contacts by email without writing anything (batched by 100); unknown emails are left out.</summary>
    Task<IReadOnlyList<HubSpotRecord>> FindContactsByEmailAsync(IReadOnlyCollection<string> emails, IReadOnlyCollection<string> properties, CancellationToken cancellationToken = default);

    /// <summary>
    /// The contacts as <see cref="FindContactsByEmailAsync"/> finds them, with the history of <paramref name="withHistory"/>
    /// (<c>propertiesWithHistory</c>): who wrote each value, and when.
    /// </summary>
    Task<IReadOnlyList<HubSpotRecord>> FindContactsWithHistoryAsync(
        IReadOnlyCollection<string> emails, IReadOnlyCollection<string> properties, IReadOnlyCollection<string> withHistory, CancellationToken cancellationToken = default) =>
        FindContactsByEmailAsync(emails, properties, cancellationToken);

    /// <summary>
    /// Creates or updates contacts keyed by email, in batches of at most 100. Each result is matched to its input by
    /// email; inputs HubSpot failed (a 207 answer) come back in <see cref="HubSpotUpserts.Failed"/>, the others are done.
    /// </summary>
    Task<HubSpotUpserts> UpsertContactsByEmailAsync(IReadOnlyList<HubSpotContactInput> contacts, CancellationToken cancellationToken = default);

    /// <summary>Every contact associated with the community, with all labels of each association.</summary>
    Task<IReadOnlyList<HubSpotAssociation>> ReadCommunityContactsAsync(string communityId, CancellationToken cancellationToken = default);

    /// <summary>Associates a contact with the community under the label with <paramref name="labelTypeId"/> (from <see cref="ReadCommunityContactLabelsAsync"/>).</summary>
    Task AssociateCommunityContactAsync(string communityId, string contactId, int labelTypeId, CancellationToken cancellationToken = default);

    /// <summary>Labels several contacts of the community at once (batches of at most 100); labelling a pair again changes nothing.</summary>
    Task AssociateCommunityContactsAsync(string communityId, IReadOnlyList<(string ContactId, int LabelTypeId)> labels, CancellationToken cancellationToken = default);

    /// <summary>Removes one label from a community–contact association; the records and any other label stay.</summary>
    Task RemoveCommunityContactLabelAsync(string communityId, string contactId, int labelTypeId, CancellationToken cancellationToken = default);

    /// <summary>Removes every association between the community and the contact; neither record is deleted.</summary>
    Task RemoveCommunityContactAsync(string communityId, string contactId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Associates the community with a deal by the portal's unlabelled association type between the two (HubSpot- or
    /// user-defined). Repeating it changes nothing.
    /// </summary>
    Task AssociateCommunityDealAsync(string communityId, string dealId, CancellationToken cancellationToken = default);

    /// <summary>The notes attached to the community, with their bodies (HubSpot sanitises them: the program finds its own by visible text).</summary>
    Task<IReadOnlyList<HubSpotRecord>> ReadCommunityNotesAsync(string communityId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The associations of many communities to one kind of record at once (v4 batch read, at most 1,000 communities a
    /// request, each community's further pages read on). A community with none is in the answer with an empty list.
    /// </summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<HubSpotAssociation>>> ReadCommunitiesAssociationsAsync(
        IReadOnlyCollection<string> communityIds, HubSpotObjectKind to, CancellationToken cancellationToken = default);

    /// <summary>Reads notes by record id (batched by 100) with their bodies; ids HubSpot does not know are left out.</summary>
    Task<IReadOnlyList<HubSpotRecord>> ReadNotesAsync(IReadOnlyCollection<string> noteIds, CancellationToken cancellationToken = default);

    /// <summary>Creates a note (body is HTML or plain text) attached to the given records; returns the note id.</summary>
    Task<string> CreateNoteAsync(string body, DateTimeOffset timestamp, IReadOnlyList<HubSpotNoteTarget> attachTo, CancellationToken cancellationToken = default);
}
