package org.careid.threat.feed;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.careid.events.AuthEventRecord;

/**
 * The events of all replicas in one place, so that one detector engine sees them all: with several
 * replicas behind a load balancer, a brute force spread over them, or two authentications of one
 * person on two replicas, would otherwise be split between engines that each see too little. Every
 * replica {@link #publish}es what it sees; the replica holding the detection lease {@link #take}s
 * them in the order they were written and {@link #remove}s them once processed. Rows are deleted,
 * not skipped past, so an event whose transaction commits after a later one is still taken.
 */
@ApplicationScoped
public class SharedEventFeed {

    public void publish(AuthEventRecord e) {
        QuarkusTransaction.requiringNew().run(() -> FeedEvent.of(e).persist());
    }

    /** Up to {@code max} waiting events, oldest first. */
    public List<Taken> take(int max) {
        return QuarkusTransaction.requiringNew().call(() -> FeedEvent.<FeedEvent>findAll(Sort.ascending("id"))
                .page(Page.ofSize(max)).list().stream().map(f -> new Taken(f.id, f.toRecord())).toList());
    }

    /** Deletes processed events; a detecting replica that dies before this leaves them to the next (at least once). */
    public void remove(List<Taken> processed) {
        if (!processed.isEmpty()) {
            List<Long> ids = processed.stream().map(Taken::id).toList();
            QuarkusTransaction.requiringNew().run(() -> FeedEvent.delete("id in ?1", ids));
        }
    }

    public long waiting() {
        return QuarkusTransaction.requiringNew().call(() -> FeedEvent.count());
    }

    /** An event and its row id. */
    public record Taken(long id, AuthEventRecord event) {}
}
