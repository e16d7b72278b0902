using Onboarding.Sandbox.Freshdesk;

namespace Onboarding.Testing;

/// <summary>
/// Puts tags on a ticket the way earlier versions of the program left them: readable keys longer than the 32 characters
/// Freshdesk now takes, so they can only be written past the API (into the store, and into what search sees).
/// </summary>
public static class EarlierFreshdeskTags
{
    public static void Retag(FreshdeskStore store, long ticketId, IReadOnlyList<string> tags)
    {
        ArgumentNullException.ThrowIfNull(store);
        store.Change(state =>
        {
            state.Tickets.Single(t => t.Id == ticketId).Tags = [.. tags];
            foreach (var entry in state.SearchIndex.Where(e => e.TicketId == ticketId))
                entry.Ticket.Tags = [.. tags];
        });
    }
}
