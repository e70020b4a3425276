/** The boot jar: starts an Apache Felix framework with Osmium's bundles and hands the command line to the launcher. */
package org.osmium.boot;
