package org.oaiconformance.contract.check;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A check class whose answers depend on the model: with several models ({@code CONFORMANCE_MODELS}) each of its checks
 * runs once per model, side by side within the run's courtesy limits, and each outcome names its model. Checks of
 * other classes (auth, keys, error envelopes, the models list, embeddings, the SDK rows) are judged once per target.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Inherited
public @interface PerModel {
    /** Per model only when the run asks for it ({@code CONFORMANCE_SDK_ALL_MODELS}: the SDK rows); else with the first model. */
    boolean whenAsked() default false;
}
