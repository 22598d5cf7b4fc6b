package org.careid.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Test bean: which persons the change-log replay asked the galleries to reload. */
@ApplicationScoped
public class ReplayedGalleryChanges {
    private final Set<UUID> persons = ConcurrentHashMap.newKeySet();

    /** A method, not the field: the test holds a client proxy, whose own fields are empty. */
    public boolean saw(UUID person) {
        return persons.contains(person);
    }

    void on(@Observes GallerySync.PersonChanged changed) {
        persons.add(changed.staffId());
    }
}
