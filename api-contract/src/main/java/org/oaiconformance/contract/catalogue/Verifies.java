package org.oaiconformance.contract.catalogue;

import io.qameta.allure.LabelAnnotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the catalogue requirement(s) a check verifies. Allure turns each ID into a {@code requirement} label;
 * the outcome recorder turns the check's result into an outcome for each ID.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@LabelAnnotation(name = Verifies.LABEL)
public @interface Verifies {
    String LABEL = "requirement";

    String[] value();
}
