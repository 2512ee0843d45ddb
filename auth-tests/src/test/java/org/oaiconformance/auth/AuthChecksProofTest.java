package org.oaiconformance.auth;

import org.oaiconformance.auth.bearer.BearerAuthChecks;
import org.oaiconformance.auth.errors.ErrorEnvelopeChecks;
import org.oaiconformance.contract.proof.ChecksProof;

/** Proves the auth checks fail on each matching deviation of the reference target and pass otherwise. */
public class AuthChecksProofTest extends ChecksProof {

    @Override
    protected Class<?>[] checks() {
        return new Class<?>[] {BearerAuthChecks.class, ErrorEnvelopeChecks.class};
    }
}
