package org.careid.audit;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

/**
 * Re-walks the chain from the first entry and reports the first broken link: an entry whose
 * stored hash no longer matches its content (edited), whose previous hash is not its
 * predecessor's (reordered or inserted), a gap in the sequence (deleted), or a head that does not
 * name the last entry (truncated).
 */
@ApplicationScoped
public class AuditVerifier {
    private static final int PAGE = 1000;

    public record Verification(boolean valid, long entriesChecked, Long firstBrokenSeq, String reason) {}

    @Transactional
    public Verification verify() {
        String expectedPrev = AuditHashing.GENESIS;
        long expectedSeq = 1;
        int pageIndex = 0;
        while (true) {
            List<AuditEntry> page = AuditEntry.findAll(Sort.by("seq")).page(Page.of(pageIndex++, PAGE)).list();
            for (AuditEntry e : page) {
                if (e.seq != expectedSeq) {
                    return broken(expectedSeq - 1, expectedSeq, "entry " + expectedSeq + " is missing");
                }
                if (!e.prevHash.equals(expectedPrev)) {
                    return broken(expectedSeq - 1, e.seq, "previous-hash link does not match entry " + (e.seq - 1));
                }
                if (!AuditHashing.hash(e).equals(e.hash)) {
                    return broken(expectedSeq - 1, e.seq, "content does not match its hash (edited)");
                }
                expectedPrev = e.hash;
                expectedSeq++;
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        AuditHead head = AuditHead.findById(AuditHead.THE_ONLY_ROW);
        if (head.lastSeq != expectedSeq - 1 || !head.lastHash.equals(expectedPrev)) {
            return broken(expectedSeq - 1, expectedSeq, "the chain head names entry " + head.lastSeq
                    + " but the chain ends at " + (expectedSeq - 1) + " (truncated or head edited)");
        }
        return new Verification(true, expectedSeq - 1, null, null);
    }

    private static Verification broken(long checked, long seq, String reason) {
        return new Verification(false, checked, seq, reason);
    }
}
