using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Onboarding.Core.Services;
using Onboarding.Core.Services.HubSpot;
using Onboarding.Services.Http;

namespace Onboarding.Services.HubSpot;

/// <summary>
/// <see cref="IHubSpot"/> over HubSpot's CRM REST API (objects v3, associations v4, pipelines), with typed requests and
/// answers (<see cref="HubSpotClientJson"/>), through the shared send path (<see cref="ServiceRequests"/>): paced under the
/// rate limit, 429 always retried, 5xx and timeouts retried only for requests that are safe to repeat (reads, search,
/// batch read, upsert by unique key, property updates, PUT and DELETE).
/// </summary>
public sealed partial class HubSpotClient : IHubSpot, IDisposable
{
    public const int BatchSize = 100;

    /// <summary>How many records one v4 association batch read may name (HubSpot refuses more since February 2025).</summary>
    public const int AssociationReadBatchSize = 1000;
    public const string ServiceName = "hubspot";
    private const string Service = "HubSpot";
    private const int MaxPages = 200;

    private static readonly string[] DealProperties = ["dealname", "dealstage", "pipeline", "amount", "closedate"];

    private readonly HubSpotOptions _options;
    private readonly HttpClient _http;
    private readonly string _community;
    private readonly Dictionary<string, IReadOnlyList<AssociationLabel>> _labels = [];
    private readonly SemaphoreSlim _labelsGate = new(1, 1);

