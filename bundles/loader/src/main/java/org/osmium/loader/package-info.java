/** Loader: reads ELF64 RISC-V executables and raw images into segments to copy into guest RAM. */
@Export
@Version("1.0.0")
package org.osmium.loader;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
