/** Osmium's shell front ends: an interactive JLine shell and a script runner over the Gogo machine commands. */
@Export
@Version("1.0.0")
package org.osmium.shell;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