    public HubSpotClient(HubSpotOptions options, TimeProvider? time = null, HttpMessageHandler? network = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.AccessToken))
            throw new ArgumentException("A HubSpot access token is required.", nameof(options));
        if (string.IsNullOrWhiteSpace(options.CommunityObjectType))
            throw new ArgumentException("The HubSpot Community object type (2-… or p<portal>_community) is required.", nameof(options));
        _options = options;
        _community = Uri.EscapeDataString(options.CommunityObjectType);
        _http = ResilientHttp.CreateClient(options.ToEndpoint(), time, network);
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.AccessToken);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public Task<IReadOnlyList<HubSpotRecord>> ReadDealsAsync(IReadOnlyCollection<string> dealIds, CancellationToken cancellationToken = default) =>
        BatchReadAsync("deals", "read deals", dealIds, DealProperties, cancellationToken);

    public Task<IReadOnlyList<HubSpotRecord>> ReadContactsAsync(IReadOnlyCollection<string> contactIds, IReadOnlyCollection<string> properties, CancellationToken cancellationToken = default) =>
        BatchReadAsync("contacts", "read contacts", contactIds, properties, cancellationToken);

    /// <summary>Batch read by id, in chunks of 100; ids that do not exist are left out.</summary>
    private async Task<IReadOnlyList<HubSpotRecord>> BatchReadAsync(
        string objectType, string operation, IReadOnlyCollection<string> recordIds, IReadOnlyCollection<string> properties, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recordIds);
        var ids = recordIds.Distinct(StringComparer.Ordinal).ToList();
        var found = new Dictionary<string, HubSpotRecord>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(BatchSize))
        {
            var body = ServiceRequests.JsonBody(new BatchReadRequest(null, [.. chunk.Select(id => new IdInput(id))], [.. properties], []), HubSpotClientJson.Default.BatchReadRequest);
            var answer = await SendAsync(operation, HttpMethod.Post, $"crm/v3/objects/{objectType}/batch/read", body, idempotent: true, HubSpotClientJson.Default.PageAnswerObjectAnswer, cancellationToken);
            foreach (var record in Records(answer.Results))
                found[record.Id] = record;
        }

        return [.. ids.Where(found.ContainsKey).Select(id => found[id])];
    }

    public async Task<IReadOnlyList<DealPipeline>> ReadDealPipelinesAsync(CancellationToken cancellationToken = default)
    {
        var answer = await SendAsync("read deal pipelines", HttpMethod.Get, "crm/v3/pipelines/deals", null, idempotent: true, HubSpotClientJson.Default.PageAnswerPipelineAnswer, cancellationToken);
        return
        [
            .. (answer.Results ?? []).Select(p => new DealPipeline(
                p.Id ?? "",
                p.Label ?? "",
                [.. (p.Stages ?? []).Select(s => new DealStage(s.Id ?? "", s.Label ?? "", s.DisplayOrder, string.Equals(s.Metadata?.IsClosed, "true", StringComparison.OrdinalIgnoreCase)))])),
        ];
    }

    public Task<IReadOnlyList<AssociationLabel>> ReadCommunityContactLabelsAsync(CancellationToken cancellationToken = default) =>
        LabelsAsync(_community, "contacts", cancellationToken);

    public async Task<HubSpotRecord?> FindCommunityAsync(string name, IReadOnlyCollection<string> properties, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var path = $"crm/v3/objects/{_community}/{Uri.EscapeDataString(name)}?idProperty={Uri.EscapeDataString(_options.CommunityNameProperty)}{PropertiesQuery(properties)}";
        var answer = await FindAsync("find the community", path, HubSpotClientJson.Default.ObjectAnswer, cancellationToken);
        return answer is null ? null : Record(answer);
    }

    public async Task<HubSpotRecord?> FindCommunityWithHistoryAsync(string name, IReadOnlyCollection<string> properties, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(properties);
        var history = properties.Count == 0 ? "" : "&propertiesWithHistory=" + string.Join(",", properties.Select(Uri.EscapeDataString));
        var path = $"crm/v3/objects/{_community}/{Uri.EscapeDataString(name)}?idProperty={Uri.EscapeDataString(_options.CommunityNameProperty)}{PropertiesQuery(properties)}{history}";
        var answer = await FindAsync("find the community", path, HubSpotClientJson.Default.ObjectAnswer, cancellationToken);
        return answer is null ? null : Record(answer);
    }

    public async Task<IReadOnlyList<HubSpotRecord>> ListCommunitiesAsync(IReadOnlyCollection<string> properties, CancellationToken cancellationToken = default)
    {
        var records = new List<HubSpotRecord>();
        string? after = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var path = $"crm/v3/objects/{_community}?limit=100{PropertiesQuery(properties)}" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after));
            var answer = await SendAsync("list the communities", HttpMethod.Get, path, null, idempotent: true, HubSpotClientJson.Default.PageAnswerObjectAnswer, cancellationToken);
            records.AddRange(Records(answer.Results));
            after = answer.Paging?.Next?.After;
            if (after is null)
                return records;
        }

        throw new ServiceException(ServiceName, "list the communities", null, $"HubSpot listed more than {MaxPages} pages of communities; stopped reading.");
    }

    public async Task<HubSpotRecord> ReadCommunityAsync(string communityId, IReadOnlyCollection<string> properties, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(communityId);
        var path = $"crm/v3/objects/{_community}/{Uri.EscapeDataString(communityId)}?{PropertiesQuery(properties).TrimStart('&')}";
        return Record(await SendAsync("read the community", HttpMethod.Get, path, null, idempotent: true, HubSpotClientJson.Default.ObjectAnswer, cancellationToken));
    }

    public async Task<HubSpotRecord> CreateCommunityAsync(IReadOnlyDictionary<string, string?> properties, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(properties);
        // Not marked idempotent: after an ambiguous failure the caller looks the community up by name instead.
        var body = ServiceRequests.JsonBody(new CreateInput(PropertyValues(properties), []), HubSpotClientJson.Default.CreateInput);
        return Record(await SendAsync("create the community", HttpMethod.Post, $"crm/v3/objects/{_community}", body, idempotent: false, HubSpotClientJson.Default.ObjectAnswer, cancellationToken));
    }

    public async Task<HubSpotRecord> UpdateCommunityAsync(string communityId, IReadOnlyDictionary<string, string?> properties, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(communityId);
        ArgumentNullException.ThrowIfNull(properties);
        // Setting properties to given values can be repeated safely.
        var body = ServiceRequests.JsonBody(new PropertiesInput(PropertyValues(properties)), HubSpotClientJson.Default.PropertiesInput);
        var path = $"crm/v3/objects/{_community}/{Uri.EscapeDataString(communityId)}";
        return Record(await SendAsync("update the community", HttpMethod.Patch, path, body, idempotent: true, HubSpotClientJson.Default.ObjectAnswer, cancellationToken));
    }

    public Task<IReadOnlyList<HubSpotRecord>> FindContactsByEmailAsync(IReadOnlyCollection<string> emails, IReadOnlyCollection<string> properties, CancellationToken cancellationToken = default) =>
        FindContactsWithHistoryAsync(emails, properties, [], cancellationToken);

    public async Task<IReadOnlyList<HubSpotRecord>> FindContactsWithHistoryAsync(
        IReadOnlyCollection<string> emails, IReadOnlyCollection<string> properties, IReadOnlyCollection<string> withHistory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(emails);
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentNullException.ThrowIfNull(withHistory);
        var wanted = emails.Select(e => e.Trim()).Where(e => e.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var results = new List<HubSpotRecord>();
        foreach (var chunk in wanted.Chunk(BatchSize))
        {
            var request = new BatchReadRequest("email", [.. chunk.Select(e => new IdInput(e))], [.. properties.Append("email").Distinct(StringComparer.Ordinal)], [.. withHistory]);
            var answer = await SendAsync("find contacts by email", HttpMethod.Post, "crm/v3/objects/contacts/batch/read", ServiceRequests.JsonBody(request, HubSpotClientJson.Default.BatchReadRequest), idempotent: true,
                HubSpotClientJson.Default.PageAnswerObjectAnswer, cancellationToken);
            results.AddRange(Records(answer.Results));
        }

        return results;
    }

    public async Task<HubSpotUpserts> UpsertContactsByEmailAsync(IReadOnlyList<HubSpotContactInput> contacts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        // HubSpot rejects a batch that names one email twice: merge them, later values winning.
        var merged = new List<(string Email, Dictionary<string, string?> Properties)>();
        foreach (var contact in contacts)
        {
            var email = contact.Email.Trim();
            var existing = merged.FindIndex(m => string.Equals(m.Email, email, StringComparison.OrdinalIgnoreCase));
            if (existing < 0)
            {
                merged.Add((email, new Dictionary<string, string?>(contact.Properties, StringComparer.Ordinal)));
                continue;
            }

            foreach (var (key, value) in contact.Properties)
                merged[existing].Properties[key] = value;
        }

        var upserted = new List<HubSpotUpserted>();
        var failed = new List<HubSpotInputFailure>();
        foreach (var chunk in merged.Chunk(BatchSize))
        {
            var inputs = new BatchInput<UpsertInput>([.. chunk.Select(c => new UpsertInput("email", c.Email, PropertyValues(c.Properties.Where(p => p.Key != "email"))))]);
            var answer = await SendAsync("upsert contacts", HttpMethod.Post, "crm/v3/objects/contacts/batch/upsert", ServiceRequests.JsonBody(inputs, HubSpotClientJson.Default.BatchInputUpsertInput), idempotent: true,
                HubSpotClientJson.Default.UpsertAnswer, cancellationToken);
            var (done, notDone) = MatchUpserts([.. chunk.Select(c => c.Email)], answer);
            upserted.AddRange(done);
            failed.AddRange(notDone);
        }

        return new HubSpotUpserts(upserted, failed);
    }

    /// <summary>
    /// Each result matched to its input by the email it carries (HubSpot answers a batch in any order); an input with no
    /// result failed, with the reason the 207's error that names it gives (or the only reason given).
    /// </summary>
    private static (List<HubSpotUpserted> Done, List<HubSpotInputFailure> Failed) MatchUpserts(IReadOnlyList<string> emails, UpsertAnswer answer)
    {
        var byEmail = new Dictionary<string, HubSpotUpserted>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in answer.Results ?? [])
        {
            var record = Record(item);
            if (record["email"] is { Length: > 0 } email && emails.Contains(email, StringComparer.OrdinalIgnoreCase))
                byEmail[email] = new HubSpotUpserted(email, record.Id, item.New, record.Properties);
        }

        var done = new List<HubSpotUpserted>();
        var failed = new List<HubSpotInputFailure>();
        var errors = answer.Errors ?? [];
        foreach (var email in emails)
        {
            if (byEmail.TryGetValue(email, out var result))
            {
                done.Add(result with { Key = email });
                continue;
            }

            var error = errors.FirstOrDefault(e => e.Names(email)) ?? (errors.Count == 1 ? errors[0] : null);
            failed.Add(new HubSpotInputFailure(email, error?.Message?.Trim() is { Length: > 0 } reason ? reason : "HubSpot gave no result for it and no reason"));
        }

        return (done, failed);
    }

    public Task<IReadOnlyList<HubSpotAssociation>> ReadCommunityContactsAsync(string communityId, CancellationToken cancellationToken = default) =>
        ReadCommunityAssociationsAsync(communityId, "contacts", "read the community's contacts", cancellationToken);

    public async Task<IReadOnlyList<string>> ReadCommunityDealIdsAsync(string communityId, CancellationToken cancellationToken = default) =>
        [.. (await ReadCommunityAssociationsAsync(communityId, "deals", "read the community's deals", cancellationToken)).Select(a => a.ToObjectId)];

    private async Task<IReadOnlyList<HubSpotAssociation>> ReadCommunityAssociationsAsync(string communityId, string toType, string operation, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(communityId);
        var results = new List<HubSpotAssociation>();
        string? after = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var path = $"crm/v4/objects/{_community}/{Uri.EscapeDataString(communityId)}/associations/{toType}?limit=500"
                + (after is null ? "" : "&after=" + Uri.EscapeDataString(after));
            var answer = await SendAsync(operation, HttpMethod.Get, path, null, idempotent: true, HubSpotClientJson.Default.PageAnswerAssociationAnswer, cancellationToken);
            results.AddRange((answer.Results ?? []).Select(a => new HubSpotAssociation(a.ToObjectId ?? "", [.. (a.AssociationTypes ?? []).Select(Label)])));
            after = answer.Paging?.Next?.After;
            if (after is null)
                return results;
        }

        throw new ServiceException(ServiceName, operation, null, $"HubSpot listed more than {MaxPages} pages of {toType} for community {communityId}; stopped reading.");
    }

    public async Task AssociateCommunityContactAsync(string communityId, string contactId, int labelTypeId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(communityId);
        ArgumentException.ThrowIfNullOrWhiteSpace(contactId);
        IReadOnlyList<AssociationSpec> types = [new(await CategoryOfAsync(labelTypeId, cancellationToken), labelTypeId)];
        var path = $"crm/v4/objects/{_community}/{Uri.EscapeDataString(communityId)}/associations/contacts/{Uri.EscapeDataString(contactId)}";
        await SendAsync("associate a contact with the community", HttpMethod.Put, path, ServiceRequests.JsonBody(types, HubSpotClientJson.Default.IReadOnlyListAssociationSpec), idempotent: true, cancellationToken);
    }

    public async Task AssociateCommunityContactsAsync(string communityId, IReadOnlyList<(string ContactId, int LabelTypeId)> labels, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(communityId);
        ArgumentNullException.ThrowIfNull(labels);
        const string operation = "associate contacts with the community";
        foreach (var chunk in labels.Chunk(BatchSize))
        {
            var inputs = new List<AssociationInput>();
            foreach (var (contactId, typeId) in chunk)
                inputs.Add(new AssociationInput(new IdInput(communityId), new IdInput(contactId), [new AssociationSpec(await CategoryOfAsync(typeId, cancellationToken), typeId)]));

            // Labelling the same pair again changes nothing, so the batch is safe to repeat.
            var answer = await SendAsync(operation, HttpMethod.Post, $"crm/v4/associations/{_community}/contacts/batch/create",
                ServiceRequests.JsonBody(new BatchInput<AssociationInput>(inputs), HubSpotClientJson.Default.BatchInputAssociationInput), idempotent: true, HubSpotClientJson.Default.BatchAnswer, cancellationToken);
            if (answer.NumErrors > 0)
            {
                throw new ServiceException(ServiceName, operation, 207,
                    $"HubSpot could not label {answer.NumErrors} of the community's contacts: {answer.Errors?.FirstOrDefault()?.Message ?? "no reason given"}.");
            }
        }
    }

    public async Task RemoveCommunityContactLabelAsync(string communityId, string contactId, int labelTypeId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(communityId);
        ArgumentException.ThrowIfNullOrWhiteSpace(contactId);
        var input = new AssociationInput(new IdInput(communityId), new IdInput(contactId), [new AssociationSpec(await CategoryOfAsync(labelTypeId, cancellationToken), labelTypeId)]);
        await SendAsync("remove a contact's label from the community", HttpMethod.Post, $"crm/v4/associations/{_community}/contacts/batch/labels/archive",
            ServiceRequests.JsonBody(new BatchInput<AssociationInput>([input]), HubSpotClientJson.Default.BatchInputAssociationInput), idempotent: true, cancellationToken);
    }

    public async Task RemoveCommunityContactAsync(string communityId, string contactId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(communityId);
        ArgumentException.ThrowIfNullOrWhiteSpace(contactId);
        var path = $"crm/v4/objects/{_community}/{Uri.EscapeDataString(communityId)}/associations/contacts/{Uri.EscapeDataString(contactId)}";
        await SendAsync("remove a contact from the community", HttpMethod.Delete, path, null, idempotent: true, cancellationToken);
    }

    public async Task AssociateCommunityDealAsync(string communityId, string dealId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(communityId);
        ArgumentException.ThrowIfNullOrWhiteSpace(dealId);
        const string operation = "associate a deal with the community";
        // The default-association endpoint only knows HubSpot-defined types; the portal's may be user-defined.
        var type = await UnlabelledTypeAsync(_community, "deals", operation, "Community", "Deals", cancellationToken);
        IReadOnlyList<AssociationSpec> types = [new(type.Category, type.TypeId)];
        var path = $"crm/v4/objects/{_community}/{Uri.EscapeDataString(communityId)}/associations/deals/{Uri.EscapeDataString(dealId)}";
        await SendAsync(operation, HttpMethod.Put, path, ServiceRequests.JsonBody(types, HubSpotClientJson.Default.IReadOnlyListAssociationSpec), idempotent: true, cancellationToken);
    }

    public async Task<IReadOnlyList<HubSpotRecord>> ReadCommunityNotesAsync(string communityId, CancellationToken cancellationToken = default)
    {
        var ids = (await ReadCommunityAssociationsAsync(communityId, "notes", "read the community's notes", cancellationToken)).Select(a => a.ToObjectId).ToList();
        return ids.Count == 0 ? [] : await BatchReadAsync("notes", "read notes", ids, ["hs_note_body"], cancellationToken);
    }

    public Task<IReadOnlyList<HubSpotRecord>> ReadNotesAsync(IReadOnlyCollection<string> noteIds, CancellationToken cancellationToken = default) =>
        BatchReadAsync("notes", "read notes", noteIds, ["hs_note_body"], cancellationToken);

    /// <remarks>
    /// Results come back in any order, and a community with no associations is an error of a 207 answer rather than a
    /// result; both are matched by the community's id. A community with more associations than one answer holds comes
    /// with a cursor, and is asked again from it in the next request.
    /// </remarks>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<HubSpotAssociation>>> ReadCommunitiesAssociationsAsync(
        IReadOnlyCollection<string> communityIds, HubSpotObjectKind to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(communityIds);
        var toType = TypePath(to);
        var operation = $"read the communities' {KindName(to).ToLowerInvariant()}";
        var found = communityIds.Distinct(StringComparer.Ordinal).ToDictionary(id => id, _ => new List<HubSpotAssociation>(), StringComparer.Ordinal);
        var pending = new Queue<AssociationFetch>(found.Keys.Select(id => new AssociationFetch(id, null)));
        for (var requests = 0; pending.Count > 0; requests++)
        {
            if (requests >= MaxPages * Math.Max(1, (found.Count + AssociationReadBatchSize - 1) / AssociationReadBatchSize))
                throw new ServiceException(ServiceName, operation, null, $"HubSpot listed more than {MaxPages} pages of {toType} for some communities; stopped reading.");
            var batch = new List<AssociationFetch>();
            while (batch.Count < AssociationReadBatchSize && pending.TryDequeue(out var next))
                batch.Add(next);
            var body = ServiceRequests.JsonBody(new BatchInput<AssociationFetch>(batch), HubSpotClientJson.Default.BatchInputAssociationFetch);
            var answer = await SendAsync(operation, HttpMethod.Post, $"crm/v4/associations/{_community}/{toType}/batch/read", body, idempotent: true,
                HubSpotClientJson.Default.PageAnswerAssociationBatchResult, cancellationToken);
            foreach (var result in answer.Results ?? [])
            {
                if (result.From?.Id is not { } id || !found.TryGetValue(id, out var list))
                    continue;
                list.AddRange((result.To ?? []).Select(a => new HubSpotAssociation(a.ToObjectId ?? "", [.. (a.AssociationTypes ?? []).Select(Label)])));
                if (result.Paging?.Next?.After is { } after)
                    pending.Enqueue(new AssociationFetch(id, after));
            }
        }

        return found.ToDictionary(f => f.Key, f => (IReadOnlyList<HubSpotAssociation>)f.Value, StringComparer.Ordinal);
    }

    public async Task<string> CreateNoteAsync(string body, DateTimeOffset timestamp, IReadOnlyList<HubSpotNoteTarget> attachTo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(attachTo);
        const string operation = "create a note";
        var associations = new List<CreateAssociation>();
        foreach (var target in attachTo)
        {
            var type = await UnlabelledTypeAsync("notes", TypePath(target.Kind), operation, "Notes", KindName(target.Kind), cancellationToken);
            associations.Add(new CreateAssociation(new IdInput(target.Id), [new AssociationSpec(type.Category, type.TypeId)]));
        }

        var note = new NoteInput(new NoteProperties(body, timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)), associations);
        var answer = await SendAsync(operation, HttpMethod.Post, "crm/v3/objects/notes", ServiceRequests.JsonBody(note, HubSpotClientJson.Default.NoteInput), idempotent: false, HubSpotClientJson.Default.ObjectAnswer, cancellationToken);
        return answer.Id ?? throw new ServiceException(ServiceName, operation, 201, "HubSpot created a note but did not say its id.");
    }

    public void Dispose()
    {
        _http.Dispose();
        _labelsGate.Dispose();
    }

    // ---------------------------------------------------------------- plumbing

    private string TypePath(HubSpotObjectKind kind) => kind switch
    {
        HubSpotObjectKind.Community => _community,
        HubSpotObjectKind.Contact => "contacts",
        HubSpotObjectKind.Deal => "deals",
        HubSpotObjectKind.Note => "notes",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown HubSpot object kind."),
    };

    private static string KindName(HubSpotObjectKind kind) => kind switch
    {
        HubSpotObjectKind.Community => "Community",
        HubSpotObjectKind.Contact => "Contacts",
        HubSpotObjectKind.Deal => "Deals",
        HubSpotObjectKind.Note => "Notes",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown HubSpot object kind."),
    };

    /// <summary>
    /// The portal's unlabelled association type from one object type to another: HubSpot-defined where there is one,
    /// otherwise the one the portal's admins defined (HubSpot does not guarantee a HubSpot-defined type between a custom
    /// object and notes or deals).
    /// </summary>
    private async Task<AssociationLabel> UnlabelledTypeAsync(string fromType, string toType, string operation, string fromName, string toName, CancellationToken cancellationToken)
    {
        var unlabelled = (await LabelsAsync(fromType, toType, cancellationToken)).Where(l => l.Label is null).ToList();
        return unlabelled.FirstOrDefault(l => l.Category == "HUBSPOT_DEFINED")
            ?? unlabelled.FirstOrDefault()
            ?? throw new ServiceException(ServiceName, operation, null,
                $"HubSpot could not {operation}: the portal has no association between {fromName} and {toName}. " +
                $"In HubSpot, open Settings > Objects > Custom Objects > Community > Associations and associate Community with {(fromName == "Community" ? toName : fromName)}, then run again.");
    }

    private async Task<IReadOnlyList<AssociationLabel>> LabelsAsync(string fromType, string toType, CancellationToken cancellationToken)
    {
        var key = fromType + "|" + toType;
        await _labelsGate.WaitAsync(cancellationToken);
        try
        {
            if (_labels.TryGetValue(key, out var cached))
                return cached;
            var answer = await SendAsync("read association labels", HttpMethod.Get, $"crm/associations/v4/{fromType}/{toType}/labels", null, idempotent: true,
                HubSpotClientJson.Default.PageAnswerLabelAnswer, cancellationToken);
            var labels = (answer.Results ?? []).Select(Label).ToList();
            _labels[key] = labels;
            return labels;
        }
        finally
        {
            _labelsGate.Release();
        }
    }

    private async Task<string> CategoryOfAsync(int typeId, CancellationToken cancellationToken)
    {
        var labels = await LabelsAsync(_community, "contacts", cancellationToken);
        return labels.FirstOrDefault(l => l.TypeId == typeId)?.Category
            ?? throw new ServiceException(ServiceName, "associate a contact with the community", null, $"HubSpot has no association type {typeId} from the Community object to contacts.");
    }

    /// <summary>Sends a request whose answer is not read.</summary>
    private async Task SendAsync(string operation, HttpMethod method, string path, HttpContent? body, bool idempotent, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(operation, method, path, body, idempotent, notFoundIsNull: false, cancellationToken);
    }

    /// <summary>Sends a request and reads its answer.</summary>
    private async Task<T> SendAsync<T>(
        string operation, HttpMethod method, string path, HttpContent? body, bool idempotent, JsonTypeInfo<T> answer, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(operation, method, path, body, idempotent, notFoundIsNull: false, cancellationToken);
        return await response!.ReadJsonAsync(answer, ServiceName, Service, operation, cancellationToken);
    }

    /// <summary>Reads one record by its address; null when HubSpot has none there (404).</summary>
    private async Task<T?> FindAsync<T>(string operation, string path, JsonTypeInfo<T> answer, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await SendCoreAsync(operation, HttpMethod.Get, path, null, idempotent: true, notFoundIsNull: true, cancellationToken);
        return response is null ? null : await response.ReadJsonAsync(answer, ServiceName, Service, operation, cancellationToken);
    }

    /// <summary>The answer when it is a success; null for a 404 when <paramref name="notFoundIsNull"/>; otherwise the failure.</summary>
    private async Task<HttpResponseMessage?> SendCoreAsync(
        string operation, HttpMethod method, string path, HttpContent? body, bool idempotent, bool notFoundIsNull, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body };
        if (idempotent)
            request.MarkIdempotent();
        var response = await _http.SendAsync(request, ServiceName, Service, operation, cancellationToken);
        if (response.IsSuccessStatusCode)
            return response;
        using (response)
        {
            if (notFoundIsNull && response.StatusCode == HttpStatusCode.NotFound)
                return null;
            throw Failure(operation, idempotent, response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }
    }

    private ServiceException Failure(string operation, bool idempotent, HttpStatusCode status, string text)
    {
        var error = ParseError(text);
        var message = string.IsNullOrWhiteSpace(error?.Message) ? $"HTTP {(int)status} {status}" : error.Message.Trim();
        message = Scrub(message);
        var said = error?.Category is null ? message : $"{message} ({error.Category})";
        var sentence = status switch
        {
            HttpStatusCode.Unauthorized => $"HubSpot refused to {operation} because the access token was not accepted: {said}.",
            HttpStatusCode.Forbidden => $"HubSpot refused to {operation} because the access token lacks a scope: {said}{MissingScopes(error)}.",
            HttpStatusCode.TooManyRequests => $"HubSpot kept rate-limiting the request to {operation}: {said}.",
            >= HttpStatusCode.InternalServerError => $"HubSpot failed to {operation} (HTTP {(int)status}): {said}.{ServiceRequests.MayHaveBeenMade(idempotent)}",
            _ => $"HubSpot refused to {operation} (HTTP {(int)status}): {said}.",
        };
        return new ServiceException(ServiceName, operation, (int)status, sentence) { MayAlreadyExist = IsDuplicate(status, error) };
    }

    /// <summary>
    /// A unique value already taken: 409 (contacts' "Contact already exists"), or a 400 saying the property "already has
    /// that value", as HubSpot has answered for custom objects.
    /// </summary>
    private static bool IsDuplicate(HttpStatusCode status, ErrorAnswer? error) =>
        status == HttpStatusCode.Conflict
        || (status == HttpStatusCode.BadRequest
            && (error?.Message?.Contains("already has that value", StringComparison.OrdinalIgnoreCase) == true
                || error?.Category is "OBJECT_ALREADY_EXISTS" or "CONFLICT"));

    /// <summary>"; the private app needs the scope …" from a MISSING_SCOPES answer's <c>errors[].context</c>, or nothing.</summary>
    private static string MissingScopes(ErrorAnswer? error)
    {
        var scopes = (error?.Errors ?? [])
            .SelectMany(e => e.Context ?? [])
            .Where(c => c.Key.Contains("scopes", StringComparison.OrdinalIgnoreCase))
            .SelectMany(c => c.Value ?? [])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return scopes.Count == 0 ? "" : $"; the private app needs the scope {string.Join(" or ", scopes)}";
    }

    /// <summary>A service message never carries our token; make sure of it.</summary>
    private string Scrub(string text) =>
        _options.AccessToken.Length == 0 ? text : text.Replace(_options.AccessToken, "***", StringComparison.Ordinal);

    /// <summary>HubSpot's error object, or null when the body is something else (a proxy's HTML page).</summary>
    private static ErrorAnswer? ParseError(string text)
    {
        try
        {
            return text.TrimStart().StartsWith('{') ? JsonSerializer.Deserialize(text, HubSpotClientJson.Default.ErrorAnswer) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string PropertiesQuery(IReadOnlyCollection<string> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        return properties.Count == 0 ? "" : "&properties=" + string.Join(",", properties.Select(Uri.EscapeDataString));
    }

    /// <summary>Property values as HubSpot takes them: no value is an empty string, which clears the property.</summary>
    private static Dictionary<string, string> PropertyValues(IEnumerable<KeyValuePair<string, string?>> properties) =>
        properties.ToDictionary(p => p.Key, p => p.Value ?? "", StringComparer.Ordinal);

    private static AssociationLabel Label(LabelAnswer label) => new(label.TypeId, label.Category ?? "", label.Label);

    private static IEnumerable<HubSpotRecord> Records(List<ObjectAnswer>? results) => (results ?? []).Select(Record);

    private static HubSpotRecord Record(ObjectAnswer answer) =>
        new(answer.Id ?? "", answer.Properties ?? new Dictionary<string, string?>(StringComparer.Ordinal))
        {
            // Newest first, whatever order the answer has; a version without a time cannot be placed, so it is left out.
            History = (answer.PropertiesWithHistory ?? []).ToDictionary(
                p => p.Key,
                p => (IReadOnlyList<PropertyWrite>)[.. (p.Value ?? [])
                    .Where(v => v.Timestamp is not null)
                    .Select(v => new PropertyWrite(v.Value, v.Timestamp!.Value, v.SourceType ?? ""))
                    .OrderByDescending(v => v.At)],
                StringComparer.Ordinal),
        };
}
