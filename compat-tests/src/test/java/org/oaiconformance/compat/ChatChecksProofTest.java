package org.oaiconformance.compat;

import org.oaiconformance.compat.chat.ChatCompletionChecks;
import org.oaiconformance.compat.stream.StreamingChecks;
import org.oaiconformance.contract.proof.ChecksProof;

/** Proves the chat and streaming checks fail on each matching deviation and pass on every legal variant. */
public class ChatChecksProofTest extends ChecksProof {

    @Override
    protected Class<?>[] checks() {
        return new Class<?>[] {ChatCompletionChecks.class, StreamingChecks.class};
    }
}
