package io.contextuate.monitor.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public type or member that a plugin may use but that may still change in a minor release (a component
 * added to a record, a parameter type refined). Everything public in an exported package that does not carry it is
 * stable: it changes incompatibly only together with {@link StoreProvider#CONTRACT_VERSION}. Types in packages named
 * {@code internal} are not part of the API at all.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD})
public @interface MayChange {

    /** What may change, and why it is not settled yet. */
    String value() default "";
}
