package org.careid.audit;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.careid.web.ApiException;

import io.agroal.api.AgroalDataSource;

/**
 * Verifies the chain for the API: the whole of it, or incrementally from the newest checkpoint, and
 * against witness checkpoints a caller kept outside the database. See {@link ChainVerification}
 * for what is checked and {@link AuditBreak} for what a break is called.
 */
@ApplicationScoped
public class AuditVerifier {
    private static final int PAGE = 2000;

    private final AgroalDataSource dataSource;
    private final AuditChainKey chainKey;
    private final AuditKeyRing keyRing;

    AuditVerifier(AgroalDataSource dataSource, AuditChainKey chainKey, AuditKeyRing keyRing) {
        this.dataSource = dataSource;
        this.chainKey = chainKey;
        this.keyRing = keyRing;
    }

    public ChainVerification.Verification verify(ChainVerification.Scope scope) {
        return verify(scope, List.of());
    }

    /**
     * @param witnessJws checkpoints as kept by the caller (their JWS); each must verify under a
     *                   published checkpoint key, or the request is refused as bad input
     */
    public ChainVerification.Verification verify(ChainVerification.Scope scope, List<String> witnessJws) {
        List<Checkpoint> witnesses = new ArrayList<>();
        for (int i = 0; i < witnessJws.size(); i++) {
            Checkpoint w;
            try {
                w = Checkpoint.parse(witnessJws.get(i));
            } catch (Checkpoint.MalformedException e) {
                throw ApiException.invalid("checkpoints[" + i + "]", "is not a signed audit checkpoint");
            }
            if (!w.signedBy(keyRing.trusted(w.kid()))) {
                throw ApiException.invalid("checkpoints[" + i + "]", "does not verify under a published audit checkpoint key");
            }
            witnesses.add(w);
        }
        try {
            return new ChainVerification(dataSource::getConnection, chainKey.bytes(), keyRing::trusted, PAGE)
                    .verify(scope, witnesses);
        } catch (SQLException e) {
            throw new IllegalStateException("The audit chain could not be read", e);
        }
    }
}
