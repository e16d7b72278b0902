using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Onboarding.Core.Services;
using Onboarding.Core.Services.HubSpot;
using Onboarding.Services.Http;
using Polly.Timeout;

namespace Onboarding.Services.HubSpot;

/// <summary>
/// <see cref="IHubSpot"/> over HubSpot's CRM REST API (objects v3, associations v4, pipelines), through the shared
/// resilient pipeline: paced under the rate limit, 429 always retried, 5xx and timeouts retried only for requests
/// that are safe to repeat (reads, search, batch read, upsert by unique key, property updates, PUT and DELETE).
/// </summary>
public sealed class HubSpotClient : IHubSpot, IDisposable
{
    public const int BatchSize = 100;
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
            var body = new JsonObject
            {
                ["inputs"] = new JsonArray([.. chunk.Select(id => (JsonNode?)new JsonObject { ["id"] = id })]),
                ["properties"] = Strings(properties),
            };
            var response = await SendAsync(operation, HttpMethod.Post, $"crm/v3/objects/{objectType}/batch/read", body, idempotent: true, cancellationToken);
            foreach (var record in Records(response?["results"]))
                found[record.Id] = record;
        }

        return [.. ids.Where(found.ContainsKey).Select(id => found[id])];
    }

    public async Task<IReadOnlyList<DealPipeline>> ReadDealPipelinesAsync(CancellationToken cancellationToken = default)
    {
        var response = await SendAsync("read deal pipelines", HttpMethod.Get, "crm/v3/pipelines/deals", null, idempotent: true, cancellationToken);
        var pipelines = new List<DealPipeline>();
        foreach (var p in Array(response?["results"]))
        {
            var stages = Array(p?["stages"]).Select(s => new DealStage(
                Text(s?["id"]) ?? "",
                Text(s?["label"]) ?? "",
                s?["displayOrder"] is JsonValue order && order.TryGetValue<int>(out var n) ? n : 0,
                string.Equals(Text(s?["metadata"]?["isClosed"]), "true", StringComparison.OrdinalIgnoreCase))).ToList();
            pipelines.Add(new DealPipeline(Text(p?["id"]) ?? "", Text(p?["label"]) ?? "", stages));
        }

        return pipelines;
    }

    public Task<IReadOnlyList<AssociationLabel>> ReadCommunityContactLabelsAsync(CancellationToken cancellationToken = default) =>
        LabelsAsync(_community, "contacts", cancellationToken);

    public async Task<HubSpotRecord?> FindCommunityAsync(string name, IReadOnlyCollection<string> properties, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var path = $"crm/v3/objects/{_community}/{Uri.EscapeDataString(name)}?idProperty={Uri.EscapeDataString(_options.CommunityNameProperty)}{PropertiesQuery(properties)}";
        var response = await SendAsync("find the community", HttpMethod.Get, path, null, idempotent: true, cancellationToken, notFoundIsNull: true);
        return response is null ? null : Record(response);
    }

    public async Task<IReadOnlyList<HubSpotRecord>> ListCommunitiesAsync(IReadOnlyCollection<string> properties, CancellationToken cancellationToken = default)
    {
        var records = new List<HubSpotRecord>();
        string? after = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var path = $"crm/v3/objects/{_community}?limit=100{PropertiesQuery(properties)}" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after));
            var response = await SendAsync("list the communities", HttpMethod.Get, path, null, idempotent: true, cancellationToken);
            records.AddRange(Records(response?["results"]));
            after = Text(response?["paging"]?["next"]?["after"]);
            if (after is null)
                return records;
        }

        throw new ServiceException(Service, "list the communities", null, $"HubSpot listed more than {MaxPages} pages of communities; stopped reading.");
    }

    public async Task<HubSpotRecord> ReadCommunityAsync(string communityId, IReadOnlyCollection<string> properties, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(communityId);
        var path = $"crm/v3/objects/{_community}/{Uri.EscapeDataString(communityId)}?{PropertiesQuery(properties).TrimStart('&')}";
        var response = await SendAsync("read the community", HttpMethod.Get, path, null, idempotent: true, cancellationToken);
        return Record(response!);
    }

    public async Task<HubSpotRecord> CreateCommunityAsync(IReadOnlyDictionary<string, string?> properties, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var body = new JsonObject { ["properties"] = PropertiesObject(properties) };
        // Not marked idempotent: after an ambiguous failure the caller looks the community up by name instead.
        var response = await SendAsync("create the community", HttpMethod.Post, $"crm/v3/objects/{_community}", body, idempotent: false, cancellationToken);
        return Record(response!);
    }

    public async Task<HubSpotRecord> UpdateCommunityAsync(string communityId, IReadOnlyDictionary<string, string?> properties, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(communityId);
        ArgumentNullException.ThrowIfNull(properties);
        var body = new JsonObject { ["properties"] = PropertiesObject(properties) };
        // Setting properties to given values can be repeated safely.
        var response = await SendAsync("update the community", HttpMethod.Patch, $"crm/v3/objects/{_community}/{Uri.EscapeDataString(communityId)}", body, idempotent: true, cancellationToken);
        return Record(response!);
    }

    public async Task<IReadOnlyList<HubSpotRecord>> FindContactsByEmailAsync(IReadOnlyCollection<string> emails, IReadOnlyCollection<string> properties, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(emails);
        ArgumentNullException.ThrowIfNull(properties);
        var wanted = emails.Select(e => e.Trim()).Where(e => e.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var results = new List<HubSpotRecord>();
        foreach (var chunk in wanted.Chunk(BatchSize))
        {
            var body = new JsonObject
            {
                ["idProperty"] = "email",
                ["inputs"] = new JsonArray([.. chunk.Select(e => (JsonNode?)new JsonObject { ["id"] = e })]),
                ["properties"] = Strings(properties.Append("email").Distinct(StringComparer.Ordinal)),
            };
            var response = await SendAsync("find contacts by email", HttpMethod.Post, "crm/v3/objects/contacts/batch/read", body, idempotent: true, cancellationToken);
            results.AddRange(Records(response?["results"]));
        }

        return results;
    }

    public async Task<IReadOnlyList<HubSpotUpserted>> UpsertContactsByEmailAsync(IReadOnlyList<HubSpotContactInput> contacts, CancellationToken cancellationToken = default)
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

        var results = new List<HubSpotUpserted>();
        foreach (var chunk in merged.Chunk(BatchSize))
        {
            var body = new JsonObject
            {
                ["inputs"] = new JsonArray([.. chunk.Select(c => (JsonNode?)new JsonObject
                {
                    ["idProperty"] = "email",
                    ["id"] = c.Email,
                    ["properties"] = PropertiesObject(c.Properties.Where(p => p.Key != "email")),
                })]),
            };
            var response = await SendAsync("upsert contacts", HttpMethod.Post, "crm/v3/objects/contacts/batch/upsert", body, idempotent: true, cancellationToken);
            foreach (var item in Array(response?["results"]))
            {
                var record = Record(item!);
                var created = item?["new"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
                results.Add(new HubSpotUpserted(record.Id, created, record.Properties));
            }
        }

        return results;
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
            var response = await SendAsync(operation, HttpMethod.Get, path, null, idempotent: true, cancellationToken);
            foreach (var item in Array(response?["results"]))
            {
                var types = Array(item?["associationTypes"]).Select(t => new AssociationLabel(
                    t?["typeId"] is JsonValue v && v.TryGetValue<int>(out var id) ? id : 0,
                    Text(t?["category"]) ?? "",
                    Text(t?["label"]))).ToList();
                results.Add(new HubSpotAssociation(Text(item?["toObjectId"]) ?? "", types));
            }

            after = Text(response?["paging"]?["next"]?["after"]);
            if (after is null)
                return results;
        }

        throw new ServiceException(Service, operation, null, $"HubSpot listed more than {MaxPages} pages of {toType} for community {communityId}; stopped reading.");
    }

    public async Task AssociateCommunityContactAsync(string communityId, string contactId, int labelTypeId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(communityId);
        ArgumentException.ThrowIfNullOrWhiteSpace(contactId);
        var category = await CategoryOfAsync(labelTypeId, cancellationToken);
        var body = new JsonArray(new JsonObject { ["associationCategory"] = category, ["associationTypeId"] = labelTypeId });
        var path = $"crm/v4/objects/{_community}/{Uri.EscapeDataString(communityId)}/associations/contacts/{Uri.EscapeDataString(contactId)}";
        await SendAsync("associate a contact with the community", HttpMethod.Put, path, body, idempotent: true, cancellationToken);
    }

    public async Task AssociateCommunityContactsAsync(string communityId, IReadOnlyList<(string ContactId, int LabelTypeId)> labels, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(communityId);
        ArgumentNullException.ThrowIfNull(labels);
        foreach (var chunk in labels.Chunk(BatchSize))
        {
            var inputs = new JsonArray();
            foreach (var (contactId, typeId) in chunk)
            {
                var category = await CategoryOfAsync(typeId, cancellationToken);
                inputs.Add(new JsonObject
                {
                    ["from"] = new JsonObject { ["id"] = communityId },
                    ["to"] = new JsonObject { ["id"] = contactId },
                    ["types"] = new JsonArray(new JsonObject { ["associationCategory"] = category, ["associationTypeId"] = typeId }),
                });
            }

            // Labelling the same pair again changes nothing, so the batch is safe to repeat.
            var response = await SendAsync("associate contacts with the community", HttpMethod.Post, $"crm/v4/associations/{_community}/contacts/batch/create",
                new JsonObject { ["inputs"] = inputs }, idempotent: true, cancellationToken);
            if (response?["numErrors"] is JsonValue errors && errors.TryGetValue<int>(out var count) && count > 0)
            {
                throw new ServiceException(Service, "associate contacts with the community", 207,
                    $"HubSpot could not label {count} of the community's contacts: {Text(response["errors"]?[0]?["message"]) ?? "no reason given"}.");
            }
        }
    }

    public async Task RemoveCommunityContactLabelAsync(string communityId, string contactId, int labelTypeId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(communityId);
        ArgumentException.ThrowIfNullOrWhiteSpace(contactId);
        var category = await CategoryOfAsync(labelTypeId, cancellationToken);
        var body = new JsonObject
        {
            ["inputs"] = new JsonArray(new JsonObject
            {
                ["from"] = new JsonObject { ["id"] = communityId },
                ["to"] = new JsonObject { ["id"] = contactId },
                ["types"] = new JsonArray(new JsonObject { ["associationCategory"] = category, ["associationTypeId"] = labelTypeId }),
            }),
        };
        await SendAsync("remove a contact's label from the community", HttpMethod.Post, $"crm/v4/associations/{_community}/contacts/batch/labels/archive", body, idempotent: true, cancellationToken);
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
        var path = $"crm/v4/objects/{_community}/{Uri.EscapeDataString(communityId)}/associations/default/deals/{Uri.EscapeDataString(dealId)}";
        await SendAsync("associate a deal with the community", HttpMethod.Put, path, null, idempotent: true, cancellationToken);
    }

    public async Task<IReadOnlyList<HubSpotRecord>> ReadCommunityNotesAsync(string communityId, CancellationToken cancellationToken = default)
    {
        var ids = (await ReadCommunityAssociationsAsync(communityId, "notes", "read the community's notes", cancellationToken)).Select(a => a.ToObjectId).ToList();
        return ids.Count == 0 ? [] : await BatchReadAsync("notes", "read notes", ids, ["hs_note_body"], cancellationToken);
    }

    public async Task<string> CreateNoteAsync(string body, DateTimeOffset timestamp, IReadOnlyList<HubSpotNoteTarget> attachTo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(attachTo);
        var associations = new JsonArray();
        foreach (var target in attachTo)
        {
            var toType = TypePath(target.Kind);
            var labels = await LabelsAsync("notes", toType, cancellationToken);
            var standard = labels.FirstOrDefault(l => l.Label is null && l.Category == "HUBSPOT_DEFINED")
                ?? throw new ServiceException(Service, "create a note", null, $"HubSpot has no default association from notes to {target.Kind}.");
            associations.Add(new JsonObject
            {
                ["to"] = new JsonObject { ["id"] = target.Id },
                ["types"] = new JsonArray(new JsonObject { ["associationCategory"] = standard.Category, ["associationTypeId"] = standard.TypeId }),
            });
        }

        var request = new JsonObject
        {
            ["properties"] = new JsonObject
            {
                ["hs_note_body"] = body,
                ["hs_timestamp"] = timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            },
            ["associations"] = associations,
        };
        var response = await SendAsync("create a note", HttpMethod.Post, "crm/v3/objects/notes", request, idempotent: false, cancellationToken);
        return Text(response?["id"]) ?? throw new ServiceException(Service, "create a note", 201, "HubSpot created a note but did not say its id.");
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

    private async Task<IReadOnlyList<AssociationLabel>> LabelsAsync(string fromType, string toType, CancellationToken cancellationToken)
    {
        var key = fromType + "|" + toType;
        await _labelsGate.WaitAsync(cancellationToken);
        try
        {
            if (_labels.TryGetValue(key, out var cached))
                return cached;
            var response = await SendAsync("read association labels", HttpMethod.Get, $"crm/associations/v4/{fromType}/{toType}/labels", null, idempotent: true, cancellationToken);
            var labels = Array(response?["results"]).Select(l => new AssociationLabel(
                l?["typeId"] is JsonValue v && v.TryGetValue<int>(out var id) ? id : 0,
                Text(l?["category"]) ?? "",
                Text(l?["label"]))).ToList();
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
            ?? throw new ServiceException(Service, "associate a contact with the community", null, $"HubSpot has no association type {typeId} from the Community object to contacts.");
    }

    private async Task<JsonNode?> SendAsync(
        string operation,
        HttpMethod method,
        string path,
        JsonNode? body,
        bool idempotent,
        CancellationToken cancellationToken,
        bool notFoundIsNull = false)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        if (idempotent)
            request.MarkIdempotent();
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception error) when (error is HttpRequestException or TimeoutRejectedException or IOException or OperationCanceledException)
        {
            var what = error is TimeoutRejectedException or OperationCanceledException ? "it did not answer in time" : "the connection failed";
            // Only a write can have happened unseen; for a read the sentence would only worry the reader.
            var unknown = method == HttpMethod.Get || idempotent ? "" : " Nothing more is known about whether it was done.";
            throw new ServiceException(Service, operation, null, $"HubSpot could not {operation}: {what}.{unknown}", error);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
                return text.Length == 0 ? null : Parse(text);
            if (notFoundIsNull && response.StatusCode == HttpStatusCode.NotFound)
                return null;
            throw Failure(operation, response.StatusCode, text);
        }
    }

    private ServiceException Failure(string operation, HttpStatusCode status, string text)
    {
        string? message = null;
        string? category = null;
        if (Parse(text) is JsonObject error)
        {
            message = Text(error["message"]);
            category = Text(error["category"]);
        }

        message = string.IsNullOrWhiteSpace(message) ? $"HTTP {(int)status} {status}" : message.Trim();
        message = Scrub(message);
        var said = category is null ? message : $"{message} ({category})";
        var sentence = status switch
        {
            HttpStatusCode.Unauthorized => $"HubSpot refused to {operation} because the access token was not accepted: {said}.",
            HttpStatusCode.Forbidden => $"HubSpot refused to {operation} because the access token lacks a scope: {said}.",
            HttpStatusCode.TooManyRequests => $"HubSpot kept rate-limiting the request to {operation}: {said}.",
            >= HttpStatusCode.InternalServerError => $"HubSpot failed to {operation} (HTTP {(int)status}): {said}. It may or may not have been done.",
            _ => $"HubSpot refused to {operation} (HTTP {(int)status}): {said}.",
        };
        return new ServiceException(Service, operation, (int)status, sentence);
    }

    /// <summary>A service message never carries our token; make sure of it.</summary>
    private string Scrub(string text) =>
        _options.AccessToken.Length == 0 ? text : text.Replace(_options.AccessToken, "***", StringComparison.Ordinal);

    private static JsonNode? Parse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
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

    private static JsonObject PropertiesObject(IEnumerable<KeyValuePair<string, string?>> properties)
    {
        var result = new JsonObject();
        foreach (var (key, value) in properties)
            result[key] = value ?? "";
        return result;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    private static IEnumerable<JsonNode?> Array(JsonNode? node) => node as JsonArray ?? [];

    private static string? Text(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<long>(out var n) => n.ToString(CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
        JsonValue v => v.ToJsonString(),
        _ => null,
    };

    private static IEnumerable<HubSpotRecord> Records(JsonNode? results) => Array(results).Where(r => r is JsonObject).Select(r => Record(r!));

    private static HubSpotRecord Record(JsonNode node)
    {
        var properties = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (node["properties"] is JsonObject props)
        {
            foreach (var (key, value) in props)
                properties[key] = Text(value);
        }

        return new HubSpotRecord(Text(node["id"]) ?? "", properties);
    }
}
