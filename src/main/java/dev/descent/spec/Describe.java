package dev.descent.spec;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documentation of a spec type or one of its fields. The catalogues and the OpenAPI document
 * read it from the records the engine uses, so there is no second list to keep in step.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface Describe {
    /** One line saying what it is. */
    String value();

    /** For a type: the paper, book or library whose definition it follows. */
    String reference() default "";
}
