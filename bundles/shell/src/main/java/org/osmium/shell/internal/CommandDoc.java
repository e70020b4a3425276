package org.osmium.shell.internal;

import java.util.List;

/** The documentation of one command: scope, name, one-line description, syntax, arguments and examples. */
record CommandDoc(String scope, String name, String description, String syntax, List<String> arguments, List<String> examples) {

    /** The scoped name, {@code machine:add}. */
    String qualifiedName() {
        return scope + ":" + name;
    }

    /** {@code usage: machine:add MODEL ID [key=value...]}. */
    String usage() {
        return "usage: " + scope + ":" + syntax;
    }

    /** The full help text: usage, description, arguments and examples. */
    String text() {
        StringBuilder text = new StringBuilder(usage()).append('\n').append("  ").append(description);
        if (!arguments.isEmpty()) {
            text.append("\narguments:");
            arguments.forEach(argument -> text.append("\n  ").append(argument));
        }
        if (!examples.isEmpty()) {
            text.append("\nexamples:");
            examples.forEach(example -> text.append("\n  ").append(example));
        }
        return text.toString();
    }
}
