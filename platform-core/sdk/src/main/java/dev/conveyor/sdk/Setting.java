package dev.conveyor.sdk;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes one component of a plugin's settings record (or of a record nested in it). The platform derives the
 * settings a tenant admin sees ({@code GET /plugins}) from the record: the component's name, its type (text, whole
 * number, true/false, duration such as {@code 24h} or {@code PT24H}, URL, an enum's options, a nested record's own
 * settings, a list), and this annotation's help, default and secrecy. Put Bean Validation annotations beside it
 * ({@code @NotEmpty}, {@code @Min}, {@code @Pattern}); rules across components go in
 * {@link DomainPlugin#validateSettings}. A component with neither a default nor a value is {@code null}: mark it
 * {@code @NotNull} (or {@code @NotEmpty}) to make it required.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface Setting {

    /** A sentence for the tenant admin: what the setting does and an example. */
    String help();

    /** The value when the tenant sets none, written as the API takes it (JSON text for a record or list); none if empty. */
    String defaultValue() default "";

    /** Never shown again once set (the API answers {@code "********"}) and stored encrypted. */
    boolean secret() default false;
}
