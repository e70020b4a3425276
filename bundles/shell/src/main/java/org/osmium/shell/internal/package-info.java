/** The machine commands for Gogo, their help, completion, and the interactive and script runners behind ShellRunner. */
package org.osmium.shell.internal;
