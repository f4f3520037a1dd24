package dev.inflow.examples.springboot;

/**
 * A help desk ticket.
 *
 * @param id the ticket number
 * @param title what it is about
 * @param description the request as written
 * @param status open, in progress or done
 * @param requester who asked
 */
public record Ticket(int id, String title, String description, String status, String requester) {
  /** @return the key of the ticket's discussion in Inflow */
  public String targetKey() {
    return "ticket:" + id;
  }
}
