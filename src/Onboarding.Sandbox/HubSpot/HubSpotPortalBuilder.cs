namespace Onboarding.Sandbox.HubSpot;

/// <summary>Builds the starting state of a portal from a seed: schemas, association types, pipelines and records.</summary>
internal static class HubSpotPortalBuilder
{
    public const string ContactsTypeId = "0-1";
    public const string DealsTypeId = "0-3";
    public const string NotesTypeId = "0-46";

    public static HubSpotState Build(HubSpotSeed seed, DateTimeOffset now)
    {
        var created = now.AddDays(-400);
        var state = new HubSpotState { PortalId = seed.PortalId, NextRecordId = seed.FirstRecordId };
        state.Schemas.AddRange([Contacts(created), Deals(created), Notes(created), Community(seed, created)]);
        foreach (var schema in state.Schemas)
            state.Records[schema.ObjectTypeId] = [];
        state.AssociationDefinitions.AddRange(Definitions(seed));
        state.Pipelines.AddRange(Pipelines(created));
        foreach (var contact in seed.Contacts)
        {
            var props = new Dictionary<string, string> { ["email"] = contact.Email.ToLowerInvariant() };
            if (contact.FirstName is not null)
                props["firstname"] = contact.FirstName;
            if (contact.LastName is not null)
                props["lastname"] = contact.LastName;
            if (contact.GitHub is not null)
                props["github_username"] = contact.GitHub;
            AddRecord(state, ContactsTypeId, contact.Id, props, created);
        }

        foreach (var deal in seed.Deals)
        {
            var props = new Dictionary<string, string>
            {
                ["dealname"] = deal.Name,
                ["pipeline"] = deal.PipelineId,
                ["dealstage"] = deal.StageId,
            };
            if (deal.Amount is not null)
                props["amount"] = deal.Amount;
            AddRecord(state, DealsTypeId, deal.Id, props, created);
        }

        foreach (var community in seed.Communities)
        {
            AddRecord(state, seed.CommunityObjectTypeId, community.Id, new Dictionary<string, string>(community.Properties), created);
            foreach (var contact in community.Contacts.GroupBy(c => c.ContactId, StringComparer.Ordinal))
            {
                var labels = contact.Select(c => c.Label == "Technical Contact" ? seed.TechnicalContactTypeId : seed.CommunityRepresentativeTypeId).Distinct().ToList();
                AddEdge(state, seed.CommunityObjectTypeId, community.Id, ContactsTypeId, contact.Key, [seed.CommunityToContactDefaultTypeId, .. labels]);
                AddEdge(state, ContactsTypeId, contact.Key, seed.CommunityObjectTypeId, community.Id, [seed.CommunityToContactDefaultTypeId + 1, .. labels.Select(l => l + 1)]);
            }

            foreach (var deal in community.Deals)
            {
                AddEdge(state, seed.CommunityObjectTypeId, community.Id, DealsTypeId, deal, [seed.CommunityToDealDefaultTypeId]);
                AddEdge(state, DealsTypeId, deal, seed.CommunityObjectTypeId, community.Id, [seed.CommunityToDealDefaultTypeId + 1]);
            }
        }

        return state;
    }

    private static void AddEdge(HubSpotState state, string fromType, string fromId, string toType, string toId, List<int> typeIds) =>
        state.Associations.Add(new AssociationEdgeState { FromObjectTypeId = fromType, FromObjectId = fromId, ToObjectTypeId = toType, ToObjectId = toId, TypeIds = [.. typeIds.Order()] });

    private static void AddRecord(HubSpotState state, string typeId, string id, Dictionary<string, string> props, DateTimeOffset at)
    {
        var schema = state.Schemas.First(s => s.ObjectTypeId == typeId);
        var record = new ObjectRecordState { Id = id, ObjectTypeId = typeId, Properties = props, CreatedAt = at, UpdatedAt = at };
        HubSpotStore.StampSystemProperties(schema, record, created: true);
        record.Index.Add(new IndexedVersionState { VisibleAt = at, Properties = new(record.Properties) });
        state.Records[typeId][id] = record;
    }

    private static PropertyState P(string name, string label, string type = "string", string fieldType = "text", bool unique = false, bool readOnly = false, string group = "") =>
        new() { Name = name, Label = label, Type = type, FieldType = fieldType, HasUniqueValue = unique, ReadOnly = readOnly, GroupName = group };

