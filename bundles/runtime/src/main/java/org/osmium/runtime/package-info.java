/** The management API of the machine-assembly runtime: what the shell and the launcher use to build and run machines. */
@Export
@Version("1.1.0")
package org.osmium.runtime;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
