/** The front end: parses QEMU-style command lines and dispatches to the shell, a script, the img tool or a machine. */
package org.osmium.launcher;