    private static ObjectSchemaState Contacts(DateTimeOffset at) => new()
    {
        Id = ContactsTypeId,
        ObjectTypeId = ContactsTypeId,
        Name = "contacts",
        FullyQualifiedName = "contacts",
        SingularLabel = "Contact",
        PluralLabel = "Contacts",
        PrimaryDisplayProperty = "email",
        SecondaryDisplayProperties = ["firstname", "lastname"],
        SearchableProperties = ["email", "firstname", "lastname"],
        DefaultProperties = ["createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname"],
        Properties =
        [
            P("email", "Email", unique: true, group: "contactinformation"),
            P("firstname", "First Name", group: "contactinformation"),
            P("lastname", "Last Name", group: "contactinformation"),
            P("phone", "Phone Number", fieldType: "phonenumber", group: "contactinformation"),
            P("company", "Company Name", group: "contactinformation"),
            P("jobtitle", "Job Title", group: "contactinformation"),
            P("github_username", "GitHub Username", group: "contactinformation"),
            P("hs_object_id", "Record ID", "number", "number", unique: true, readOnly: true),
            P("createdate", "Create Date", "datetime", "date", readOnly: true),
            P("lastmodifieddate", "Last Modified Date", "datetime", "date", readOnly: true),
        ],
        CreatedAt = at,
        UpdatedAt = at,
    };

    private static ObjectSchemaState Deals(DateTimeOffset at) => new()
    {
        Id = DealsTypeId,
        ObjectTypeId = DealsTypeId,
        Name = "deals",
        FullyQualifiedName = "deals",
        SingularLabel = "Deal",
        PluralLabel = "Deals",
        PrimaryDisplayProperty = "dealname",
        SearchableProperties = ["dealname"],
        DefaultProperties = ["amount", "closedate", "createdate", "dealname", "dealstage", "hs_lastmodifieddate", "hs_object_id", "pipeline"],
        Properties =
        [
            P("dealname", "Deal Name", group: "dealinformation"),
            P("dealstage", "Deal Stage", "enumeration", "radio", group: "dealinformation"),
            P("pipeline", "Pipeline", "enumeration", "select", group: "dealinformation"),
            P("amount", "Amount", "number", "number", group: "dealinformation"),
            P("closedate", "Close Date", "datetime", "date", group: "dealinformation"),
            P("description", "Deal Description", fieldType: "textarea", group: "dealinformation"),
            P("hs_object_id", "Record ID", "number", "number", unique: true, readOnly: true),
            P("createdate", "Create Date", "datetime", "date", readOnly: true),
            P("hs_lastmodifieddate", "Last Modified Date", "datetime", "date", readOnly: true),
        ],
        CreatedAt = at,
        UpdatedAt = at,
    };

    private static ObjectSchemaState Notes(DateTimeOffset at) => new()
    {
        Id = NotesTypeId,
        ObjectTypeId = NotesTypeId,
        Name = "notes",
        FullyQualifiedName = "notes",
        SingularLabel = "Note",
        PluralLabel = "Notes",
        PrimaryDisplayProperty = "hs_note_body",
        RequiredProperties = ["hs_timestamp"],
        SearchableProperties = ["hs_note_body"],
        DefaultProperties = ["hs_createdate", "hs_lastmodifieddate", "hs_object_id"],
        Properties =
        [
            P("hs_note_body", "Note body", fieldType: "html", group: "engagement"),
            P("hs_timestamp", "Activity date", "datetime", "date", group: "engagement"),
            P("hs_attachment_ids", "Attached file IDs", "enumeration", "checkbox", group: "engagement"),
            P("hubspot_owner_id", "Activity assigned to", "enumeration", "select", group: "engagement"),
            P("hs_object_id", "Record ID", "number", "number", unique: true, readOnly: true),
            P("hs_createdate", "Create Date", "datetime", "date", readOnly: true),
            P("hs_lastmodifieddate", "Last Modified Date", "datetime", "date", readOnly: true),
        ],
        CreatedAt = at,
        UpdatedAt = at,
    };

    private static ObjectSchemaState Community(HubSpotSeed seed, DateTimeOffset at)
    {
        const string group = "community_information";
        return new ObjectSchemaState
        {
            Id = seed.CommunityObjectTypeId.Split('-', 2)[^1],
            ObjectTypeId = seed.CommunityObjectTypeId,
            Name = seed.CommunityObjectName,
            FullyQualifiedName = seed.CommunityFullyQualifiedName,
            Custom = true,
            SingularLabel = "Community",
            PluralLabel = "Communities",
            PrimaryDisplayProperty = "name",
            SecondaryDisplayProperties = seed.Blank ? [] : ["long_name"],
            RequiredProperties = ["name"],
            SearchableProperties = seed.Blank ? ["name"] : ["name", "long_name", "github_organization"],
            DefaultProperties = ["hs_createdate", "hs_lastmodifieddate", "hs_object_id"],
            Properties = seed.Blank
                ?
                [
                    P("name", "Name", unique: true, group: group),
                    P("hs_object_id", "Record ID", "number", "number", unique: true, readOnly: true),
                    P("hs_createdate", "Create Date", "datetime", "date", readOnly: true),
                    P("hs_lastmodifieddate", "Last Modified Date", "datetime", "date", readOnly: true),
                ]
                :
            [
                P("name", "Name", unique: true, group: group),
                P("long_name", "Long Name", group: group),
                P("website", "Website", group: group),
                P("github_organization", "GitHub Organization", group: group),
                P("logo", "Logo", group: group),
                P("community_context", "Community Context", fieldType: "textarea", group: group),
                P("first_value_date", "First Value Date", "date", "date", group: group),
                P("time_to_first_value_days", "Time to First Value (days)", "number", "number", group: group),
                P("first_value_hub", "First Value Hub", group: group),
                P("hubs", "Hubs", fieldType: "textarea", group: group),
                P("manifest_path", "Manifest Path", group: group),
                P("hs_object_id", "Record ID", "number", "number", unique: true, readOnly: true),
                P("hs_createdate", "Create Date", "datetime", "date", readOnly: true),
                P("hs_lastmodifieddate", "Last Modified Date", "datetime", "date", readOnly: true),
            ],
            CreatedAt = at,
            UpdatedAt = at,
        };
    }

