package org.careid.threat.history;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.careid.events.AuthEventKind;
import org.careid.events.AuthEventRecord;

/** Keeps successful authentications for retraining the behaviour models, and purges old ones. */
@ApplicationScoped
public class EventHistoryStore {

    @Transactional
    public void record(AuthEventRecord e) {
        if (e.kind() == AuthEventKind.AUTH_SUCCESS && e.staffId() != null) {
            RecordedAuthEvent.of(e).persist();
        }
    }

    public List<AuthEventRecord> since(Instant from) {
        return RecordedAuthEvent.<RecordedAuthEvent>find("time >= ?1", Sort.ascending("time"), from)
                .stream().map(RecordedAuthEvent::toRecord).toList();
    }

    @Transactional
    public long purgeBefore(Instant cutoff) {
        return RecordedAuthEvent.delete("time < ?1", cutoff);
    }
}
