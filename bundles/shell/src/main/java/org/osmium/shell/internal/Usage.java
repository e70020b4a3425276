package org.osmium.shell.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** How a command is called: its syntax (command name first), its arguments explained, and examples; read by help. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Usage {
    /** The command name followed by its arguments, {@code [OPTIONAL]} and {@code REPEATED...}. */
    String syntax();

    /** One line per argument: {@code "NAME  what it is"}. */
    String[] arguments() default {};

    /** Complete command lines that work. */
    String[] examples() default {};
}