    private static IEnumerable<AssociationDefinitionState> Definitions(HubSpotSeed seed)
    {
        var community = seed.CommunityObjectTypeId;
        var fqn = seed.CommunityFullyQualifiedName;
        var b = seed.CommunityAssociationTypeIdBase;
        var pairs = new (string From, string To, int TypeId, int InverseId, string Category, string? Label, string Name, string InverseName)[]
        {
            (ContactsTypeId, DealsTypeId, 4, 3, "HUBSPOT_DEFINED", null, "contact_to_deal", "deal_to_contact"),
            (NotesTypeId, ContactsTypeId, 202, 201, "HUBSPOT_DEFINED", null, "note_to_contact", "contact_to_note"),
            (NotesTypeId, DealsTypeId, 214, 213, "HUBSPOT_DEFINED", null, "note_to_deal", "deal_to_note"),
            (community, ContactsTypeId, b, b + 1, "HUBSPOT_DEFINED", null, $"{fqn}_to_contact", $"contact_to_{fqn}"),
            (community, ContactsTypeId, b + 2, b + 3, "USER_DEFINED", "Community Representative", "community_representative", "community_representative"),
            (community, ContactsTypeId, b + 4, b + 5, "USER_DEFINED", "Technical Contact", "technical_contact", "technical_contact"),
            (community, DealsTypeId, b + 6, b + 7, seed.CommunityDefaultAssociationCategory, null, $"{fqn}_to_deal", $"deal_to_{fqn}"),
            (NotesTypeId, community, b + 8, b + 9, seed.CommunityDefaultAssociationCategory, null, $"note_to_{fqn}", $"{fqn}_to_note"),
        };
        foreach (var p in pairs.Where(p => !seed.Blank || p.Label is null))
        {
            yield return new AssociationDefinitionState
            {
                TypeId = p.TypeId, FromObjectTypeId = p.From, ToObjectTypeId = p.To, Category = p.Category, Label = p.Label, Name = p.Name, InverseTypeId = p.InverseId,
            };
            yield return new AssociationDefinitionState
            {
                TypeId = p.InverseId, FromObjectTypeId = p.To, ToObjectTypeId = p.From, Category = p.Category, Label = p.Label, Name = p.InverseName, InverseTypeId = p.TypeId,
            };
        }
    }

    private static IEnumerable<PipelineState> Pipelines(DateTimeOffset at)
    {
        static PipelineStageState S(string id, string label, int order, string probability, bool closed = false) =>
            new() { Id = id, Label = label, DisplayOrder = order, Probability = probability, IsClosed = closed };

        yield return new PipelineState
        {
            Id = "default",
            Label = "Sales Pipeline",
            DisplayOrder = 0,
            CreatedAt = at,
            UpdatedAt = at,
            Stages =
            [
                S("appointmentscheduled", "Appointment Scheduled", 0, "0.2"),
                S("qualifiedtobuy", "Qualified To Buy", 1, "0.4"),
                S("presentationscheduled", "Presentation Scheduled", 2, "0.6"),
                S("decisionmakerboughtin", "Decision Maker Bought-In", 3, "0.8"),
                S("contractsent", "Contract Sent", 4, "0.9"),
                S("closedwon", "Closed Won", 5, "1.0", closed: true),
                S("closedlost", "Closed Lost", 6, "0.0", closed: true),
            ],
        };
        yield return new PipelineState
        {
            Id = HubSpotSeed.OnboardingPipelineId,
            Label = "Community Onboarding",
            DisplayOrder = 1,
            CreatedAt = at,
            UpdatedAt = at,
            Stages =
            [
                S(HubSpotSeed.QualificationStageId, "Qualification", 0, "0.2"),
                S(HubSpotSeed.ProposalStageId, "Proposal", 1, "0.5"),
                S(HubSpotSeed.ContractAdminStageId, "Contract Admin", 2, "0.9"),
                S(HubSpotSeed.ClosedWonStageId, "Closed Won", 3, "1.0", closed: true),
                S(HubSpotSeed.ClosedLostStageId, "Closed Lost", 4, "0.0", closed: true),
            ],
        };
    }
}
