package org.oaiconformance.contract.outcome;

/** A check parameter that is a row of the SDK matrix: the outcome records its name, nobody parses display names. */
public interface SdkRow {
    /** "openai-node 6.30.1": the SDK and the version that ran. */
    String row();
}
