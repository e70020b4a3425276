/** CPUs: harts that execute guest code against the machine's address space. */
@Export
@Version("1.0.0")
package org.osmium.api.cpu;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
