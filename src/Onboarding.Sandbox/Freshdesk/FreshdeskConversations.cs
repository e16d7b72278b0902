using System.Text.Json.Nodes;
using Onboarding.Sandbox.Infrastructure;
using static Onboarding.Sandbox.Freshdesk.FreshdeskQuery;
using static Onboarding.Sandbox.Freshdesk.FreshdeskStore;

namespace Onboarding.Sandbox.Freshdesk;

/// <summary>A ticket's conversations: notes and replies added, and listed page by page.</summary>
internal sealed class FreshdeskConversations(FreshdeskStore store)
{
    private FreshdeskState State => store.State;

    /// <summary>A note (private unless said otherwise), written by the key's agent unless <c>user_id</c> names someone else.</summary>
    public EmulatorResponse AddNote(long ticketId, JsonObject json)
    {
        var ticket = store.FindTicket(ticketId);
        if (ticket is null || ticket.Deleted)
            throw FreshdeskProblem.NotFound();
        var body = new FreshdeskBody(json, ["body", "incoming", "notify_emails", "private", "user_id"]);
        var note = new ConversationRecord
        {
            TicketId = ticketId,
            Body = body.String("body", required: true) ?? "",
            Incoming = body.Bool("incoming") ?? false,
            Private = body.Bool("private") ?? true,
            ToEmails = body.StringList("notify_emails", emails: true) ?? [],
            UserId = body.Long("user_id") ?? store.Seed.AgentId,
            Source = 2,
            Category = 2,
        };
        if (note.UserId != store.Seed.AgentId && store.FindContact(note.UserId) is null)
            body.Fail("user_id", "There is no contact or agent matching the given user_id");
        body.ThrowIfInvalid();
        return AddConversation(ticket, note);
    }

    /// <summary>A reply to the requester, from the ticket's mailbox unless <c>from_email</c> says otherwise.</summary>
    public EmulatorResponse AddReply(long ticketId, JsonObject json)
    {
        var ticket = store.FindTicket(ticketId);
        if (ticket is null || ticket.Deleted)
            throw FreshdeskProblem.NotFound();
        var body = new FreshdeskBody(json, ["body", "from_email", "user_id", "cc_emails", "bcc_emails"]);
        var reply = new ConversationRecord
        {
            TicketId = ticketId,
            Body = body.String("body", required: true) ?? "",
            FromEmail = body.String("from_email"),
            UserId = body.Long("user_id") ?? store.Seed.AgentId,
            CcEmails = body.StringList("cc_emails", emails: true) ?? [],
            BccEmails = body.StringList("bcc_emails", emails: true) ?? [],
            Source = 0,
            Category = 3,
        };
        body.ThrowIfInvalid();
        var requester = store.FindContact(ticket.RequesterId);
        reply.ToEmails = requester?.Email is { } to ? [to] : [];
        reply.FromEmail ??= store.EmailConfig(ticket.EmailConfigId)?.ReplyEmail;
        return AddConversation(ticket, reply);
    }

    public EmulatorResponse List(long ticketId, IReadOnlyDictionary<string, string> query)
    {
        RejectUnknown(query, "page", "per_page");
        var (page, perPage) = Paging(query);
        if (store.FindTicket(ticketId) is null)
            throw FreshdeskProblem.NotFound();
        return Page(State.Conversations.Where(c => c.TicketId == ticketId).OrderBy(c => c.Id), page, perPage, ToJson);
    }

    private EmulatorResponse AddConversation(TicketRecord ticket, ConversationRecord conversation)
    {
        var now = store.Now;
        conversation.Id = State.NextConversationId++;
        conversation.BodyText = HtmlToText(conversation.Body) ?? "";
        conversation.SupportEmail = store.EmailConfig(ticket.EmailConfigId)?.ReplyEmail;
        conversation.CreatedAt = Second(now);
        conversation.UpdatedAt = Second(now);
        State.Conversations.Add(conversation);
        ticket.UpdatedAt = Second(now);
        store.Index(ticket, now);
        return new EmulatorResponse(201, ToJson(conversation)) { Changed = true };
    }
}
